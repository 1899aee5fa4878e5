"""``manage.py purge_participants`` – anonymise workshop participants after the retention period.

Run it daily (cron or Celery beat). Idempotent: anonymised participants are skipped. Before
purging it lists the cards of workshops due within 14 days that probably hold personal data
(``participant_data.purge_review``) for the moderation to review.
"""

from django.core.management.base import BaseCommand

from zwk.workshops.participant_data import purge_review
from zwk.workshops.retention import participants_purge


class Command(BaseCommand):
    help = "Anonymisiert Teilnehmende von Zukunftswerkstätten nach Ablauf der Aufbewahrungsfrist."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="nur anzeigen, was anonymisiert würde"
        )

    def handle(self, *args, dry_run=False, **options):
        # Review list first: cards that probably name a person survive the purge (they are
        # the workshop's result) – the moderation redacts them on the console. Card numbers
        # and kinds only: the findings themselves do not belong in a cron log.
        for workshop, flagged in purge_review():
            self.stdout.write(
                f"{workshop.municipality.slug}/{workshop.code}: {len(flagged)} Karte(n) mit "
                "vermutlich personenbezogenen Angaben – bitte prüfen (Moderation → "
                "Teilnehmende):"
            )
            for item in flagged:
                kinds = ", ".join(sorted({f.label for f in item.findings}))
                self.stdout.write(f"  Karte Nr. {item.card.pk}: {kinds}")
        done = participants_purge(dry_run=dry_run)
        for workshop, count in done:
            verb = "würden anonymisiert" if dry_run else "anonymisiert"
            self.stdout.write(
                f"{workshop.municipality.slug}/{workshop.code}: {count} Teilnehmende {verb}"
            )
        total = sum(count for _w, count in done)
        self.stdout.write(self.style.SUCCESS(f"Fertig: {total} Teilnehmende."))
