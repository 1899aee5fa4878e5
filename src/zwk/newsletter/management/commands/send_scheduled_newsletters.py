from django.core.management.base import BaseCommand

from zwk.newsletter import sending


class Command(BaseCommand):
    help = (
        "Versendet fällige geplante Newsletter-Ausgaben und setzt unterbrochene Versände fort "
        "(idempotent; z. B. minütlich per cron, wenn kein Celery-Beat läuft)."
    )

    def handle(self, *args, **options):
        issues = sending.send_due_issues(enqueue_jobs=False)
        for issue_id in issues:
            outcome = sending.deliver_pending(issue_id=issue_id)
            self.stdout.write(
                f"Ausgabe {issue_id}: {outcome.sent} versendet, {outcome.failed} "
                f"fehlgeschlagen, {outcome.pending} ausstehend"
                + (" – abgeschlossen" if outcome.finished else "")
            )
        if not issues:
            self.stdout.write("Keine fälligen Ausgaben.")
