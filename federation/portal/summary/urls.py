from django.urls import path

from federation.portal.summary import views

app_name = "summary"
urlpatterns = [
    path("", views.summary_home, name="home"),
    path("<int:pk>/", views.run_detail, name="run"),
    path("<int:pk>/download/<str:kind>/", views.download, name="download"),
]
