"""Attendance list as CSV and XLSX, safe to open in spreadsheet programs.

Cells that start with ``= + - @`` (or tab/CR) are prefixed with an apostrophe – a name like
``=HYPERLINK(…)`` typed into the public registration form must not become a formula
(same neutralisation as the situation analysis exports).
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def attendance_table(registrations) -> tuple[list[str], list[list[str]]]:
    headers = [
        _("Nr."),
        _("Name"),
        _("E-Mail-Adresse"),
        _("Kommune oder Organisation"),
        _("Status"),
        _("angemeldet am"),
        _("Unterschrift / anwesend"),
    ]
    rows = []
    for n, r in enumerate(registrations, start=1):
        registered = timezone.localtime(r.created_at).strftime("%d.%m.%Y %H:%M")
        rows.append(
            [str(n), r.name, r.email, r.organisation, r.get_status_display(), registered, ""]
        )
    return headers, rows


def csv_response(filename: str, headers: list[str], rows: list[list[str]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_safe(str(v)) for v in row] for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def xlsx_response(
    filename: str, title: str, headers: list[str], rows: list[list[str]]
) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]  # Excel's limit for sheet names
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(str(v)) for v in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl reads a leading "=" as a formula
                cell.data_type = "s"
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
