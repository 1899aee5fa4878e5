"""Celery application. Without REDIS_URL tasks run synchronously (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")

app = Celery("zwk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
