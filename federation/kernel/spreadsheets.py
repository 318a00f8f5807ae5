"""Excel templates, guarded uploads and exports, shared by every app.

Every cell the portal writes goes through `cell()`/`row_cells()`: text is always written as
text (never a formula, however it starts: `=`, `+`, `-`, `@`, tab, CR), numbers and dates keep
their types.

Uploads: refused before parsing when too big, not a zip, or a zip bomb; then parsed with openpyxl
in read-only mode. Every problem is collected as a CellError (sheet, row, column, message) so the
user sees them all at once; callers save nothing unless the list is empty.
"""

from __future__ import annotations

import datetime
import decimal
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 150
MAX_ROWS = 50_000


@dataclass(frozen=True)
class Column:
    key: str
    header: Any  # a lazy translation: the template shows it in the user's language
    kind: str = "text"  # text | int | decimal | date | bool
    required: bool = False
    width: int = 16
    choices: dict[str, str] | None = None  # accepted cell text -> stored value


@dataclass(frozen=True)
class SheetSpec:
    name: Any  # lazy translation
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class ParsedSheet:
    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # each has "_row": its Excel row


class UploadRejected(Exception):
    def __init__(self, errors: list[CellError]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


#: Text starting with one of these is (or turns into, once edited or saved as CSV) a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(ws, value: Any, *, font=None, fill=None, number_format=None, alignment=None) -> Cell:
    """One cell for `ws.append()` (normal or write-only sheets). Text is stored as a string
    cell whatever it starts with, and marked with Excel's quote prefix when it looks like a
    formula, so editing it in Excel keeps it text; characters Excel refuses are dropped."""
    if isinstance(value, str) or (value is not None and not isinstance(
            value, int | float | decimal.Decimal | datetime.date | datetime.time
            | datetime.timedelta)):
        value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        result = Cell(ws, row=1, column=1, value=value)
        result.data_type = "s"  # openpyxl would make "=…" a formula and "#N/A" an error
        if value.startswith(FORMULA_TRIGGERS):
            result.quotePrefix = True
    else:
        result = Cell(ws, row=1, column=1, value=value)
    if font is not None:
        result.font = font
    if fill is not None:
        result.fill = fill
    if number_format is not None:
        result.number_format = number_format
    if alignment is not None:
        result.alignment = alignment
    return result


def row_cells(ws, values: Iterable[Any]) -> list[Any]:
    """A row for `ws.append()`, every value through `cell()`."""
    return [value if isinstance(value, Cell) else cell(ws, value) for value in values]


def _in_every_language(text: Any) -> set[str]:
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(str(text).strip())
    return names


def build_template(specs: Iterable[SheetSpec], rows: dict[str, list[list[Any]]] | None = None,
                   note: str = "") -> bytes:
    """An upload template: one sheet per spec with a bold header row (optionally pre-filled)."""
    wb = Workbook()
    wb.remove(wb.active)
    header_font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FDE2E4")
    for spec in specs:
        ws = wb.create_sheet(str(spec.name))
        ws.append([cell(ws, column.header, font=header_font,
                        fill=fill if column.required else None) for column in spec.columns])
        for index, column in enumerate(spec.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A2"
        for row in (rows or {}).get(str(spec.name), []):
            ws.append(row_cells(ws, row))
    if note:
        ws = wb.create_sheet(_("Instructions"))
        for line in note.splitlines():
            ws.append([cell(ws, line)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def check_zip(data: bytes) -> str | None:
    """A message if the bytes are not a sane .xlsx container, else None."""
    if len(data) > settings.MAX_UPLOAD_BYTES:
        return _("The file is larger than %(mb)s MB.") % {
            "mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
    if not data:
        return _("The file is empty.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if total > MAX_UNZIPPED_BYTES or total > MAX_ZIP_RATIO * max(len(data), 1):
                return _("The file expands to an implausible size and was refused.")
            if "[Content_Types].xml" not in archive.namelist():
                return _("The file is not an .xlsx workbook.")
    except zipfile.BadZipFile:
        return _("The file is not an .xlsx workbook (it may be corrupt or an old .xls file).")
    return None


def _convert(value: Any, column: Column) -> tuple[Any, str | None]:
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        if column.required:
            return None, _("This column is required.")
        return None, None
    if column.choices is not None:
        key = str(value).strip()
        if key in column.choices:
            return column.choices[key], None
        return None, _("“%(value)s” is not one of: %(allowed)s.") % {
            "value": key, "allowed": "、".join(column.choices)}
    if column.kind == "int":
        if isinstance(value, bool):
            return None, _("Enter a whole number.")
        if isinstance(value, int):
            result = value
        elif (isinstance(value, float) and value.is_integer()) or (
            isinstance(value, str) and value.lstrip("-").isdigit()
        ):
            result = int(value)
        else:
            return None, _("“%(value)s” is not a whole number.") % {"value": value}
        if result < 0:
            return None, _("The number cannot be negative.")
        return result, None
    if column.kind == "decimal":
        try:
            result = decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            return None, _("“%(value)s” is not a number.") % {"value": value}
        if not result.is_finite():
            return None, _("“%(value)s” is not a number.") % {"value": value}
        if result < 0:
            return None, _("The number cannot be negative.")
        return result, None
    if column.kind == "date":
        if isinstance(value, datetime.datetime):
            return value.date(), None
        if isinstance(value, datetime.date):
            return value, None
        try:
            return datetime.date.fromisoformat(str(value).replace("/", "-")), None
        except ValueError:
            return None, _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": value}
    if column.kind == "bool":
        text = str(value).strip().lower()
        if text in {"是", "有", "yes", "y", "true", "1"}:
            return True, None
        if text in {"否", "无", "no", "n", "false", "0"}:
            return False, None
        return None, _("Enter 是 or 否 (yes or no).")
    return str(value), None


def read_workbook(
    data: bytes, specs: Iterable[SheetSpec]
) -> tuple[dict[str, ParsedSheet], list[CellError]]:
    """Parse every sheet of an upload against its spec.

    A file that cannot be used at all (too big, corrupt, wrong template) raises UploadRejected.
    Otherwise returns the rows (a bad cell reads as None) and the cell problems found, so the
    caller can go on checking rows against the database and report everything at once."""
    specs = list(specs)
    problem = check_zip(data)
    if problem:
        raise UploadRejected([CellError("", None, "", problem)])
    try:
        # Formulas are read as formulas (not their cached results) so they can be refused.
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise UploadRejected([CellError("", None, "", _(
            "The file could not be read as an .xlsx workbook."))]) from None
    errors: list[CellError] = []
    parsed: dict[str, ParsedSheet] = {}
    try:
        titles = {title.strip(): title for title in wb.sheetnames}
        for spec in specs:
            names = _in_every_language(spec.name)
            title = next((titles[n] for n in names if n in titles), None)
            shown = str(spec.name)
            if title is None:
                errors.append(CellError(shown, None, "", _(
                    "The sheet “%(sheet)s” is missing: download the template again.")
                    % {"sheet": shown}))
                continue
            sheet = ParsedSheet(shown)
            parsed[shown] = sheet
            rows = wb[title].iter_rows()
            header = [str(c.value).strip() if c.value is not None else ""
                      for c in next(rows, ())]
            positions: dict[str, int] = {}
            for column in spec.columns:
                aliases = _in_every_language(column.header)
                index = next((i for i, h in enumerate(header) if h in aliases), None)
                if index is None:
                    errors.append(CellError(shown, 1, str(column.header), _(
                        "The column “%(column)s” is missing: this is not the current template.")
                        % {"column": column.header}))
                else:
                    positions[column.key] = index
            if len(positions) < len(spec.columns):
                continue
            for number, row in enumerate(rows, start=2):
                if number - 1 > MAX_ROWS:
                    errors.append(CellError(shown, number, "", _(
                        "Too many rows: at most %(n)s per sheet.") % {"n": MAX_ROWS}))
                    break
                values = [c.value for c in row]
                if all(v is None or str(v).strip() == "" for v in values):
                    continue
                record: dict[str, Any] = {"_row": number}
                for column in spec.columns:
                    index = positions[column.key]
                    raw = values[index] if index < len(values) else None
                    if index < len(row) and row[index].data_type == "f":
                        value, message = None, _(
                            "The cell holds a formula: type the value itself instead.")
                    else:
                        value, message = _convert(raw, column)
                    if message:
                        errors.append(CellError(shown, number, str(column.header), message))
                    record[column.key] = value
                sheet.rows.append(record)
    finally:
        wb.close()
    if any(error.row in (None, 1) for error in errors):  # wrong template: rows mean nothing
        raise UploadRejected(errors)
    if not any(sheet.rows for sheet in parsed.values()):
        raise UploadRejected([CellError("", None, "", _(
            "The file has no data rows: fill in the template below its header row."))])
    return parsed, errors


def xlsx_response(filename: str, title: str, columns: list[tuple[str, int]],
                  rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A single-sheet export written in write-only mode (streams large lists in little memory)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    for index, (_header, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append(row_cells(ws, (header for header, _width in columns)))
    for row in rows:
        ws.append(row_cells(ws, row))
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return workbook_response(buffer.getvalue(), f"{filename}-{stamp}.xlsx")


def workbook_response(content: bytes, filename: str) -> HttpResponse:
    """A prepared .xlsx (an export, a template to fill in) as a download: the one place that
    sets the type and the Content-Disposition (the audit middleware logs every attachment)."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def upload_bytes(upload) -> bytes:
    """Read an UploadedFile, refusing oversized ones without reading them whole."""
    # check_zip() then refuses anything past the limit with a clear message.
    return upload.read(settings.MAX_UPLOAD_BYTES + 1)

