"""Background jobs of the Beteiligung (Celery; synchronous without Redis)."""

from celery import shared_task

from zwk.participation.retention import (
    ideas_purge,
    registered_purges,
    responses_purge,
    school_classes_purge,
)


@shared_task(name="zwk.participation.tasks.purge_responses")
def purge_responses() -> int:
    """Delete access codes, consent records and free texts of projects whose retention
    period has passed, the participants of their idea collections and the teachers' data of
    their school classes, and run the purge jobs of other apps (the comments on the draft
    plan; daily, beat); returns the number of questionnaires anonymised."""
    ideas_purge()
    school_classes_purge()
    anonymised = sum(count for _project, count in responses_purge())
    registered_purges()
    return anonymised
