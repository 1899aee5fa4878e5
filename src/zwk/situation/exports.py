"""CSV and XLSX downloads of the Bestandsaufnahme and the SWOT.

CSV is written for German spreadsheet programs: UTF-8 with BOM, semicolon separator.
Cells that a spreadsheet would run as a formula (=, +, -, @ at the start) are neutralised
(CSV: leading apostrophe; XLSX: stored as text) – user input must never execute.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zwk.situation import selectors

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def initiatives_table(municipality) -> tuple[list[str], list[list[str]]]:
    headers = [
        _("Titel"),
        _("Handlungsfelder"),
        _("Zielgruppen"),
        _("Träger"),
        _("Status"),
        _("Kontakt"),
        _("Kurzbeschreibung"),
        _("Link"),
    ]
    rows = [
        [
            i.title,
            ", ".join(t.name for t in i.themes.all()),
            ", ".join(i.target_group_labels),
            i.provider,
            str(i.get_status_display()),
            i.contact,
            i.description,
            i.url,
        ]
        for i in selectors.initiatives(municipality)
    ]
    return headers, rows


def swot_table(municipality) -> tuple[list[str], list[list[str]]]:
    headers = [
        _("Kategorie"),
        _("Aussage"),
        _("Begründung oder Beleg"),
        _("Quelle"),
        _("Indikator"),
        _("Gespräch"),
    ]
    rows = [
        [
            line.category_label,
            line.text,
            line.note,
            line.source_label,
            line.indicator_key,
            line.interview,
        ]
        for block in selectors.swot_for_report(municipality)
        for line in block.items
    ]
    return headers, rows


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


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
        sheet.append([str(v) for v in row])
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
