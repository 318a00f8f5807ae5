"""What each app's hook modules return, and the helpers they share. The cross-app layer
(federation.portal) finds the hook modules and lays their results out:

- `<app>/dashboard.py`: `tiles(user, year) -> list[Tile]`, `charts(user, year) -> list[Chart]`
- `<app>/todo.py`: `items(user) -> list[Todo]`
- `<app>/search.py`: `search(user, text) -> list[Section]`
- `<app>/home.py`: `panel(request) -> dict | None`, rendered with `<app>/_home.html`
- `<app>/demo.py`: `seed(ctx: federation.kernel.demo.DemoContext)`
- `<app>/security.py`: `requires_two_factor(user) -> bool`
- `<app>/summary.py`: the app's items of the work summary, by line of work
- `<app>/annexes.py`: `ANNEXES = [(function(org, period) -> report.Annex | None, stage)]`,
  the summary workbook's annex sheets of the app (federation.kernel.report), with the stage
  the progress bar shows while each is built
- `<app>/figures.py`: optionally `programme_counts(org, year) -> dict[str, int]` for the API
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

#: A change against last year is shown only from a meaningful base: last year's figure is at
#: least this (a jump from 1 to 14 is not "+1300%", it is too little to compare).
MIN_CHANGE_BASE = 10


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
        if self.value is None or not self.last_year or self.last_year < MIN_CHANGE_BASE:
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
    #: A heat map's colour key: [{"value": 2, "label": "on time", "color": "#…"}]; the cells
    #: are categories, not amounts.
    legend: list[dict[str, Any]] = field(default_factory=list)

    def data(self) -> dict:
        return asdict(self)

    @property
    def dom_id(self) -> str:
        return f"chart-{self.key}-data"

    def table(self) -> tuple[list[str], list[list[Any]]]:
        """The chart as a table: header, rows."""
        if self.kind == "heatmap":
            names = {item["value"]: item["label"] for item in self.legend}
            return [""] + self.categories, [
                [row] + [names.get(v, v) for v in s["data"]]
                for row, s in zip(self.rows, self.series, strict=False)]
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


def per_request(user, key: str, compute: Callable[[], Any]) -> Any:
    """compute(), once per request: figures that several hooks of one page need (the
    dashboard's tiles and charts, the home panels) are computed by the first that asks and
    handed to the others. Kept on the request's user object, which lives as long as the
    request."""
    memo = user.__dict__.setdefault("_figures_this_request", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


@dataclass
class Todo:
    label: str
    url: str
    count: int = 1
    urgent: bool = False


@dataclass
class Hit:
    label: str
    url: str
    detail: str = ""


@dataclass
class Section:
    title: str
    hits: list[Hit] = field(default_factory=list)


# --- The work summary ----------------------------------------------------------------------
# Each app's `summary.py` defines `items(org, period) -> list[SummaryItem]`: what it has to say
# for an organization's subtree in a period (federation.kernel.periods.Period), each item on a
# line of work (工作条线, by its code). The narrative and the workbook are written from the
# same list of items, so they cannot state two figures for one thing.


@dataclass
class Figure:
    """One number of an item, with what the writers need to state it the Chinese way."""

    key: str  # stable within the item: the phrase's placeholder, e.g. "value", "people"
    label: str  # for the workbook's columns, e.g. "宣讲场次"
    value: int | float | None
    unit: str = ""  # written once after the number: 场次, 人次, 户, 元 (money: see `money`)
    money: bool = False  # in 元: written in 万元 from 10,000 元
    last: int | float | None = None  # the same period last year; None: no data then
    target: int | float | None = None  # the annual target, where one is set
    rounded: bool = False  # staff chose to round: written with 余 ("1100余场次")
    source: str = ""  # where it comes from: "tally:<indicator code>", "registry:<name>", …
    #: From 1 January to the period's end, where that differs from `value` (a second
    #: half-year, a quarter): what the annual target is measured on.
    to_date: int | float | None = None

    @property
    def progress(self) -> float | None:
        """Per cent of the annual target reached by the period's end; None without one."""
        reached = self.value if self.to_date is None else self.to_date
        if reached is None or not self.target:
            return None
        return round(100 * float(reached) / float(self.target), 1)

    @property
    def change(self) -> float | None:
        """Per cent change on the same period last year; None when last year has no figure
        to compare with (missing, or below MIN_CHANGE_BASE)."""
        if self.value is None or self.last is None or self.last < MIN_CHANGE_BASE:
            return None
        return round(100 * (float(self.value) - float(self.last)) / float(self.last), 1)


@dataclass
class SummaryItem:
    """One enumerated point of a line of work ("一是…"): a phrase with {placeholders} filled from
    its figures, e.g. "开展'百合之约'婚恋交友活动{value}场，服务{people}人次". A figure that is
    zero or missing drops the clause that holds it; an item whose main figure is empty is
    left out altogether."""

    line: str  # the line of work's code
    phrase: str
    figures: list[Figure] = field(default_factory=list)
    key: str = ""  # stable identity: "tally:lectures", "campaign:12", "highlight:345" …
    order: int = 100  # within the line
    highlight: str = ""  # a staff-written 亮点 sentence, stated as it is

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)
