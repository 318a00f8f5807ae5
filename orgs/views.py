from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.kernel.filters import query_params, text_field
from federation.kernel.pagination import paginate
from federation.kernel.permissions import write_required
from federation.kernel.spreadsheets import workbook_response, xlsx_response
from federation.kernel.views import form_page, upload_page
from orgs import figures, imports
from orgs.duties import services as duty_services
from orgs.duties.models import EXECUTIVE_POSTS, Duty
from orgs.forms import (
    EndPositionForm,
    OrganizationForm,
    PersonForm,
    PositionForm,
    TermForm,
    UploadForm,
)
from orgs.models import LEVEL_KINDS, Organization, OrgKind, Person, Position, Post, User
from orgs.scoping import get_visible_or_404, scope_root


class OrgListParams(forms.Form):
    q = text_field()
    kind = forms.ChoiceField(label=gettext_lazy("kind"), required=False,
                             choices=[("", "")] + OrgKind.choices)


def _filtered_orgs(request):
    orgs = Organization.objects.visible_to(request.user)
    params = query_params(request, OrgListParams)
    kind = params["kind"]
    if kind:
        orgs = orgs.filter(kind=kind)
    return orgs.search(params["q"]), kind


@login_required
def org_list(request):
    orgs, kind = _filtered_orgs(request)
    page = paginate(request, orgs.only("pk", "code", "name", "kind", "depth", "numchild",
                                       "is_active", "path"))
    if not (kind or request.GET.get("q")):  # browsing: indent by depth below the user's root
        root_depth = request.user.org.depth if request.user.org_id else 1
        for org in page:
            org.indent = min(org.depth - root_depth, 3) * 2 + 2
    return render(request, "orgs/org_list.html", {
        "page": page, "kinds": OrgKind.choices, "kind": kind, "q": request.GET.get("q", ""),
    })


@login_required
def org_export(request):
    orgs, _kind = _filtered_orgs(request)
    columns = [(_("code"), 14), (_("name"), 30), (_("kind"), 18), (_("address"), 30),
               (_("households"), 10), (_("female population"), 12), (_("active"), 8)]
    kinds = dict(OrgKind.choices)
    rows = (
        (o.code, o.name, str(kinds[o.kind]), o.address, o.households, o.female_population,
         _("yes") if o.is_active else _("no"))
        for o in orgs.iterator(chunk_size=2000)
    )
    return xlsx_response("organizations", _("Organizations"), columns, rows)


@login_required
def org_detail(request, pk: int):
    org = get_visible_or_404(Organization.objects, request.user, pk=pk)
    scope_depth = request.user.org.depth if request.user.org_id else 1
    breadcrumbs = [a for a in org.ancestors if a.depth >= scope_depth]
    children = paginate(request, Organization.objects.get_children(org).only(
        "pk", "code", "name", "kind", "numchild", "is_active", "path", "depth"), per_page=30)
    positions = (Position.objects.filter(org=org).current()
                 .select_related("person", "term").order_by("post", "person__name"))
    terms = org.terms.annotate(
        members=Count("positions", filter=Q(positions__ended_on__isnull=True))
    ).order_by("-starts_on")
    past = (Position.objects.filter(org=org, ended_on__isnull=False)
            .select_related("person").order_by("-ended_on")[:50])
    return render(request, "orgs/org_detail.html", {
        "org": org, "breadcrumbs": breadcrumbs, "children": children, "positions": positions,
        "terms": terms, "past_positions": past,
    })


@write_required
def org_create(request, parent_pk: int):
    parent = get_visible_or_404(Organization.objects, request.user, pk=parent_pk)
    form = OrganizationForm(request.POST or None, user=request.user, parent=parent)
    return form_page(request, form, title=_("New organization"), back=parent, done=lambda org: (
        _("Organization “%(name)s” created.") % {"name": org.name}))[0]


@write_required
def org_edit(request, pk: int):
    org = get_visible_or_404(Organization.objects, request.user, pk=pk)
    form = OrganizationForm(request.POST or None, instance=org, user=request.user)
    return form_page(request, form, title=org.name, back=org)[0]


@write_required
def term_create(request, org_pk: int):
    org = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    form = TermForm(request.POST or None, org=org)
    return form_page(request, form, title=_("New term"), back=org, done=_("Term recorded."),
                     success_url=org.get_absolute_url())[0]


@write_required
def position_create(request, org_pk: int):
    org = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    form = PositionForm(request.POST or None, org=org)
    return form_page(request, form, title=_("Appoint to a post"), back=org,
                     done=_("Appointment recorded."), success_url=org.get_absolute_url())[0]


@write_required
def position_end(request, pk: int):
    position = get_visible_or_404(Position.objects.select_related("person", "org"),
                                  request.user, pk=pk, ended_on__isnull=True)
    form = EndPositionForm(request.POST or None, position=position)
    return form_page(
        request, form, title=str(position), back=position.org,
        save=lambda f: position.end(f.cleaned_data["ended_on"], f.cleaned_data["end_reason"]),
        done=lambda _saved: _("%(person)s has left the post.") % {"person": position.person},
        success_url=position.org.get_absolute_url())[0]


def may_give_login(user, person: Person) -> bool:
    """The person page offers an executive member's login when she has none yet."""
    return (duty_services.may_give_login(user) and not User.objects.filter(person=person).exists()
            and Position.objects.current().filter(person=person,
                                                  post__in=EXECUTIVE_POSTS).exists())


@login_required
def person_detail(request, pk: int):
    person = get_visible_or_404(Person.objects.select_related("org"), request.user, pk=pk)
    positions = person.positions.select_related("org", "term").order_by("-started_on")
    duties = Duty.objects.visible_to(request.user).filter(person=person).select_related(
        "kind").order_by("-done_on", "-pk")[:10]
    return render(request, "orgs/person_detail.html", {"person": person,
                                                        "positions": positions,
                                                        "duties": duties,
                                                        "may_give_login": may_give_login(
                                                            request.user, person)})


@write_required
def person_edit(request, pk: int):
    person = get_visible_or_404(Person.objects.select_related("org"), request.user, pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    return form_page(request, form, title=person.name, back=person)[0]


@login_required
def committee_stats(request):
    org = scope_root(request.user)
    counts = figures.committee_counts(org)
    levels = [(k, OrgKind(k).label) for k in LEVEL_KINDS] + [("other", _("Other organizations"))]
    table = [
        (label, [counts.get((level, post), 0) for post in Post.values],
         sum(counts.get((level, post), 0) for post in Post.values))
        for level, label in levels
    ]
    totals = [sum(row[1][i] for row in table) for i in range(len(Post.values))]
    headline = figures.scope_headline(org)
    return render(request, "orgs/committee_stats.html", {
        "posts": Post.choices, "table": table, "totals": totals, "grand_total": sum(totals),
        "headline": headline,
    })


@write_required
def import_template(request):
    return workbook_response(imports.template_bytes(), "organizations-template.xlsx")


@write_required
def import_upload(request):
    return upload_page(
        request, UploadForm(request.POST or None, request.FILES or None),
        lambda form: imports.import_workbook(form.cleaned_data["file"], request.user),
        template="orgs/import.html", success_url=reverse("orgs:list"),
        done=lambda result: _(
            "Imported %(orgs)s organizations and %(people)s committee members.") % {
            "orgs": result.orgs, "people": result.people})

