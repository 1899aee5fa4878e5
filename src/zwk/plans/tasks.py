"""Celery tasks of the plans app (scheduled in ``CELERY_BEAT_SCHEDULE``)."""

from celery import shared_task

from zwk.plans.review.continuation import send_review_reminders as _send


@shared_task(name="zwk.plans.tasks.send_review_reminders")
def send_review_reminders() -> int:
    return _send()
