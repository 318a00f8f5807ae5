from django.urls import path

from federation.portal.summary import views

app_name = "summary"
urlpatterns = [
    path("", views.summary_home, name="home"),
    path("<int:pk>/", views.run_detail, name="run"),
    path("<int:pk>/download/<str:kind>/", views.download, name="download"),
    path("plan/", views.plan_list, name="plan"),
    path("plan/new/", views.plan_edit, name="plan_new"),
    path("plan/<int:pk>/", views.plan_edit, name="plan_edit"),
    path("plan/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
]
