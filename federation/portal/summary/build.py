"""Build a work summary (a year, a half-year, a quarter): collect the items of every line of
work, then write the files.

Used by the Celery task (with progress reported to the run) and by `manage.py year_summary`."""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.hooks import SummaryItem
from federation.portal.summary import annexes as annexes_
from federation.portal.summary import register
from federation.portal.summary.data import SummaryContext
from federation.portal.summary.items import collect, lines
from federation.portal.summary.leader_workbook import write_leader_workbook
from federation.portal.summary.narrative import write_narrative
from federation.portal.summary.plan import plan_sections

Progress = Callable[[str, int], None]


def atomic_write(path: Path, writer: Callable[[Path], None]) -> None:
    """Write to a temporary name beside `path`, then move it into place: a half-written file
    is never visible under the final name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    os.close(fd)
    try:
        writer(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_files(ctx: SummaryContext, xlsx: Path, docx: Path | None,
                progress: Progress | None = None) -> list[SummaryItem]:
    """The leader's workbook (key figures, a sheet per line of work, annexes) and the
    narrative draft, both written from one list of items."""
    generated = timezone.localtime()
    period = ctx.period
    if progress:
        progress(_("Collecting the figures of every line of work"), 5)
    items = collect(ctx.org, period)
    if progress:
        progress(_("Preparing the annexes"), 40)
    annexes = annexes_.annexes(ctx.org, period, progress)
    if progress:
        progress(_("Writing the workbook"), 85)
    atomic_write(xlsx, lambda p: write_leader_workbook(
        p, items=items, lines=lines(), period=period, org_name=ctx.org.name,
        generated=generated, sentence=register.sentence, annexes=annexes))
    if docx is not None:
        if progress:
            progress(_("Writing the narrative draft"), 95)
        atomic_write(docx, lambda p: write_narrative(
            p, org_name=ctx.org.name, period=period, items=items,
            plan=plan_sections(ctx.org, period, items), generated=generated))
    return items


def file_stem(ctx: SummaryContext, when: datetime.datetime | None = None) -> str:
    when = when or timezone.localtime()
    return f"summary-{ctx.period}-{ctx.org.code}-{when:%Y%m%d%H%M%S}"
