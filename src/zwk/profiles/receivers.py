"""Reactions of the Kommunalprofil to events of other apps."""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def municipality_created(sender, instance, created, raw=False, **kwargs) -> None:
    """After the new Kommune is committed, its history projection is queued (a worker
    computes it; without Redis it runs right away). A broker that is down must not stop
    the creation: the page then computes on demand."""
    if not created or raw:
        return

    def queue():
        from zwk.profiles.tasks import precompute_new_municipality

        try:
            precompute_new_municipality.delay(instance.pk)
        except Exception:  # broker unreachable
            logger.exception("profiles: history projection of a new Kommune not queued")

    transaction.on_commit(queue)
