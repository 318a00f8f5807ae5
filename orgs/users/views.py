"""User management in the portal: district admins for their scope, street chairs for the
community chairs of their street. Which accounts a manager may touch is one query:
`User.objects.manageable_by(manager)`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from federation.kernel.filters import query_params, text_field
from federation.kernel.pagination import paginate
from federation.kernel.spreadsheets import workbook_response
from federation.kernel.views import form_page, upload_page
from orgs.forms import UploadForm
from orgs.models import Role, User
from orgs.scoping import get_visible_or_404
from orgs.users import imports
from orgs.users.forms import UserForm
from orgs.users.services import set_temporary_password, temporary_password


def _manager(request) -> User:
    if not request.user.manageable_roles():
        raise PermissionDenied
    return request.user


class UserListParams(forms.Form):
    q = text_field()
    role = forms.ChoiceField(label=gettext_lazy("role"), required=False,
                             choices=[("", "")] + Role.choices)


@login_required
def user_list(request):
    manager = _manager(request)
    users = User.objects.manageable_by(manager).select_related("org").order_by("org__path",
                                                                                "username")
    params = query_params(request, UserListParams)
    q, role = params["q"], params["role"]
    if q:
        users = users.filter(username__icontains=q) | users.filter(first_name__icontains=q)
    if role:
        users = users.filter(role=role)
    return render(request, "orgs/users/list.html", {
        "page": paginate(request, users), "q": q, "role": role,
        "roles": manager.manageable_roles()})


@login_required
def user_create(request):
    manager = _manager(request)
    form = UserForm(request.POST or None, manager=manager)
    if form.is_valid():
        user = form.save(commit=False)
        password = temporary_password()
        user.set_password(password)
        user.must_change_password = True
        user.save()
        messages.success(request, _(
            "Account %(username)s created. One-time password: %(password)s — give it to the "
            "user; it must be changed at the first login.") % {
            "username": user.username, "password": password})
        return redirect("users:list")
    return render(request, "form.html", {"form": form, "title": _("New account")})


@login_required
def user_edit(request, pk: int):
    account = get_visible_or_404(User.objects.manageable_by(_manager(request)), request.user,
                                 pk=pk)
    form = UserForm(request.POST or None, instance=account, manager=request.user)
    return form_page(request, form, title=account.username,
                     success_url=reverse("users:list"))[0]


@require_POST
@login_required
def user_reset_password(request, pk: int):
    account = get_visible_or_404(User.objects.manageable_by(_manager(request)), request.user,
                                 pk=pk)
    password = set_temporary_password(account)
    messages.success(request, _(
        "New one-time password for %(username)s: %(password)s — it must be changed at the "
        "next login.") % {"username": account.username, "password": password})
    return redirect("users:list")


@require_POST
@login_required
def user_toggle_active(request, pk: int):
    account = get_visible_or_404(User.objects.manageable_by(_manager(request)), request.user,
                                 pk=pk)
    account.is_active = not account.is_active
    account.save(update_fields=["is_active"])
    messages.success(request, (_("%(username)s can log in again.") if account.is_active
                               else _("%(username)s can no longer log in.")) % {
        "username": account.username})
    return redirect("users:list")


@login_required
def import_template(request):
    _manager(request)
    return workbook_response(imports.template_bytes(), "users-template.xlsx")


@login_required
def import_upload(request):
    manager = _manager(request)
    # No redirect: the page shows the new accounts' one-time passwords, once.
    return upload_page(request, UploadForm(request.POST or None, request.FILES or None),
                       lambda form: imports.import_users(form.cleaned_data["file"], manager),
                       template="orgs/users/import.html")
