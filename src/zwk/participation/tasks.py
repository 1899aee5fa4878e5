"""Background jobs of the Beteiligung (Celery; synchronous without Redis)."""

from celery import shared_task

from zwk.participation.retention import responses_purge


@shared_task(name="zwk.participation.tasks.purge_responses")
def purge_responses() -> int:
    """Delete access codes, consent records and free texts of projects whose retention
    period has passed (daily, beat); returns the number of questionnaires anonymised."""
    return sum(count for _project, count in responses_purge())
