"""The tables of the Bestandsaufnahme and the SWOT for the CSV and XLSX downloads.

The files themselves – formula cells neutralised – come from ``zwk.core.exports``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zwk.core.exports import csv_response, xlsx_response
from zwk.situation import selectors

__all__ = ["csv_response", "initiatives_table", "swot_table", "xlsx_response"]


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
