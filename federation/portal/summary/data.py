"""What a work summary is built for: an organization's subtree and a reporting period. The
items (each app's `summary.py`) and the annexes (each app's `annexes.py`) are computed from
the apps' `figures.py`; the workbook and the narrative only lay them out, so every figure
comes from the same place as the pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from federation.kernel.periods import Period
from orgs.models import Organization


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
