from django.urls import path

from families.views import awards, honours, households, rounds

app_name = "families"
urlpatterns = [
    path("households/", households.household_list, name="households"),
    path("households/export/", households.household_export, name="household_export"),
    path("households/new/", households.household_create, name="household_create"),
    path("households/import/", households.household_import, name="household_import"),
    path("households/import/template/", households.household_import_template,
         name="household_import_template"),
    path("households/<int:pk>/", households.household_detail, name="household"),
    path("households/<int:pk>/edit/", households.household_edit, name="household_edit"),
    path("households/<int:pk>/inspect/", households.inspection_create,
         name="inspection_create"),
    path("inspections/<int:pk>/", households.inspection_detail, name="inspection"),
    path("photos/<int:pk>/", households.photo, name="photo"),
    path("coverage/", households.coverage, name="coverage"),
    path("coverage/export/", households.coverage_export, name="coverage_export"),
    path("honours/", honours.honour_list, name="honours"),
    path("honours/export/", honours.honour_export, name="honour_export"),
    path("honours/nominate/", honours.honour_nominate, name="honour_nominate"),
    path("honours/<int:pk>/", honours.honour_detail, name="honour"),
    path("honours/<int:pk>/<slug:action>/", honours.honour_step, name="honour_step"),
    path("award-lists/", awards.award_lists, name="award_lists"),
    path("award-lists/upload/", awards.award_list_upload, name="award_list_upload"),
    path("award-lists/template/", awards.award_list_template, name="award_list_template"),
    path("award-lists/<int:pk>/", awards.award_list_detail, name="award_list"),
    path("award-lists/<int:pk>/approve/", awards.award_list_approve, name="award_list_approve"),
    path("award-lists/<int:pk>/withdraw/", awards.award_list_withdraw,
         name="award_list_withdraw"),
    path("recipients/<int:pk>/", honours.recipient_detail, name="recipient"),
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/template/", rounds.round_template, name="round_template"),
    path("rounds/<int:pk>/import/", rounds.round_import, name="round_import"),
]
