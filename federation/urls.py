from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from federation.portal import accounts, health, search, todo, twofactor, views
from federation.portal.api import tokens

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(),
         name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("search/", search.search, name="search"),
    path("todo/", todo.todo_list, name="todo"),
    path("todo/badge/", todo.todo_badge, name="todo_badge"),
    path("accounts/two-factor/setup/", twofactor.setup, name="two_factor_setup"),
    path("accounts/two-factor/verify/", twofactor.verify, name="two_factor_verify"),
    path("audit/access/", views.access_log, name="access_log"),
    path("audit/changes/", views.audit_changes, name="audit_changes"),
    path("health/", health.health, name="health"),
    # Browsers ask for it on every page without an icon link (the Django admin's).
    path("favicon.ico", views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("orgs/", include("orgs.urls")),
    path("users/", include("orgs.users.urls")),
    path("families/", include("families.urls")),
    path("rights/", include("rights.urls")),
    path("children/", include("children.urls")),
    path("summary/", include("federation.portal.summary.urls")),
    path("api/", include("federation.portal.api.urls")),
    path("api-token/", tokens.token_page, name="api_token"),
    path("admin/", admin.site.urls),
]
# No /media/ URL, not even with DEBUG: every file is streamed from the storage by the view
# that checks the user's scope (and works whatever the storage, folder or S3-compatible).
