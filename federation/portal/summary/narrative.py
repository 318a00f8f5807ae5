"""The narrative draft (.docx): the summary's usual structure, sentences filled with the
year's figures, and headings of next year's plan for staff to write."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from federation.portal.summary.data import Headline, Section, SummaryContext

CHINESE_NUMERALS = "一二三四五六七八九十"


def comparison(h: Headline) -> str:
    if h.change is None:
        return ""
    if h.change >= 0:
        return _("up %(pct).1f%% on last year") % {"pct": h.change * 100}
    return _("down %(pct).1f%% on last year") % {"pct": -h.change * 100}


def write_narrative(sections: list[Section], ctx: SummaryContext, path: Path,
                    generated: datetime.datetime) -> None:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(12)
    doc.add_heading(_("%(federation)s: %(year)s work summary and %(next)s work plan (draft)") % {
        "federation": settings.FEDERATION_NAME, "year": ctx.year, "next": ctx.year + 1}, 0)
    doc.add_paragraph(_("Scope: %(org)s. Figures generated from the portal on %(time)s; "
                        "edit the text freely.") % {
        "org": ctx.org.name, "time": generated.strftime("%Y-%m-%d %H:%M")})
    doc.add_heading(_("1. Work in %(year)s") % {"year": ctx.year}, 1)
    for number, section in enumerate(sections, start=1):
        doc.add_heading(f"（{CHINESE_NUMERALS[number - 1]}）{section.sheet}", 2)
        for sentence in section.sentences:
            doc.add_paragraph(sentence)
        for h in section.headlines:
            change = comparison(h)
            doc.add_paragraph(
                _("%(label)s: %(value)s %(unit)s") % {
                    "label": h.label, "value": _number(h.value), "unit": h.unit}
                + (f"（{change}）" if change else ""), style="List Bullet")
    doc.add_heading(_("2. Work plan for %(year)s") % {"year": ctx.year + 1}, 1)
    for number, section in enumerate(sections, start=1):
        doc.add_heading(f"（{CHINESE_NUMERALS[number - 1]}）{section.sheet}", 2)
        doc.add_paragraph("")
    doc.save(path)


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"
