"""Root conftest: Django fixtures only when pytest-django is active."""

import os
import re

# Redis database numbers for pytest-xdist workers; 13 belongs to tests/zwk/workshops/test_stream.py.
_WORKER_REDIS_DBS = [db for db in range(15, -1, -1) if db != 13]


def pytest_configure(config):
    if config.pluginmanager.has_plugin("django"):
        config.pluginmanager.import_plugin("tests.django_fixtures")
        _own_redis_database_per_worker()


def _own_redis_database_per_worker() -> None:
    """`make test` runs the suite in parallel processes (pytest-xdist) against one Redis.

    Each worker gets its own Redis database, so one worker's ``cache.clear()`` never wipes the
    other's rate-limit counters or sessions, and Celery queues stay apart. Settings are already
    loaded at this point, but caches and the Celery app read them lazily on first use; the
    environment variable is changed too for subprocesses (a real Celery worker in a test).
    """
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or not settings.REDIS_URL:
        return
    number = _WORKER_REDIS_DBS[int(worker.removeprefix("gw")) % len(_WORKER_REDIS_DBS)]
    url = re.sub(r"(/\d+)?$", f"/{number}", settings.REDIS_URL.rstrip("/"), count=1)
    os.environ["REDIS_URL"] = url
    settings.REDIS_URL = url
    settings.CELERY_BROKER_URL = url
    settings.CELERY_RESULT_BACKEND = url
    for cache in settings.CACHES.values():
        if "redis" in cache["BACKEND"].lower():
            cache["LOCATION"] = url
