"""Mass honours (五好文明家庭 …): the district uploads the list from Excel and approves it once;
the approval awards every household or unit on it (families.services)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from families import imports, services
from families.forms import AwardListUploadForm
from families.models import AwardList
from federation.kernel.pagination import paginate
from federation.kernel.permissions import role_required, write_required
from federation.kernel.spreadsheets import workbook_response
from federation.kernel.views import upload_page
from orgs.models import DISTRICT_ROLES, Role
from orgs.scoping import get_visible_or_404


def may_upload(user) -> bool:
    return user.is_district and user.can_write


#: Who reads the lists: the district, whose lists they are.
READERS = (*DISTRICT_ROLES, Role.LEADER)


@role_required(*READERS)
def award_lists(request):
    lists = (AwardList.objects.visible_to(request.user)
             .select_related("honour_type", "level", "uploaded_by", "decided_by")
             .annotate(n=Count("entries")).order_by("-year", "-pk"))
    return render(request, "families/award_lists.html", {
        "page": paginate(request, lists), "can_upload": may_upload(request.user)})


@role_required(*DISTRICT_ROLES)
@write_required
def award_list_upload(request):
    form = AwardListUploadForm(request.POST or None, request.FILES or None)

    def importer(form):
        data = form.cleaned_data
        return imports.import_award_list(data["file"], data["honour_type"], data["level"],
                                         data["year"], request.user)

    return upload_page(
        request, form, importer, template="families/import.html",
        context={"template_url": reverse("families:award_list_template"),
                 "title": _("Upload an award list")},
        success_url=reverse("families:award_lists"),
        done=lambda result: _("A list of %(n)s has been uploaded: it is awarded once it is "
                              "approved.") % {"n": result.saved})


@role_required(*DISTRICT_ROLES)
def award_list_template(request):
    return workbook_response(imports.award_list_template(), "award-list-template.xlsx")


@role_required(*READERS)
def award_list_detail(request, pk: int):
    award_list = get_visible_or_404(AwardList.objects.select_related(
        "honour_type", "level", "org", "uploaded_by", "decided_by"), request.user, pk=pk)
    entries = award_list.entries.select_related("org").order_by("row", "pk")
    return render(request, "families/award_list_detail.html", {
        "award_list": award_list, "page": paginate(request, entries, per_page=100),
        "may_decide": award_list.may_decide(request.user)})


def _decide(request, pk: int, decide) -> AwardList:
    award_list = get_visible_or_404(AwardList.objects.select_related("org"), request.user,
                                    pk=pk)
    if not award_list.may_decide(request.user):
        raise PermissionDenied
    return decide(award_list)


@write_required
@require_POST
def award_list_approve(request, pk: int):
    def approve(award_list):
        try:
            n = services.approve_award_list(award_list, request.user)
        except PermissionDenied:
            messages.error(request, _("This list has already been decided, or is not yours "
                                      "to decide."))
        else:
            messages.success(request, _("Awarded: %(n)s honours.") % {"n": n})
        return award_list

    return redirect(_decide(request, pk, approve))


@write_required
@require_POST
def award_list_withdraw(request, pk: int):
    def withdraw(award_list):
        services.withdraw_award_list(award_list, request.user)
        messages.success(request, _("The list was withdrawn: nothing was awarded."))
        return award_list

    return redirect(_decide(request, pk, withdraw))
