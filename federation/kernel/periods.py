"""Reporting periods: a year, a half-year, a quarter or the year to date.

Every figure of the work summary is computed for a Period; the same code builds a year-end
summary (年度工作总结), a half-year one (上半年工作总结) or a quarter's. A period knows its first
and last day, the same period a year earlier (for comparisons) and how much of the year it
covers (to state progress against the annual targets)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: code -> (first month, last month); YTD ends with the month of `today`.
KINDS = {
    "Y": (1, 12), "H1": (1, 6), "H2": (7, 12),
    "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "YTD": (1, None),
}
CHOICES = [
    ("Y", _("Whole year")), ("H1", _("First half-year")), ("H2", _("Second half-year")),
    ("Q1", _("First quarter")), ("Q2", _("Second quarter")), ("Q3", _("Third quarter")),
    ("Q4", _("Fourth quarter")), ("YTD", _("Year to date")),
]


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    year: int
    kind: str = "Y"
    #: the last month of a year-to-date period (1-12); ignored by the other kinds
    until_month: int = 12

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown period {self.kind!r}")
        if not 1 <= self.until_month <= 12:
            raise ValueError("until_month must be 1-12")
        if not 1900 < self.year < 3000:
            raise ValueError("year out of range")

    @classmethod
    def parse(cls, year: int, code: str = "Y", today: datetime.date | None = None) -> Period:
        """`code` as typed on the command line or chosen on the page (Y, H1, H2, Q1-Q4, YTD).
        A year-to-date period runs to the end of today's month in the current year, else to
        December."""
        code = (code or "Y").upper()
        if code == "YEAR":
            code = "Y"
        if code == "YTD":
            today = today or datetime.date(year, 12, 31)
            return cls(year, "YTD", today.month if today.year == year else 12)
        return cls(year, code)

    @property
    def months(self) -> tuple[int, int]:
        first, last = KINDS[self.kind]
        return first, self.until_month if last is None else last

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, self.months[0], 1)

    @property
    def end(self) -> datetime.date:
        return _month_end(self.year, self.months[1])

    @property
    def is_year(self) -> bool:
        return self.kind == "Y" or (self.kind == "YTD" and self.until_month == 12)

    @property
    def share_of_year(self) -> float:
        """The part of the year the period covers to its end (0.5 for H1, 1.0 for H2 and Y):
        the yardstick for progress against annual targets."""
        return self.months[1] / 12

    def last_year(self) -> Period:
        """The same period a year earlier."""
        return Period(self.year - 1, self.kind, self.until_month)

    def year_to_end(self) -> Period:
        """From 1 January to this period's end: what annual targets are measured on."""
        return Period(self.year, "YTD", self.months[1])

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def code(self) -> str:
        return self.kind if self.kind != "YTD" else f"YTD{self.until_month:02d}"

    def __str__(self) -> str:
        return f"{self.year}-{self.code}"
