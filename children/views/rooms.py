from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from children import services
from children.filters import RoomFilter
from children.forms import AssessmentForm, ExpertForm, RoomForm
from children.models import AssessmentScore, Expert, Facility, NursingRoom
from children.models.rooms import reassess_days
from children.views.common import form_page
from federation.kernel.pagination import paginate
from federation.kernel.permissions import write_required
from federation.kernel.spreadsheets import xlsx_response
from orgs.scoping import get_visible_or_404


def _rooms(request) -> RoomFilter:
    rooms = (NursingRoom.objects.visible_to(request.user).with_requirement()
             .with_last_assessment().select_related("place_type", "org"))
    return RoomFilter(request.GET or None, queryset=rooms, request=request)


def _due(request):
    return (NursingRoom.objects.visible_to(request.user).with_requirement()
            .due_for_assessment(timezone.localdate()).select_related("place_type", "org")
            .order_by("last_assessed", "name"))


@login_required
def room_list(request):
    filterset = _rooms(request)
    return render(request, "children/room_list.html", {
        "filter": filterset, "page": paginate(request, filterset.qs, per_page=30)})


@login_required
def room_due(request):
    return render(request, "children/room_due.html", {
        "page": paginate(request, _due(request), per_page=30), "days": reassess_days()})


def _room_rows(rooms):
    for r in rooms.iterator(2000):
        yield (r.name, r.place_name, r.place_type.name, r.org.name, r.get_status_display(),
               r.area, r.required_area, _("yes") if r.below_standard else _("no"),
               r.opening_hours, r.built_on, r.last_assessed, r.last_rating)


ROOM_COLUMNS = [(_l("room name"), 24), (_l("public place"), 24), (_l("place type"), 14),
                (_l("organization"), 20), (_l("status"), 10), (_l("room area (m²)"), 10),
                (_l("minimum room area (m²)"), 10), (_l("below the required area"), 10),
                (_l("opening hours"), 14), (_l("built on"), 12), (_l("last assessed"), 12),
                (_l("overall rating"), 10)]


@login_required
def room_export(request):
    columns = [(str(header), width) for header, width in ROOM_COLUMNS]
    return xlsx_response("nursing-rooms", _("Nursing rooms"), columns,
                         _room_rows(_rooms(request).qs))


@login_required
def room_due_export(request):
    columns = [(str(header), width) for header, width in ROOM_COLUMNS]
    return xlsx_response("nursing-rooms-due", _("Due for re-assessment"), columns,
                         _room_rows(_due(request)))


@login_required
def room_detail(request, pk: int):
    rooms = NursingRoom.objects.with_requirement().select_related("place_type", "org")
    room = get_visible_or_404(rooms, request.user, pk=pk)
    present = set(room.facilities.values_list("pk", flat=True))
    checklist = [(item, item.pk in present) for item in Facility.objects.all()]
    scores = AssessmentScore.objects.select_related("facility")
    assessments = room.assessments.select_related("expert").prefetch_related(
        Prefetch("scores", queryset=scores))
    return render(request, "children/room_detail.html", {
        "room": room, "checklist": checklist, "assessments": assessments,
        "missing_required": [item for item, has in checklist if item.required and not has]})


@write_required
def room_create(request):
    form = RoomForm(request.POST or None, user=request.user)
    return form_page(request, form, title=_("New nursing room"), back=None,
                     save=services.save_room)[0]


@write_required
def room_edit(request, pk: int):
    room = get_visible_or_404(NursingRoom.objects, request.user, pk=pk)
    form = RoomForm(request.POST or None, instance=room, user=request.user)
    return form_page(request, form, title=room.name, back=room, save=services.save_room)[0]


@write_required
def assessment_create(request, room_pk: int):
    room = get_visible_or_404(NursingRoom.objects, request.user, pk=room_pk)
    form = AssessmentForm(request.POST or None, room=room, user=request.user)
    return form_page(request, form, title=_("Assess %(room)s") % {"room": room.name},
                     back=room, success_url=room.get_absolute_url(),
                     done=_("Assessment recorded."), save=services.record_assessment)[0]


def _experts(request):
    return Expert.objects.visible_to(request.user).select_related("org")


@login_required
def expert_list(request):
    experts = _experts(request).annotate_assessments().order_by("-is_active", "name", "pk")
    page = paginate(request, experts, per_page=50)
    # The pool includes the experts of the organizations above; a chair edits only her own.
    managed = set(Expert.objects.managed_by(request.user).filter(
        pk__in=[e.pk for e in page]).values_list("pk", flat=True)) if request.user.can_write else ()
    return render(request, "children/expert_list.html", {"page": page, "managed": managed})


@login_required
def expert_export(request):
    columns = [(_("full name"), 14), (_("field"), 20), (_("workplace"), 24), (_("contact"), 16),
               (_("organization"), 20), (_("in the pool"), 8)]
    rows = ((e.name, e.field, e.workplace, e.contact, e.org.name,
             _("yes") if e.is_active else _("no")) for e in _experts(request))
    return xlsx_response("expert-pool", _("Expert pool"), columns, rows)


@write_required
def expert_create(request):
    form = ExpertForm(request.POST or None, user=request.user)
    return form_page(request, form, title=_("New expert"), back=None,
                     success_url="children:experts")[0]


@write_required
def expert_edit(request, pk: int):
    expert = get_visible_or_404(Expert.objects.managed_by(request.user), request.user, pk=pk)
    form = ExpertForm(request.POST or None, instance=expert, user=request.user)
    return form_page(request, form, title=expert.name, back=None,
                     success_url="children:experts")[0]

