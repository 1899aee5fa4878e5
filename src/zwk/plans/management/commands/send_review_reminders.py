"""``manage.py send_review_reminders``: remind the coordination of due Zwischenbilanzen.

Idempotent – each review date is reminded once (see ``zwk.plans.review.continuation``). Runs daily
by Celery beat (``CELERY_BEAT_SCHEDULE`` in settings) or from cron.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from zwk.plans.review.continuation import send_review_reminders


class Command(BaseCommand):
    help = "Erinnert die Koordination per E-Mail an fällige Zwischenbilanzen (einmal je Termin)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stichtag", help="Datum JJJJ-MM-TT statt heute (zum Nachholen oder Testen)."
        )

    def handle(self, *args, **options):
        today = None
        if options.get("stichtag"):
            try:
                today = date.fromisoformat(options["stichtag"])
            except ValueError as exc:
                raise CommandError("--stichtag: bitte im Format JJJJ-MM-TT angeben") from exc
        sent = send_review_reminders(today=today)
        self.stdout.write(f"{sent} Erinnerung(en) verschickt.")
