"""The dashboard: headline tiles and charts for the user's scope and a chosen year.

Each app may provide `<app>/dashboard.py` with `tiles(user, year) -> list[Tile]` and
`charts(user, year) -> list[Chart]`, computed by the same figure functions as its pages and
the year-end summary. Charts carry their data (rendered by static/js/dashboard.js from a
json_script block) and the same numbers as a table, for those who would rather read them.

The figures of a scope are the same for everyone who sees that scope, and the district's cost
most (sums over every tally of the year): they are computed once per scope, role, year and
language and kept for settings.DASHBOARD_CACHE_SECONDS, so a leader's refresh or fifty staff
opening the home page do not redo them. The page says when they were computed."""

from __future__ import annotations

import datetime

from django.utils import timezone

from federation.kernel.hooks import Chart, Tile, scope_figures
from federation.portal.hooks import app_hooks


def collect(user, year: int) -> tuple[list[Tile], list[Chart], datetime.datetime]:
    """The tiles and charts of the user's scope, and when they were computed."""
    return scope_figures(user, f"tiles-charts-{year}",
                         lambda: (*compute(user, year), timezone.now()))


def compute(user, year: int) -> tuple[list[Tile], list[Chart]]:
    tiles: list[Tile] = []
    charts: list[Chart] = []
    for module in app_hooks("dashboard"):
        tiles += module.tiles(user, year)
        charts += module.charts(user, year)
    return tiles, charts
