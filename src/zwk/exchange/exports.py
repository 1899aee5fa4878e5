"""Attendance list as CSV and XLSX, safe to open in spreadsheet programs.

Cells that start with ``= + - @`` (or tab/CR) are prefixed with an apostrophe – a name like
``=HYPERLINK(…)`` typed into the public registration form must not become a formula
(``zwk.core.exports``, as for all downloads). Unlike the other downloads, this list keeps the
apostrophe in the workbook too.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.core import exports
from zwk.core.exports import csv_response

__all__ = ["attendance_table", "csv_response", "xlsx_response"]


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


def xlsx_response(filename: str, title: str, headers: list[str], rows) -> HttpResponse:
    defused = [[exports.defuse(str(v)) for v in row] for row in rows]
    return exports.xlsx_response(filename, title, headers, defused)
