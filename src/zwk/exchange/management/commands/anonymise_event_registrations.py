"""Anonymise registrations 12 months after their event (name and e-mail address go).

Run daily or weekly; idempotent. ``--days`` changes the retention period.
"""

from django.core.management.base import BaseCommand

from zwk.exchange import services


class Command(BaseCommand):
    help = "Anonymisiert Anmeldungen zu Veranstaltungen, die länger als 12 Monate vorbei sind."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=services.RETENTION_DAYS)

    def handle(self, *args, days, **options):
        count = services.registrations_anonymise(days=days)
        self.stdout.write(f"{count} Anmeldung(en) anonymisiert.")
