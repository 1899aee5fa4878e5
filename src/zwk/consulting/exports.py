"""Accounting export of the logged consulting days (CSV and XLSX).

The files come from ``zwk.core.exports``: decimal comma in the CSV, formula cells
neutralised, days stay numbers in XLSX so they can be summed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zwk.consulting import selectors
from zwk.core.exports import csv_response, xlsx_response

__all__ = ["accounting_table", "csv_response", "xlsx_response"]


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
