"""Background jobs of the Zukunftswerkstatt (Celery; synchronous without Redis)."""

from celery import shared_task

from zwk.workshops.services import participants_purge


@shared_task(name="zwk.workshops.tasks.purge_participants")
def purge_participants() -> int:
    """Anonymise participants whose workshop's retention period has passed (daily, beat)."""
    return sum(count for _workshop, count in participants_purge())
