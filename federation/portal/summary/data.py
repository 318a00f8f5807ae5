"""What a year-end summary is made of: sections of tables and headline figures.

Sections are filled by query functions of each app (`<app>/figures.py`); the workbook and
the narrative only lay them out, so every figure comes from the same place as the pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from federation.kernel.periods import Period
from orgs.models import Organization


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Any]]
    total: bool = True  # add a totals row summing the numeric columns
    formats: dict[int, str] = field(default_factory=dict)  # column index -> number format
    no_total: tuple[int, ...] = ()  # columns that do not add up (shares, rates)


@dataclass
class Headline:
    label: str
    value: float | int | None
    last_year: float | int | None
    unit: str = ""

    @property
    def change(self) -> float | None:
        if self.value is None or not self.last_year:
            return None
        return (self.value - self.last_year) / self.last_year


@dataclass
class Section:
    key: str
    sheet: str  # sheet name, in the run's language
    tables: list[Table] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # the narrative's paragraph


@dataclass
class SummaryContext:
    year: int
    org: Organization
    #: The reporting period (federation.kernel.periods); None: the calendar year.
    reporting: Period | None = None

    @property
    def period(self) -> Period:
        return self.reporting or Period(self.year)

    @property
    def start(self) -> datetime.date:
        return self.period.start

    @property
    def end(self) -> datetime.date:
        return self.period.end

    @property
    def last_year_end(self) -> datetime.date:
        return self.period.last_year().end
