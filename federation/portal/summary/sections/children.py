"""儿童工作: projects by domain and status, area rebuilt, nursing rooms built, grants paid —
counts and sums only; children's categories below 3 are shown as "<3"."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from children import figures
from children.models import Child, Grant, NursingRoom, Project, ProjectStatus
from federation.portal.summary.data import Headline, Section, SummaryContext, Table
from orgs.scoping import OrgScope


def build(ctx: SummaryContext) -> Section:
    scope = OrgScope(ctx.org)
    projects = Project.objects.visible_to(scope)
    rooms = NursingRoom.objects.visible_to(scope)
    grants = Grant.objects.in_scope(scope)
    table = figures.projects_by_domain_status(projects)
    completed = projects.filter(completed_on__year=ctx.year).count()
    completed_last = projects.filter(completed_on__year=ctx.year - 1).count()
    area, area_last = (figures.area_rebuilt(projects, ctx.year),
                       figures.area_rebuilt(projects, ctx.year - 1))
    built, built_last = (figures.rooms_built(rooms, ctx.year),
                         figures.rooms_built(rooms, ctx.year - 1))
    paid, paid_last = figures.grants_paid(grants, ctx.year), figures.grants_paid(
        grants, ctx.year - 1)
    categories = figures.children_by_category(Child.objects.in_scope(scope), ctx.year)

    section = Section("children", _("Children's work"))
    section.tables.append(Table(
        _("Child-friendly projects by domain and status"),
        [_("Domain")] + [str(label) for label in ProjectStatus.labels] + [_("Total")],
        [[row["domain"].name] + row["counts"] + [row["total"]] for row in table]))
    section.tables.append(Table(
        _("Grants paid by programme"), [_("Programme"), str(ctx.year), _("Grants"),
                                        str(ctx.year - 1)],
        [[p["programme"].name, float(p["amount"]), p["count"],
          float(q["amount"])] for p, q in zip(paid["programmes"], paid_last["programmes"],
                                              strict=True)],
        formats={1: "#,##0.00", 3: "#,##0.00"}))
    section.tables.append(Table(
        _("Children assisted by category"), [_("Category"), _("Number of children")],
        [[str(row["label"]), row["shown"]] for row in categories], total=False))
    section.headlines = [
        Headline(_("Child-friendly projects completed"), completed, completed_last,
                 pgettext("unit", "projects")),
        Headline(_("Area rebuilt for children (m²)"), float(area), float(area_last), "m²"),
        Headline(_("Nursing rooms built"), built, built_last, pgettext("unit", "rooms")),
        Headline(_("Study grants paid"), float(paid["amount"]), float(paid_last["amount"]),
                 pgettext("unit", "yuan")),
    ]
    section.sentences.append(_(
        "In %(year)s, %(completed)s child-friendly projects were completed, rebuilding "
        "%(area)s m² for children; %(rooms)s nursing rooms were built in public places; "
        "%(grants)s grants worth %(amount)s yuan helped %(children)s children in difficulty "
        "continue their studies.") % {
        "year": ctx.year, "completed": completed, "area": f"{area:,.0f}", "rooms": built,
        "grants": paid["count"], "amount": f"{paid['amount']:,.0f}",
        "children": paid["children"]})
    return section
