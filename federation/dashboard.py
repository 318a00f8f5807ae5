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
import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

DASHBOARD_APPS = ("orgs", "families", "rights", "children")


@dataclass
class Tile:
    label: str
    value: int | float | None
    last_year: int | float | None = None
    target: int | float | None = None
    unit: str = ""
    url: str = ""

    @property
    def change(self) -> float | None:
        if self.value is None or not self.last_year:
            return None
        return round(100 * (self.value - self.last_year) / self.last_year, 1)

    @property
    def progress(self) -> float | None:
        if self.value is None or not self.target:
            return None
        return round(100 * self.value / self.target, 1)


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # line | bar | stacked | heatmap
    categories: list[str]  # x axis (or heat map columns)
    series: list[dict[str, Any]]  # [{"name": ..., "data": [...]}]; heat map: rows
    summary: str = ""  # the accessible text alternative
    rows: list[str] = field(default_factory=list)  # heat map rows (y axis)

    def data(self) -> dict:
        return asdict(self)

    @property
    def dom_id(self) -> str:
        return f"chart-{self.key}-data"

    def table(self) -> tuple[list[str], list[list[Any]]]:
        """The chart as a table: header, rows."""
        if self.kind == "heatmap":
            return [""] + self.categories, [
                [row] + s["data"] for row, s in zip(self.rows, self.series, strict=False)]
        header = [""] + [s["name"] for s in self.series]
        return header, [[c] + [s["data"][i] for s in self.series]
                        for i, c in enumerate(self.categories)]


def cache_key(user, name: str) -> str:
    """Everything a scope's figures depend on: the scope (the subtree's path), the role (links
    and what a role may count) and the language of the labels; `name` tells which figures."""
    return (f"dashboard:{name}:{user.scope_path or '-'}:{user.role}:{int(user.is_superuser)}:"
            f"{get_language()}")


def scope_figures(user, name: str, compute: Callable[[], Any]) -> Any:
    """compute(), kept for settings.DASHBOARD_CACHE_SECONDS for everyone of the same scope and
    role. Only figures of the scope go here, never anything of the user herself."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds:
        return compute()
    key = cache_key(user, name)
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result, seconds)
    return result


def collect(user, year: int) -> tuple[list[Tile], list[Chart], datetime.datetime]:
    """The tiles and charts of the user's scope, and when they were computed."""
    return scope_figures(user, f"tiles-charts-{year}",
                         lambda: (*compute(user, year), timezone.now()))


def compute(user, year: int) -> tuple[list[Tile], list[Chart]]:
    tiles: list[Tile] = []
    charts: list[Chart] = []
    for app in DASHBOARD_APPS:
        if importlib.util.find_spec(f"{app}.dashboard") is None:
            continue
        module = importlib.import_module(f"{app}.dashboard")
        tiles += module.tiles(user, year)
        charts += module.charts(user, year)
    return tiles, charts
