"""The work summary's workbook, laid out for a leader (openpyxl, write-only mode).

It is written from the same list of SummaryItems as the narrative, so the two cannot state
different figures:

1. 关键指标 (key figures): each item's main figure by line of work, with this period, the same
   period last year ("—" when there is no data then, never 0), the change (only against a
   base above zero), the annual target and its completion; then charts that read: completion
   of the annual targets in percent beside the share of the year elapsed, and this period
   against last year, one chart per unit (money alone, in 万元).
2. One sheet per line of work: each item's sentence and all its figures.
3. Annexes (tally totals per street, the completeness grid, the reconciliation …) last.
4. The charts' source cells on a hidden sheet at the very end.

Every sheet prints on A4 (fit to width: no column cut off), its title rows repeated on each
page and page numbers in the footer."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from federation.kernel.hooks import Figure, SummaryItem
from federation.kernel.periods import Period
from federation.kernel.report import Annex

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
LINE_FONT = Font(bold=True, size=12)
HEADER_FILL = PatternFill("solid", fgColor="F4D6DA")
LINE_FILL = PatternFill("solid", fgColor="FBEFF1")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
INTEGER = "#,##0"
DECIMAL = "#,##0.00"
PERCENT = "0.0%"
CHANGE = "+0.0%;-0.0%;0.0%"
ABSENT = "—"
HEADER_HEIGHT = 30  # points: two lines of a wrapped header
TITLE_ROWS = 3  # title, subtitle, blank; the table header follows and is repeated too
WAN = 10_000
ROW_CM = 0.53  # the default row height (15 pt) in centimetres: charts are sized in cm


class Line(Protocol):
    """A line of work (工作条线) as the writer needs it: its code and its name."""

    code: str
    name: str


@dataclass
class Row:
    """One figure as the workbook states it: money in 万元 when it reaches 10,000 元 in any
    of its columns, so a row's value, last year and target share one unit."""

    label: str
    unit: str
    value: float | None
    last: float | None
    target: float | None
    source: str
    to_date: float | None = None  # 1 January to the period's end, where it differs

    @property
    def change(self) -> float | None:
        """The change against the same period last year, only against a base above zero."""
        if self.value is None or self.last is None or self.last <= 0:
            return None
        return (self.value - self.last) / self.last

    @property
    def completion(self) -> float | None:
        """The share of the annual target done by the period's end (the year to date where
        the figure gives it, e.g. for a third quarter)."""
        done = self.value if self.to_date is None else self.to_date
        if done is None or not self.target or self.target <= 0:
            return None
        return done / self.target


def _number(value: int | float | Decimal | None) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    value = float(value)
    return int(value) if value.is_integer() else value


def figure_row(figure: Figure) -> Row:
    values = [_number(figure.value), _number(figure.last), _number(figure.target),
              _number(getattr(figure, "to_date", None))]
    unit = figure.unit
    if figure.money:
        unit = _("yuan")
        if any(v is not None and abs(v) >= WAN for v in values):
            unit = _("10,000 yuan")
            values = [None if v is None else round(v / WAN, 2) for v in values]
    value, last, target, to_date = values
    return Row(figure.label, unit, value, last, target, figure.source, to_date)


def main_figure(item: SummaryItem) -> Figure | None:
    """The figure an item is about: the one its phrase calls {value}, else its first."""
    return item.figure("value") or (item.figures[0] if item.figures else None)


def _has_data(figure: Figure | None) -> bool:
    return figure is not None and any(
        v is not None for v in (figure.value, figure.last, figure.target))


def source_label(source: str) -> str:
    kind = source.partition(":")[0]
    return {"tally": _("Monthly tallies"), "registry": _("Registry"),
            "activity": _("Activity log"), "activities": _("Activity log"),
            "campaign": _("Activity log"), "highlight": _("Activity log"),
            "honour": _("Honours"), "honours": _("Honours")}.get(kind, source)


# --- cells ----------------------------------------------------------------------------------

def cell(ws, value: Any, font=None, fill=None, number_format=None, alignment=None) -> Cell:
    """A cell for `ws.append()`: text is always a text cell (never a formula, whatever it
    starts with), numbers keep their type; absent (None) reads as "—"."""
    if value is None:
        value = ABSENT
    if isinstance(value, Decimal):
        value = _number(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        result = Cell(ws, row=1, column=1, value=value)
        result.number_format = number_format or (
            INTEGER if float(value).is_integer() else DECIMAL)
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        result = Cell(ws, row=1, column=1, value=text)
        result.data_type = "s"
        if text.startswith(("=", "+", "-", "@", "\t", "\r")):
            result.quotePrefix = True
        if number_format:
            result.number_format = number_format
    if font is not None:
        result.font = font
    if fill is not None:
        result.fill = fill
    if alignment is not None:
        result.alignment = alignment
    elif value == ABSENT:
        result.alignment = Alignment(horizontal="right")
    return result


def sheet_name(name: str) -> str:
    """A name Excel accepts: at most 31 characters, none of :\\/?*[] (a colon becomes the
    full-width one Chinese text uses anyway)."""
    name = name.replace(":", "：")
    for character in "\\/?*[]":
        name = name.replace(character, "-")
    return name[:31]


class Sheet:
    """A write-only sheet that knows its current row (charts are anchored by row), printed
    on A4: fitted to the page's width (as many pages down as it takes), the title rows
    repeated on every page, page numbers in the footer. (A write-only sheet writes its
    properties with its first row, so all of it is set here.)"""

    def __init__(self, wb: Workbook, name: str, widths: Sequence[int], *,
                 header_rows: int = TITLE_ROWS + 1, landscape: bool = False):
        self.name = sheet_name(name)
        self.ws = ws = wb.create_sheet(self.name)
        self.row = 0
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        self.columns = len(widths)
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.print_title_rows = f"1:{header_rows}"
        ws.oddFooter.center.text = _("Page &P of &N")
        ws.oddFooter.center.size = 9
        ws.oddFooter.right.text = "&A"
        ws.oddFooter.right.size = 9
        if header_rows > TITLE_ROWS:
            ws.freeze_panes = f"A{header_rows + 1}"

    def append(self, values: Iterable[Any], height: float | None = None, **style) -> int:
        if height:
            self.ws.row_dimensions[self.row + 1].height = height
        self.ws.append([v if v is None or isinstance(v, Cell) else cell(self.ws, v, **style)
                        for v in values])  # None: no cell; absent figures come as cells
        self.row += 1
        return self.row

    def blank(self, n: int = 1) -> None:
        for _i in range(n):
            self.ws.append([])
            self.row += 1

    def print_to(self, last_row: int) -> None:
        """Print down to `last_row` (charts reach below the last cell)."""
        self.ws.print_area = f"A1:{get_column_letter(self.columns)}{last_row}"


# --- the workbook ---------------------------------------------------------------------------

@dataclass
class Context:
    period: Period
    org_name: str
    generated: datetime.datetime

    @property
    def title(self) -> str:
        return period_title(self.period)


def period_title(period: Period) -> str:
    if period.kind == "Y":
        return _("%(year)s work summary") % {"year": period.year}
    names = {"H1": _("first half-year"), "H2": _("second half-year"),
             "Q1": _("first quarter"), "Q2": _("second quarter"),
             "Q3": _("third quarter"), "Q4": _("fourth quarter")}
    if period.kind in names:
        return _("%(year)s %(period)s work summary") % {
            "year": period.year, "period": names[period.kind]}
    return _("%(year)s January to %(month)s work summary") % {
        "year": period.year, "month": _("%(m)s月") % {"m": period.months[1]}}


def _titles(sheet: Sheet, ctx: Context, name: str, note: str = "") -> None:
    sheet.append([_("%(federation)s · %(title)s · %(sheet)s") % {
        "federation": settings.FEDERATION_NAME, "title": ctx.title, "sheet": name}], font=TITLE)
    sheet.append([_("Scope: %(org)s · %(start)s to %(end)s · generated %(time)s") % {
        "org": ctx.org_name, "start": ctx.period.start.isoformat(),
        "end": ctx.period.end.isoformat(), "time": ctx.generated.strftime("%Y-%m-%d %H:%M")}
        + (f" · {note}" if note else "")])
    sheet.blank()


def figure_header(ctx: Context) -> list[str]:
    return [_("This period"), _("Same period last year"), _("Change on last year"),
            _("Annual target"), _("Completion")]


def figure_cells(ws, row: Row) -> list[Cell]:
    """This period, last year, change, target, completion: "—" where there is nothing."""
    return [cell(ws, row.value), cell(ws, row.last),
            cell(ws, row.change, number_format=CHANGE),
            cell(ws, row.target), cell(ws, row.completion, number_format=PERCENT)]


def write_leader_workbook(
    path: Path, *, items: Sequence[SummaryItem], lines: Sequence[Line], period: Period,
    org_name: str, generated: datetime.datetime, sentence: Callable[[SummaryItem], str],
    annexes: Sequence[Annex] = (),
) -> None:
    """`lines` in their order; `sentence(item)` is the item as the narrative states it."""
    ctx = Context(period, org_name, generated)
    wb = Workbook(write_only=True)
    by_line: dict[str, list[SummaryItem]] = {}
    for item in sorted(items, key=lambda i: i.order):
        by_line.setdefault(item.line, []).append(item)
    for code, line_items in list(by_line.items()):
        line_items[:] = [i for i in line_items if sentence(i)]  # what the narrative states
        if not line_items:
            del by_line[code]
    known = [line for line in lines if line.code in by_line]  # lines with something to say
    charts = ChartData(wb, ctx)
    key = _key_figures(wb, ctx, known, by_line, charts)
    for number, line in enumerate(known, start=1):
        _line_sheet(wb, ctx, number, line, by_line[line.code], sentence)
    for annex in annexes:
        _annex_sheet(wb, ctx, annex)
    key.print_to(charts.place(key))
    wb.save(path)


def chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def _key_figures(wb, ctx: Context, lines: Sequence[Line], by_line, charts: ChartData) -> Sheet:
    name = _("Key figures")
    sheet = Sheet(wb, name, [34, 10, 13, 13, 10, 13, 10])
    _titles(sheet, ctx, name, _("share of the year elapsed: %(share)s%%") % {
        "share": round(100 * ctx.period.share_of_year)})
    sheet.append([_("Figure"), _("Unit")] + figure_header(ctx), font=BOLD, fill=HEADER_FILL,
                 alignment=CENTER, height=HEADER_HEIGHT)
    for number, line in enumerate(lines, start=1):
        rows = [(figure_row(f)) for item in by_line[line.code]
                if _has_data(f := main_figure(item))]
        if not rows:
            continue
        sheet.append([f"{chinese_number(number)}、{line.name}"] + [
            cell(sheet.ws, "", fill=LINE_FILL) for _c in range(sheet.columns - 1)],
            font=LINE_FONT, fill=LINE_FILL)
        for row in rows:
            sheet.append([cell(sheet.ws, row.label, alignment=WRAP), cell(sheet.ws, row.unit)]
                         + figure_cells(sheet.ws, row))
            charts.add(row)
    return sheet


def _line_sheet(wb, ctx: Context, number: int, line: Line, items: list[SummaryItem],
                sentence: Callable[[SummaryItem], str]) -> None:
    name = f"{chinese_number(number)}、{line.name}"
    sheet = Sheet(wb, name, [40, 22, 9, 12, 12, 9, 12, 9, 11], landscape=True)
    _titles(sheet, ctx, line.name)
    sheet.append([_("Item"), _("Figure"), _("Unit")] + figure_header(ctx) + [_("Source")],
                 font=BOLD, fill=HEADER_FILL, alignment=CENTER, height=HEADER_HEIGHT)
    for item in items:
        figures = [f for f in item.figures if _has_data(f)]
        text = sentence(item) or item.highlight
        if not figures and not text:
            continue
        first = True
        for figure in figures or [None]:
            lead = cell(sheet.ws, text, alignment=WRAP) if first and text else None
            if figure is None:
                sheet.append([lead])
            else:
                row = figure_row(figure)
                sheet.append([lead, cell(sheet.ws, row.label, alignment=WRAP), row.unit]
                             + figure_cells(sheet.ws, row) + [source_label(row.source)])
            first = False
        if item.highlight and item.highlight not in text:
            sheet.append([cell(sheet.ws, _("Highlight: %(text)s") % {"text": item.highlight},
                               alignment=WRAP)])


def _annex_sheet(wb, ctx: Context, annex: Annex) -> None:
    name = _("Annex: %(name)s") % {"name": annex.sheet}
    width = max((len(t.header) for t in annex.tables), default=1)
    first = max([16] + [len(str(r[0])) * 2 + 2 for t in annex.tables for r in t.rows[:200]
                        if r])
    sheet = Sheet(wb, name, [min(first, 36)] + [11] * (width - 1), header_rows=TITLE_ROWS,
                  landscape=getattr(annex, "landscape", True))
    _titles(sheet, ctx, annex.sheet)
    for table in annex.tables:
        sheet.append([table.title], font=BOLD)
        sheet.append(table.header, font=BOLD, fill=HEADER_FILL, alignment=CENTER,
                     height=HEADER_HEIGHT)
        for values in table.rows:
            sheet.append([cell(sheet.ws, v, number_format=table.formats.get(i))
                          for i, v in enumerate(values)])
        if table.total and table.rows:
            totals: list[Any] = [_("Total")]
            for i in range(1, len(table.header)):
                numbers = [r[i] for r in table.rows if isinstance(r[i], int | float | Decimal)]
                totals.append(sum(numbers) if numbers and i not in table.no_total else None)
            sheet.append([None if v is None else cell(
                sheet.ws, v, font=BOLD, number_format=table.formats.get(i))
                for i, v in enumerate(totals)])
        sheet.blank()


# --- charts ---------------------------------------------------------------------------------

class ChartData:
    """The charts' source cells, on a hidden sheet written last, in blocks of one measure:
    completion of the annual targets (percent, beside the share of the year elapsed), and this
    period against last year for each unit (never two units on one axis)."""

    def __init__(self, wb: Workbook, ctx: Context):
        self.wb, self.ctx = wb, ctx
        self.completion: list[Row] = []
        self.by_unit: dict[str, list[Row]] = {}

    def add(self, row: Row) -> None:
        if row.completion is not None:
            self.completion.append(row)
        if row.value is not None and row.last is not None:
            self.by_unit.setdefault(row.unit, []).append(row)

    def place(self, key: Sheet) -> int:
        """Write the source cells, put the charts under the key figures one below the other, and
        return the last row they cover (the end of the printed area)."""
        if not (self.completion or self.by_unit):
            return key.row
        data = Sheet(self.wb, _("Chart data"), [34, 10, 13, 13], header_rows=1)
        data.ws.sheet_state = "hidden"
        charts = []
        if self.completion:
            start = data.append([_("Completion of annual targets"), _("Unit"), _("Completion"),
                                 _("Share of the year elapsed")], font=BOLD)
            for row in self.completion:
                data.append([row.label, "%", cell(data.ws, round(row.completion, 4),
                                                  number_format=PERCENT),
                             cell(data.ws, round(self.ctx.period.share_of_year, 4),
                                  number_format=PERCENT)])
            charts.append(self._chart(data, start, _("Completion of annual targets (%)"), "0%"))
            data.blank()
        for unit, rows in self.by_unit.items():
            start = data.append([_("This period against last year"), _("Unit"),
                                 _("This period"), _("Same period last year")], font=BOLD)
            for row in rows:
                data.append([row.label, row.unit, row.value, row.last])
            charts.append(self._chart(data, start, _(
                "This period against the same period last year (%(unit)s)") % {"unit": unit},
                INTEGER if all(float(r.value).is_integer() for r in rows) else DECIMAL))
            data.blank()
        top = key.row + 2
        for chart in charts:
            key.ws.add_chart(chart, f"A{top}")
            top += math.ceil(chart.height / ROW_CM) + 1
        return top

    def _chart(self, data: Sheet, header_row: int, title: str, number_format: str) -> BarChart:
        last = data.row
        chart = BarChart()
        chart.type = "bar"  # horizontal: the figures' names stay readable
        chart.title = title
        chart.style = 10
        chart.visible_cells_only = False  # the source sheet is hidden
        chart.width, chart.height = 18, max(5.5, 2.5 + 1.1 * (last - header_row))
        chart.add_data(Reference(data.ws, min_col=3, max_col=4, min_row=header_row,
                                 max_row=last), titles_from_data=True)
        chart.set_categories(Reference(data.ws, min_col=1, min_row=header_row + 1,
                                       max_row=last))
        chart.x_axis.scaling.orientation = "maxMin"  # first figure on top, as in the table
        chart.y_axis.number_format = number_format
        chart.y_axis.scaling.min = 0  # bars measured from zero, or they lie
        chart.y_axis.majorGridlines = None
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        chart.legend.position = "b"
        return chart
