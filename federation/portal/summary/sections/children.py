"""儿童工作: projects by domain and status, area rebuilt, nursing rooms built, grants paid —
counts and sums only; children's categories below 3 are shown as "<3"."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from children import figures
from children.models import ProjectStatus
from federation.portal.summary.data import Headline, Section, SummaryContext, Table


def build(ctx: SummaryContext) -> Section:
    org = ctx.org
    table = figures.projects_by_domain_status(org)
    completed = figures.projects_completed(org, ctx.year)
    completed_last = figures.projects_completed(org, ctx.year - 1)
    area, area_last = (figures.area_rebuilt(org, ctx.year), figures.area_rebuilt(org, ctx.year - 1))
    built, built_last = (figures.rooms_built(org, ctx.year), figures.rooms_built(org, ctx.year - 1))
    paid, paid_last = figures.grants_paid(org, ctx.year), figures.grants_paid(org, ctx.year - 1)
    categories = figures.children_by_category(org, ctx.year)

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
