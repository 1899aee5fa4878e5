"""Load the PLZ → AGS table the "Kommune anmelden" search uses.

Importing the Gemeindeverzeichnis (``import_statistics`` or the office's upload) already
stores the PLZ of each Gemeinde's Verwaltungssitz. This command adds more, from

* the Gemeindeverzeichnis itself (GV-ISys XLSX or the CSV derived from it) without importing
  its statistics, or
* a CSV with a header line and the columns ``plz`` and ``ags`` (separator ``;`` or ``,``),
  e.g. the list of all PLZ of the Länder – so that a city is also found by its other PLZ.

Rows are added, never removed; running it twice changes nothing; a broken file stores
nothing::

    python manage.py import_postal_codes destatis_gv-isys_auszug_gv_31122023.xlsx
    python manage.py import_postal_codes plz_ags.csv
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zwk.profiles.services import ImportRefused, gemeindeverzeichnis_postal_codes
from zwk.registration.services import postal_codes_add


def _is_gemeindeverzeichnis(file: str) -> bool:
    if Path(file).suffix.lower() in (".xlsx", ".xlsm"):
        return True
    try:
        with open(file, encoding="utf-8-sig") as handle:
            head = handle.readline().lower().split(";")
    except (OSError, UnicodeDecodeError):
        return False
    return "satzart" in head and "plz" in head


class Command(BaseCommand):
    help = (
        "Postleitzahlen → Gemeindeschlüssel für die Suche „Kommune anmelden“ einlesen "
        "(CSV mit den Spalten plz und ags oder das Gemeindeverzeichnis)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        if _is_gemeindeverzeichnis(file):
            pairs, bad = self._from_gemeindeverzeichnis(file), 0
        else:
            pairs, bad = self._from_csv(file)
        added = postal_codes_add(pairs=pairs)
        self.stdout.write(
            f"{added} Postleitzahlen neu, {len(pairs) - added} schon da, {bad} Zeilen ungültig."
        )

    def _from_gemeindeverzeichnis(self, file: str) -> set[tuple[str, str]]:
        try:
            codes = gemeindeverzeichnis_postal_codes(file)
        except FileNotFoundError as exc:
            raise CommandError(f"Datei nicht lesbar: {exc}") from exc
        except ImportRefused as exc:
            raise CommandError(exc.message) from None
        return {(plz, ags) for ags, plz in codes.items()}

    def _from_csv(self, file: str) -> tuple[set[tuple[str, str]], int]:
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                sample = handle.read(4096)
                handle.seek(0)
                dialect = csv.Sniffer().sniff(sample, delimiters=";,")
                rows = list(csv.DictReader(handle, dialect=dialect))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise CommandError(f"Datei nicht lesbar: {exc}") from exc
        if not rows or not {"plz", "ags"} <= {(k or "").strip().lower() for k in rows[0]}:
            raise CommandError("Die Datei braucht die Spalten „plz“ und „ags“.")
        pairs, bad = set(), 0
        for row in rows:
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            plz, ags = row["plz"].zfill(5), row["ags"].zfill(8)
            if re.fullmatch(r"\d{5}", plz) and re.fullmatch(r"\d{8}", ags):
                pairs.add((plz, ags))
            else:
                bad += 1
        return pairs, bad
