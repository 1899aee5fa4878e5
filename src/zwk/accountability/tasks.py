from celery import shared_task

from zwk.accountability import services


@shared_task(name="zwk.accountability.notify_status_change")
def notify_status_change(change_id: int) -> int:
    return services.status_change_notify(change_id=change_id)


@shared_task(name="zwk.accountability.notify_idea_status")
def notify_idea_status(change_id: int) -> int:
    return services.idea_status_notify(change_id=change_id)


@shared_task(name="zwk.accountability.purge_unconfirmed")
def purge_unconfirmed() -> int:
    return services.followers_purge_unconfirmed()
