"""Background job of the Mitteilungen (Celery; runs at once when no Redis is configured)."""

from __future__ import annotations

from celery import shared_task

from zwk.announcements import services


@shared_task(name="zwk.announcements.send_mails")
def send_announcement_mails(announcement_id: int) -> dict:
    sent, failed = services.mails_deliver(announcement_id=announcement_id)
    return {"sent": sent, "failed": failed}
