"""Lay the summary's sections out as a printable workbook (openpyxl, write-only mode)."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from federation.kernel.spreadsheets import cell, row_cells
from federation.portal.summary.data import Section, SummaryContext, Table

TITLE_ROWS = 3  # title, subtitle, blank: repeated on every printed page
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="F4D6DA")
INTEGER = "#,##0"
PERCENT = "0.0%"


def _cell(ws, value, font=None, fill=None, number_format=None, wrap=False):
    """A cell through the portal's one writer (text stays text, never a formula)."""
    if not number_format and isinstance(value, int | float) and not isinstance(value, bool):
        number_format = INTEGER if float(value).is_integer() else "#,##0.00"
    return cell(ws, value, font=font, fill=fill, number_format=number_format,
                alignment=Alignment(wrap_text=True, vertical="top") if wrap else None)


def _new_sheet(wb, name: str, ctx: SummaryContext, generated: datetime.datetime,
               widths: list[int]):
    ws = wb.create_sheet(name[:31])
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{TITLE_ROWS + 1}"
    ws.print_title_rows = f"1:{TITLE_ROWS}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.append([_cell(ws, _("%(federation)s · %(year)s work summary · %(sheet)s") % {
        "federation": settings.FEDERATION_NAME, "year": ctx.year, "sheet": name}, TITLE)])
    ws.append(row_cells(ws, [_("Scope: %(org)s · generated %(time)s") % {
        "org": ctx.org.name, "time": generated.strftime("%Y-%m-%d %H:%M")}]))
    ws.append([])
    return ws


def _write_table(ws, table: Table) -> int:
    """Append a table; return the number of rows written."""
    ws.append([_cell(ws, table.title, BOLD)])
    ws.append([_cell(ws, h, BOLD, HEADER_FILL) for h in table.header])
    for row in table.rows:
        ws.append([_cell(ws, v, number_format=table.formats.get(i)) for i, v in enumerate(row)])
    written = 2 + len(table.rows)
    if table.total and table.rows:
        totals = [_("Total")]
        for i in range(1, len(table.header)):
            values = [r[i] for r in table.rows if isinstance(r[i], int | float)]
            totals.append(sum(values) if values and i not in table.no_total else None)
        ws.append([_cell(ws, v, BOLD, number_format=table.formats.get(i))
                   for i, v in enumerate(totals)])
        written += 1
    ws.append([])
    return written + 1


def write_workbook(sections: list[Section], ctx: SummaryContext, path: Path,
                   generated: datetime.datetime) -> None:
    wb = Workbook(write_only=True)
    overview = _new_sheet(wb, _("Overview"), ctx, generated, [34, 14, 14, 12, 10])
    header = [_("Figure"), str(ctx.year), str(ctx.year - 1), _("Change"), _("Unit")]
    overview.append([_cell(overview, h, BOLD, HEADER_FILL) for h in header])
    headlines = [h for section in sections for h in section.headlines]
    for h in headlines:
        overview.append([_cell(overview, h.label), _cell(overview, h.value),
                         _cell(overview, h.last_year),
                         _cell(overview, h.change, number_format=PERCENT), _cell(overview, h.unit)])
    if headlines:
        first, last = TITLE_ROWS + 2, TITLE_ROWS + 1 + len(headlines)
        chart = BarChart()
        chart.type = "bar"
        chart.title = _("%(year)s against %(last)s") % {"year": ctx.year, "last": ctx.year - 1}
        chart.height, chart.width = max(8, len(headlines) * 0.7), 18
        chart.add_data(Reference(overview, min_col=2, max_col=3, min_row=TITLE_ROWS + 1,
                                 max_row=last), titles_from_data=True)
        chart.set_categories(Reference(overview, min_col=1, min_row=first, max_row=last))
        overview.add_chart(chart, "G4")
    for section in sections:
        widths = [max([14] + [len(str(t.header[0])) * 2 + 4 for t in section.tables])] + [14] * 30
        ws = _new_sheet(wb, section.sheet, ctx, generated, widths[:30])
        for table in section.tables:
            _write_table(ws, table)
    wb.save(path)
