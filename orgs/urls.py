from django.urls import path

from orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_list, name="list"),
    path("export/", views.org_export, name="export"),
    path("committees/", views.committee_stats, name="committee_stats"),
    path("import/", views.import_upload, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("<int:pk>/edit/", views.org_edit, name="edit"),
    path("<int:parent_pk>/new/", views.org_create, name="create"),
    path("<int:org_pk>/terms/new/", views.term_create, name="term_create"),
    path("<int:org_pk>/positions/new/", views.position_create, name="position_create"),
    path("positions/<int:pk>/end/", views.position_end, name="position_end"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
]
