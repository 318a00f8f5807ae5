from django.urls import path

from orgs.users import views

app_name = "users"
urlpatterns = [
    path("", views.user_list, name="list"),
    path("new/", views.user_create, name="create"),
    path("import/", views.import_upload, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("<int:pk>/edit/", views.user_edit, name="edit"),
    path("<int:pk>/reset-password/", views.user_reset_password, name="reset_password"),
    path("<int:pk>/toggle-active/", views.user_toggle_active, name="toggle_active"),
]
