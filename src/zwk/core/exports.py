"""CSV and XLSX downloads that are safe to open in a spreadsheet program.

CSV is written for German spreadsheet programs: UTF-8 with BOM, semicolon separator, decimal
comma, dates as ``TT.MM.JJJJ``. Text that a spreadsheet would run as a formula (=, +, -, @,
tab or CR at the start) is neutralised – CSV: a leading apostrophe; XLSX: stored as text.
User input must never execute. Numbers and dates stay numbers and dates in XLSX, so they
can be summed and sorted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def defuse(text: str) -> str:
    """Text a spreadsheet would run as a formula, with a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(value) -> str:
    """A CSV cell for German spreadsheets: decimal comma, ``TT.MM.JJJJ``, formulas defused."""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return defuse(str(value))


def csv_text(
    headers: list[str], rows: Iterable[list], cell: Callable[[object], str] = csv_cell
) -> str:
    """The CSV file as text: BOM (German Excel opens UTF-8 only with it), ``;``, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([cell(v) for v in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(filename: str, headers: list[str], rows: Iterable[list]) -> HttpResponse:
    """``filename.csv`` as a download; ``filename`` without the extension."""
    response = HttpResponse(csv_text(headers, rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{filename}.csv")


def _sheet_value(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        # Excel knows no time zones: the local (Berlin) time people expect to read.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | date):
        return value
    return str(value)


def append_row(sheet, values: Iterable) -> None:
    """Append a row to an openpyxl sheet: formula-like text stays text, dates ``TT.MM.JJJJ``
    (with ``HH:MM`` for a point in time)."""
    sheet.append([_sheet_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":  # openpyxl reads a leading "=" as a formula
            cell.data_type = "s"
        elif isinstance(cell.value, datetime):
            cell.number_format = "DD.MM.YYYY HH:MM"
        elif isinstance(cell.value, date):
            cell.number_format = "DD.MM.YYYY"


def add_sheet(workbook: Workbook, title: str, headers: list, rows: Iterable[list]):
    """A sheet ``title`` in ``workbook``: a bold, frozen header row, rows by ``append_row``,
    column widths from the content (10 to 60 characters)."""
    sheet = workbook.create_sheet(title[:31])  # Excel's limit for sheet names
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    return sheet


def xlsx_response(
    filename: str, title: str, headers: list[str], rows: Iterable[list]
) -> HttpResponse:
    """``filename.xlsx`` with one sheet called ``title`` (see ``add_sheet``)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_sheet(workbook, title, headers, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), f"{filename}.xlsx")
