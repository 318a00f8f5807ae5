"""Build a year-end summary: collect every section's figures, then write the files.

Used by the Celery task (with progress reported to the run) and by `manage.py year_summary`."""

from __future__ import annotations

import datetime
import importlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.portal.summary.data import Section, SummaryContext
from federation.portal.summary.narrative import write_narrative
from federation.portal.summary.workbook import write_workbook

#: (module in federation.portal.summary.sections[:function], stage shown on the progress bar)
SECTIONS = [
    ("organization", gettext_lazy("Summarising organizations")),
    ("tallies:activities", gettext_lazy("Summarising activities")),
    ("tallies:tallies", gettext_lazy("Summarising monthly tallies")),
    ("tallies:completeness", gettext_lazy("Summarising tally completeness")),
    ("families", gettext_lazy("Summarising family work")),
    ("rights", gettext_lazy("Summarising rights cases")),
    ("children", gettext_lazy("Summarising children's work")),
]

Progress = Callable[[str, int], None]


def collect(ctx: SummaryContext, progress: Progress | None = None) -> list[Section]:
    sections = []
    for index, (module, stage) in enumerate(SECTIONS):
        if progress:
            progress(str(stage), 5 + 80 * index // len(SECTIONS))
        name, _sep, function = module.partition(":")
        section_module = importlib.import_module(f"federation.portal.summary.sections.{name}")
        sections.append(getattr(section_module, function or "build")(ctx))
    return sections


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
                progress: Progress | None = None) -> list[Section]:
    generated = timezone.localtime()
    sections = collect(ctx, progress)
    if progress:
        progress(_("Writing the workbook"), 85)
    atomic_write(xlsx, lambda p: write_workbook(sections, ctx, p, generated))
    if docx is not None:
        if progress:
            progress(_("Writing the narrative draft"), 95)
        atomic_write(docx, lambda p: write_narrative(sections, ctx, p, generated))
    return sections


def file_stem(ctx: SummaryContext, when: datetime.datetime | None = None) -> str:
    when = when or timezone.localtime()
    return f"summary-{ctx.year}-{ctx.org.code}-{when:%Y%m%d%H%M%S}"
