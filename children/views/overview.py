from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from children import figures
from children.models import ProjectStatus
from federation.kernel.filters import query_params, year_field
from orgs.scoping import scope_root


def overview_context(user, year: int) -> dict:
    """Figures only: leaders see this page, so it carries counts and sums, never a name."""
    org = scope_root(user)
    table = figures.projects_by_domain_status(org)
    grants = figures.grants_paid(org, year)
    chart = {
        "domains": [row["domain"].name for row in table],
        "statuses": [str(label) for label in ProjectStatus.labels],
        "series": [[row["counts"][i] for row in table] for i in range(len(ProjectStatus))],
        "programmes": [{"name": p["programme"].name, "value": float(p["amount"])}
                       for p in grants["programmes"]],
    }
    return {
        "year": year, "table": table, "statuses": ProjectStatus.choices,
        "status_totals": [sum(row["counts"][i] for row in table)
                          for i in range(len(ProjectStatus))],
        "area_rebuilt": figures.area_rebuilt(org, year),
        "money": figures.project_money(org),
        "rooms": figures.room_counts(org),
        "rooms_built": figures.rooms_built(org, year),
        "grants": grants,
        "children": figures.children_by_category(org),
        "chart": chart,
    }


class YearParam(forms.Form):
    year = year_field()


@login_required
def overview(request):
    year = query_params(request, YearParam)["year"] or figures.this_year()
    return render(request, "children/overview.html", overview_context(request.user, year))
