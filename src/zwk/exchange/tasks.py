"""Celery tasks of the Austausch (found by ``app.autodiscover_tasks()``).

Scheduled by celery beat in ``settings.CELERY_BEAT_SCHEDULE``: reminders daily at 08:00
(Europe/Berlin), anonymisation nightly at 03:30. Both are idempotent.
"""

from celery import shared_task

from zwk.exchange import services


@shared_task
def send_event_reminders() -> int:
    return services.reminders_send()


@shared_task
def anonymise_event_registrations() -> int:
    return services.registrations_anonymise()
