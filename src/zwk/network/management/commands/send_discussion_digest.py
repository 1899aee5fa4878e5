"""``manage.py send_discussion_digest`` – one e-mail per subscriber with the new posts.

Idempotent: a second run right after the first sends nothing (see
``zwk.network.services.digest_send``). Run it daily by cron or Celery beat
(task ``zwk.network.tasks.send_discussion_digest``).
"""

from django.core.management.base import BaseCommand

from zwk.network.services import digest_send


class Command(BaseCommand):
    help = "Versendet die E-Mail-Zusammenfassung neuer Diskussionsbeiträge (idempotent)."

    def handle(self, *args, **options):
        sent = digest_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} Zusammenfassung(en) versendet."))
