"""Background jobs of the Vernetzung (Celery; synchronous without Redis)."""

from celery import shared_task

from zwk.network.services import digest_send


@shared_task(name="zwk.network.tasks.send_discussion_digest")
def send_discussion_digest() -> int:
    return digest_send()
