"""``manage.py purge_participants`` – anonymise workshop participants after the retention period.

Run it daily (cron or Celery beat). Idempotent: anonymised participants are skipped.
"""

from django.core.management.base import BaseCommand

from zwk.workshops.services import participants_purge


class Command(BaseCommand):
    help = "Anonymisiert Teilnehmende von Zukunftswerkstätten nach Ablauf der Aufbewahrungsfrist."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="nur anzeigen, was anonymisiert würde"
        )

    def handle(self, *args, dry_run=False, **options):
        done = participants_purge(dry_run=dry_run)
        for workshop, count in done:
            verb = "würden anonymisiert" if dry_run else "anonymisiert"
            self.stdout.write(
                f"{workshop.municipality.slug}/{workshop.code}: {count} Teilnehmende {verb}"
            )
        total = sum(count for _w, count in done)
        self.stdout.write(self.style.SUCCESS(f"Fertig: {total} Teilnehmende."))
