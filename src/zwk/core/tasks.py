"""Celery tasks that still run when the queue (Redis) is down.

``task.delay(…)`` hands a task to the broker. With Redis stopped, that raises – inside a
request (an announcement published, an import started) it would become a 500 although the
work itself needs no Redis. ``FailSoftTask`` (the base of every task, see ``zwk/celery.py``)
catches the broker error, logs a warning and runs the task right here instead – exactly what
an installation without ``REDIS_URL`` always does. An error of the task itself is logged
(Celery's own trace), not raised into the request, as with a real worker.
"""

from __future__ import annotations

import logging

from celery import Task
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


class FailSoftTask(Task):
    # Give up publishing quickly (kombu's default retries the connection for several seconds).
    publish_retry_policy = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}

    def apply_async(self, args=None, kwargs=None, **options):
        if self.app.conf.task_always_eager:
            return super().apply_async(args, kwargs, **options)
        options.setdefault("retry_policy", self.publish_retry_policy)
        try:
            return super().apply_async(args, kwargs, **options)
        except (OperationalError, OSError) as exc:  # broker unreachable (kombu wraps redis)
            logger.warning(
                "task %s not queued (%s: %s) – running it in this process",
                self.name,
                exc.__class__.__name__,
                exc,
            )
            return self.apply(args, kwargs, throw=False)


def enqueue(name: str, *args) -> None:
    """Start the task registered as ``name`` with ``args`` (``delay``).

    Services hand work to their app's ``tasks.py`` through this function instead of importing
    it, so that ``tasks`` may import ``services`` without a circle. The task modules are found
    by Celery's autodiscovery (``zwk/celery.py``) the first time a name is unknown."""
    from celery import current_app

    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    current_app.tasks[name].delay(*args)
