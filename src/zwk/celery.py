"""Celery application. Without REDIS_URL tasks run synchronously (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")

# Every task degrades to running in the calling process when the broker is down
# (zwk.core.tasks): a Redis outage must not turn a request into a 500.
app = Celery("zwk", task_cls="zwk.core.tasks:FailSoftTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
