"""Activity log pages: list with filters, detail, create/edit with attachments, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from federation.kernel.pagination import paginate
from federation.kernel.permissions import write_required
from federation.kernel.spreadsheets import xlsx_response
from orgs.activities import services
from orgs.activities.forms import (
    ActivityFilterForm,
    ActivityForm,
    DonationFormSet,
    donation_formset,
)
from orgs.activities.models import Activity, ActivityAttachment
from orgs.scoping import get_visible_or_404


def _filtered(request):
    form = ActivityFilterForm(request.GET or None, user=request.user)
    activities = form.filter(Activity.objects.visible_to(request.user))
    return form, activities.select_related("org", "category")


@login_required
def activity_list(request):
    form, activities = _filtered(request)
    page = paginate(request, activities, per_page=30)
    return render(request, "orgs/activity_list.html", {"form": form, "page": page})


@login_required
def activity_export(request):
    _form, activities = _filtered(request)
    columns = [(_("date"), 12), (_("until"), 12), (_("organization"), 24), (_("category"), 20),
               (_("title"), 36), (_("place"), 20), (_("women taking part"), 10),
               (_("children taking part"), 10), (_("participants in total"), 10),
               (_("households reached"), 10), (_("materials distributed (份)"), 10),
               (_("donations in cash (元)"), 12), (_("partner units"), 24)]
    rows = ((a.starts_on, a.ends_on, a.org.name, a.category.name, a.title, a.place, a.women,
             a.children, a.participants, a.households, a.materials, a.cash_donations,
             a.partners)
            for a in activities.iterator(chunk_size=2000))
    return xlsx_response("activities", _("Activities"), columns, rows)


@login_required
def activity_detail(request, pk: int):
    activity = get_visible_or_404(
        Activity.objects.select_related("org", "category", "campaign", "team", "created_by"),
        request.user, pk=pk)
    return render(request, "orgs/activity_detail.html", {
        "activity": activity, "attachments": activity.attachments.all(),
        "donations": activity.donations.all()})


@write_required
def activity_create(request):
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user)
    donations = donation_formset(request, None)
    if form.is_valid() and (donations is None or donations.is_valid()):
        activity = services.save_activity(form, request.user, donations)
        messages.success(request, _("Activity recorded."))
        return redirect(activity)
    return render(request, "orgs/activity_form.html", {
        "form": form, "donations": donations or donation_formset_unbound(),
        "title": _("New activity")})


@write_required
def activity_edit(request, pk: int):
    activity = get_visible_or_404(Activity.objects, request.user, pk=pk)
    form = ActivityForm(request.POST or None, request.FILES or None, instance=activity,
                        user=request.user)
    donations = donation_formset(request, activity)
    if form.is_valid() and (donations is None or donations.is_valid()):
        services.save_activity(form, request.user, donations)
        messages.success(request, _("Saved."))
        return redirect(activity)
    return render(request, "orgs/activity_form.html", {
        "form": form, "donations": donations or donation_formset_unbound(activity),
        "title": activity.title, "activity": activity})


def donation_formset_unbound(activity: Activity | None = None):
    return DonationFormSet(instance=activity or Activity())


@login_required
def attachment_download(request, pk: int):
    attachment = get_visible_or_404(ActivityAttachment.objects, request.user, pk=pk)
    return FileResponse(attachment.file.open("rb"), content_type=attachment.content_type,
                        as_attachment=not attachment.is_image,
                        filename=attachment.original_name)


@require_POST
@write_required
def attachment_delete(request, pk: int):
    attachment = get_visible_or_404(ActivityAttachment.objects, request.user, pk=pk)
    activity_id = services.remove_attachment(attachment)
    messages.success(request, _("File removed."))
    return redirect("orgs:activity", pk=activity_id)
