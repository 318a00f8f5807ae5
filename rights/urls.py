from django.urls import path

from rights.views import cases, handling, mediation, risk, stats

app_name = "rights"
urlpatterns = [
    path("", cases.case_list, name="case_list"),
    path("new/", cases.case_create, name="case_create"),
    path("overdue/", cases.overdue_list, name="overdue"),
    path("export/", cases.case_export, name="case_export"),
    path("<int:pk>/", cases.case_detail, name="case_detail"),
    path("<int:pk>/full/", cases.case_unmask, name="case_unmask"),
    path("<int:pk>/edit/", cases.case_edit, name="case_edit"),
    path("<int:pk>/export/", cases.case_export_one, name="case_export_one"),
    path("<int:pk>/assign/", handling.case_assign, name="case_assign"),
    path("<int:pk>/action/", handling.action_create, name="action_create"),
    path("<int:pk>/close/", handling.case_close, name="case_close"),
    path("<int:pk>/follow-up/", handling.case_followup, name="case_followup"),
    path("<int:pk>/extend/", handling.case_extend, name="case_extend"),
    path("<int:pk>/mediation/", mediation.mediation_create, name="mediation_create"),
    path("actions/<int:pk>/feedback/", handling.action_feedback, name="action_feedback"),
    path("mediations/", mediation.mediation_list, name="mediation_list"),
    path("mediations/<int:pk>/", mediation.mediation_detail, name="mediation_detail"),
    path("mediations/<int:pk>/edit/", mediation.mediation_edit, name="mediation_edit"),
    path("mediations/<int:pk>/session/", mediation.session_create, name="session_create"),
    path("statistics/", stats.stats, name="stats"),
    path("statistics/export/", stats.stats_export, name="stats_export"),
    path("register/", risk.household_list, name="household_list"),
    path("register/new/", risk.household_create, name="household_create"),
    path("register/<int:pk>/", risk.household_detail, name="household_detail"),
    path("register/<int:pk>/edit/", risk.household_edit, name="household_edit"),
    path("register/<int:pk>/screening/", risk.screening_create, name="screening_create"),
    path("register/<int:pk>/open-case/", risk.household_open_case, name="household_open_case"),
]
