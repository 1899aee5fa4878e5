"""Load the PLZ → AGS table the "Kommune anmelden" search uses.

The file is a CSV with a header line and the columns ``plz`` and ``ags`` (separator ``;`` or
``,``), e.g. derived from the Gemeindeverzeichnis (GV-ISys: Postleitzahl of the
Verwaltungssitz) or the postal code list of the Länder. Rows are added, never removed;
running it twice changes nothing::

    python manage.py import_postal_codes plz_ags.csv
"""

from __future__ import annotations

import csv
import re

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zwk.registration.models import PostalCode


class Command(BaseCommand):
    help = "Postleitzahlen → Gemeindeschlüssel für die Suche „Kommune anmelden“ einlesen."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                sample = handle.read(4096)
                handle.seek(0)
                dialect = csv.Sniffer().sniff(sample, delimiters=";,")
                rows = list(csv.DictReader(handle, dialect=dialect))
        except (OSError, csv.Error) as exc:
            raise CommandError(f"Datei nicht lesbar: {exc}") from exc
        if not rows or not {"plz", "ags"} <= {k.strip().lower() for k in rows[0]}:
            raise CommandError("Die Datei braucht die Spalten „plz“ und „ags“.")
        pairs, bad = set(), 0
        for row in rows:
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            plz, ags = row["plz"].zfill(5), row["ags"].zfill(8)
            if re.fullmatch(r"\d{5}", plz) and re.fullmatch(r"\d{8}", ags):
                pairs.add((plz, ags))
            else:
                bad += 1
        with transaction.atomic():
            before = PostalCode.objects.count()
            PostalCode.objects.bulk_create(
                [PostalCode(code=p, ags=a) for p, a in sorted(pairs)], ignore_conflicts=True
            )
            added = PostalCode.objects.count() - before
        self.stdout.write(
            f"{added} Postleitzahlen neu, {len(pairs) - added} schon da, {bad} Zeilen ungültig."
        )
