"""Background jobs of the Beteiligung (Celery; synchronous without Redis)."""

from celery import shared_task

from zwk.participation.retention import ideas_purge, responses_purge, school_classes_purge


@shared_task(name="zwk.participation.tasks.purge_responses")
def purge_responses() -> int:
    """Delete access codes, consent records and free texts of projects whose retention
    period has passed, and the participants of their idea collections (daily, beat); returns
    the number of questionnaires anonymised."""
    ideas_purge()
    school_classes_purge()
    return sum(count for _project, count in responses_purge())
