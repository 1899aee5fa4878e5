"""Accounting export of the logged consulting days (CSV and XLSX).

CSV for German spreadsheet programs: UTF-8 with BOM, semicolon, decimal comma. Text cells a
spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) are neutralised – CSV
with a leading apostrophe, XLSX stored as text. Days stay numbers in XLSX so they can be
summed.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zwk.consulting import selectors

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def accounting_table(year: int) -> tuple[list[str], list[list]]:
    headers = [
        _("Kommune"),
        _("AGS"),
        _("Land"),
        _("Anfrage-Nr."),
        _("Thema"),
        _("Beraterin/Berater"),
        _("Datum"),
        _("Tage"),
        _("Tätigkeit"),
        _("über dem Budget"),
    ]
    rows = [
        [
            log.municipality.name,
            log.municipality.ags,
            str(log.municipality.get_land_display()),
            log.request_id,
            log.request.topic,
            str(log.consultant) if log.consultant else _("(gelöscht)"),
            log.worked_on,
            log.days,
            log.activity,
            _("ja") if log.over_budget else _("nein"),
        ]
        for log in selectors.export_rows(year)
    ]
    return headers, rows


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv_cell(value) -> str:
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return _safe(str(value))


def csv_response(filename: str, headers: list[str], rows: list[list]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def xlsx_response(filename: str, title: str, headers: list[str], rows: list[list]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl reads a leading "=" as a formula
                cell.data_type = "s"
            elif hasattr(cell.value, "year"):
                cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    for column, header in zip(sheet.columns, headers, strict=True):
        width = max([len(header)] + [len(str(c.value or "")) for c in column])
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
