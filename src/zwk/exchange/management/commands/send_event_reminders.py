"""Send the reminder e-mail the day before an event (run daily, e.g. at 08:00).

Idempotent: each registration remembers when it was reminded, so running the command again
(or in two places at once) sends nothing twice.
"""

from django.core.management.base import BaseCommand

from zwk.exchange import services


class Command(BaseCommand):
    help = "Sendet die Erinnerung am Vortag an alle bestätigten Teilnehmenden (nur einmal)."

    def handle(self, *args, **options):
        sent = services.reminders_send()
        self.stdout.write(f"{sent} Erinnerung(en) versendet.")
