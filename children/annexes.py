"""Children's work's annex of the work summary (federation.kernel.hooks): 儿童工作, projects by
domain and status, grants paid by programme in the period's year, children assisted by
category. Counts and sums only; children's categories below 3 are shown as "<3"."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from children import figures
from children.models import ProjectStatus
from federation.kernel.periods import Period
from federation.kernel.report import Annex, Table


def childrens_work(org, period: Period) -> Annex:
    year = period.year
    paid, paid_last = figures.grants_paid(org, year), figures.grants_paid(org, year - 1)
    return Annex(_("Children's work"), [
        Table(_("Child-friendly projects by domain and status"),
              [_("Domain")] + [str(label) for label in ProjectStatus.labels] + [_("Total")],
              [[row["domain"].name] + row["counts"] + [row["total"]]
               for row in figures.projects_by_domain_status(org)]),
        Table(_("Grants paid by programme"),
              [_("Programme"), str(year), _("Grants"), str(year - 1)],
              [[p["programme"].name, float(p["amount"]), p["count"], float(q["amount"])]
               for p, q in zip(paid["programmes"], paid_last["programmes"], strict=True)],
              formats={1: "#,##0.00", 3: "#,##0.00"}),
        Table(_("Children assisted by category"), [_("Category"), _("Number of children")],
              [[str(row["label"]), row["shown"]]
               for row in figures.children_by_category(org, year)], total=False),
    ])


#: The annex sheets, in the workbook's order, with the progress bar's stage for each.
ANNEXES = [(childrens_work, gettext_lazy("Summarising children's work"))]
