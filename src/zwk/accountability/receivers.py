"""The hook on a measure's status: ``zwk.plans`` has no signal of its own and must not know
this app, so a ``post_init`` receiver remembers the status a Measure was loaded with and a
``post_save`` receiver records a change (``StatusChange``) and, after the commit, hands the
mail to followers to the Celery task ``zwk.accountability.notify_status_change``.

Every write path of the plan (status board, measure form, admin) saves the model, so each is
covered; a queryset ``update()`` would not be (the plan uses none for the status)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_init, post_save

from zwk.core.tasks import enqueue

ATTR = "_accountability_status"


def remember_status(sender, instance, **kwargs) -> None:
    if "status" in instance.__dict__:  # a deferred field is not loaded just for this
        setattr(instance, ATTR, instance.status)


def record_status(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:  # fixtures
        return
    from zwk.accountability.models import StatusChange

    before = getattr(instance, ATTR, None)
    setattr(instance, ATTR, instance.status)
    if created:
        StatusChange.objects.create(measure=instance, status=instance.status, notified_at=None)
        return
    if before is None or before == instance.status:
        return
    change = StatusChange.objects.create(measure=instance, status=instance.status)
    transaction.on_commit(lambda: enqueue("zwk.accountability.notify_status_change", change.pk))


def idea_status_changed(sender, idea, change, **kwargs) -> None:
    """``zwk.participation``'s signal after the commit of an idea's new status."""
    enqueue("zwk.accountability.notify_idea_status", change.pk)


def connect() -> None:
    from zwk.participation.idea_services import idea_status_changed as idea_signal
    from zwk.plans.models import Measure

    idea_signal.connect(idea_status_changed, dispatch_uid="accountability_idea")
    post_init.connect(remember_status, sender=Measure, dispatch_uid="accountability_init")
    post_save.connect(record_status, sender=Measure, dispatch_uid="accountability_save")
