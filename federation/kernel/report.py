"""What an annex of the work summary is made of: a sheet of tables that staff check figures
against, at the back of the leader's workbook. Each app's `annexes.py` (federation.kernel.hooks)
builds its own from its `figures.py`, so an annex shows the same figures as the app's pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Any]]
    total: bool = True  # add a totals row summing the numeric columns
    formats: dict[int, str] = field(default_factory=dict)  # column index -> number format
    no_total: tuple[int, ...] = ()  # columns that do not add up (shares, rates)


@dataclass
class Annex:
    """A sheet at the back: tables a member of staff reads, not the leader."""

    sheet: str
    tables: list[Table] = field(default_factory=list)
    landscape: bool = True
