"""``manage.py import_statistics FILE…`` – load official tables or register data."""

from django.core.management.base import BaseCommand, CommandError

from zwk.municipalities.models import Municipality
from zwk.profiles.services import ImportRefused, statistics_import


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

    def handle(self, *args, files, kommune=None, **options):
        municipality = None
        if kommune:
            municipality = Municipality.objects.filter(slug=kommune).first()
            if municipality is None:
                raise CommandError(f"Kommune „{kommune}“ gibt es nicht.")
        failed = 0
        for path in files:
            try:
                release, created = statistics_import(path=path, municipality=municipality)
            except FileNotFoundError:
                self.stderr.write(f"{path}: Datei nicht gefunden.")
                failed += 1
                continue
            except ImportRefused as exc:
                self.stderr.write(exc.message)
                failed += 1
                continue
            s = release.summary
            if created and s.get("restored"):
                self.stdout.write(
                    f"{path}: bereits importiert ({release.file_name}) – fehlende Werte wieder "
                    f"ergänzt (bisher insgesamt {s['restored']})."
                )
                continue
            if not created:
                self.stdout.write(
                    f"{path}: bereits importiert ({release.file_name}) – nichts geändert."
                )
                continue
            self.stdout.write(
                f"{path}: {s['rows']} Werte, {s['regions']} Gebiete, Jahre "
                f"{', '.join(str(y) for y in s['years'])}; übersprungen: {s['skipped_count']}"
                + (f"; ersetzt: {sum(r['rows'] for r in s['replaced'])}" if s["replaced"] else "")
            )
            for reason, n in s["skipped_by_reason"].items():
                self.stdout.write(f"  übersprungen ({n}×): {reason}")
        if failed:
            raise CommandError(
                f"{failed} Datei(en) nicht importiert – es wurde aus ihnen nichts gespeichert."
            )
