"""Celery tasks of the Austausch (found by ``app.autodiscover_tasks()``).

Schedule them with Celery beat or cron (see docs/veranstaltungen.md), e.g. daily at 08:00::

    CELERY_BEAT_SCHEDULE = {
        "exchange-reminders": {
            "task": "zwk.exchange.tasks.send_event_reminders",
            "schedule": crontab(hour=8, minute=0),
        },
    }
"""

from celery import shared_task

from zwk.exchange import services


@shared_task
def send_event_reminders() -> int:
    return services.reminders_send()


@shared_task
def anonymise_event_registrations() -> int:
    return services.registrations_anonymise()
