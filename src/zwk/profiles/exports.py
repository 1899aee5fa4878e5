"""CSV/XLSX of every table on the profile page, and the PDF report (WeasyPrint)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from zwk.core import pdf as pdf_output
from zwk.core.exports import append_row, defuse
from zwk.profiles import charts


def csv_cell(value):
    """German number format in CSV (Excel in German opens it without conversion); text that a
    spreadsheet would run as a formula (a region name from an uploaded file) is defused."""
    if isinstance(value, float):
        return charts.fmt(value, 3).replace(".", "")
    if isinstance(value, str):
        return defuse(value)
    return "" if value is None else value


def workbook(municipality, page) -> bytes:
    """Every table of ``page`` (:class:`zwk.profiles.pages.ProfilePage`) as a sheet, and
    the sources."""
    wb = Workbook()
    wb.remove(wb.active)
    used = set()
    for table in page.tables:
        name = table.title[:31].replace("/", "-").replace(":", "")
        base, n = name, 2
        while name in used:
            name = f"{base[:28]} {n}"
            n += 1
        used.add(name)
        ws = wb.create_sheet(name)
        ws.append(table.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            append_row(ws, row)
    ws = wb.create_sheet("Quellen")
    ws.append(["Datei", "Tabelle", "Stand", "Lizenz"])
    for r in page.sources.releases:
        append_row(ws, [r.file_name, r.table_code, r.stand, r.licence])
    ws.append([])
    append_row(ws, [f"Kommunalprofil {municipality.name}. {page.sources.licence}"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def report_pdf(request, ctx) -> bytes:
    from weasyprint import HTML

    html = render_to_string("profiles/report.html", ctx, request=request)
    return pdf_output.pdf_bytes(HTML(string=html, base_url=request.build_absolute_uri("/")))
