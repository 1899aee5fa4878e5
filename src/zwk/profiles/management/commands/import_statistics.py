"""``manage.py import_statistics FILE…`` – load official tables or register data.

Each file is imported all-or-nothing (one transaction); the command reports progress per
file (reading, then the share of values written) and the seconds it took, e.g. for the
whole folder of Gemeinde tables: ``import_statistics ../shared/data/gemeinden_2008-2015/*.csv``.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from zwk.municipalities.models import Municipality
from zwk.profiles.services import ImportRefused, derived_refresh, statistics_import

#: progress is reported at these shares of the values written
STEPS = (0.25, 0.5, 0.75)


class Command(BaseCommand):
    help = (
        "Importiert Statistikdateien (GENESIS/Regionalstatistik, Flat-Datei, Gemeindeverzeichnis, "
        "Melderegister-Vorlage). Jede Datei ganz oder gar nicht; dieselbe Datei erneut ändert nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--kommune",
            metavar="SLUG",
            help="Melderegister-Daten dieser Kommune zuordnen (Quartier: Gebietsschlüssel im Profil).",
        )

    def _progress(self, prefix: str):
        reported: set[float] = set()

        def show(done: int, total: int) -> None:
            for step in STEPS:
                if total and done >= step * total and step not in reported:
                    reported.add(step)
                    self.stdout.write(
                        f"{prefix}  {step * 100:.0f} % von {total} Werten gespeichert"
                    )
                    self.stdout.flush()

        return show

    def handle(self, *args, files, kommune=None, **options):
        municipality = None
        if kommune:
            municipality = Municipality.objects.filter(slug=kommune).first()
            if municipality is None:
                raise CommandError(f"Kommune „{kommune}“ gibt es nicht.")
        failed = 0
        started = time.perf_counter()
        for n, path in enumerate(files, start=1):
            prefix = f"[{n}/{len(files)}]"
            self.stdout.write(f"{prefix} {path}: wird gelesen …")
            self.stdout.flush()
            began = time.perf_counter()
            try:
                release, created = statistics_import(
                    path=path, municipality=municipality, progress=self._progress(prefix)
                )
            except FileNotFoundError:
                self.stderr.write(f"{prefix} {path}: Datei nicht gefunden.")
                failed += 1
                continue
            except ImportRefused as exc:
                self.stderr.write(f"{prefix} {exc.message}")
                failed += 1
                continue
            seconds = time.perf_counter() - began
            s = release.summary
            if created and s.get("restored"):  # the same file again after a withdrawal
                self.stdout.write(
                    f"{prefix} {path}: bereits importiert ({release.file_name}) – fehlende "
                    f"Werte wieder ergänzt (bisher insgesamt {s['restored']}; {seconds:.1f} s)."
                )
                continue
            if not created:
                self.stdout.write(
                    f"{prefix} {path}: bereits importiert ({release.file_name}) – nichts "
                    f"geändert ({seconds:.1f} s)."
                )
                continue
            self.stdout.write(
                f"{prefix} {path}: {s['rows']} Werte, {s['regions']} Gebiete, Jahre "
                f"{', '.join(str(y) for y in s['years'])}; übersprungen: {s['skipped_count']}"
                + (f"; ersetzt: {sum(r['rows'] for r in s['replaced'])}" if s["replaced"] else "")
                + f" ({seconds:.1f} s)"
            )
            for reason, count in s["skipped_by_reason"].items():
                self.stdout.write(f"  übersprungen ({count}×): {reason}")
            for note in s.get("notes", []):
                if "kein 31.12." in note:
                    self.stdout.write(f"  Hinweis: {note}")
        if failed < len(files):
            began = time.perf_counter()
            derived_refresh()
            self.stdout.write(
                f"Demografietypen und Vorausberechnungen der Gemeinden der Plattform "
                f"vorberechnet ({time.perf_counter() - began:.1f} s)."
            )
        self.stdout.write(
            f"{len(files) - failed} von {len(files)} Datei(en) in "
            f"{time.perf_counter() - started:.1f} s verarbeitet."
        )
        if failed:
            raise CommandError(
                f"{failed} Datei(en) nicht importiert – es wurde aus ihnen nichts gespeichert."
            )
