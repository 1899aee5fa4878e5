"""The Celery path of the import with a real worker (only with REDIS_URL and PostgreSQL).

Every other test runs import jobs eagerly. Here the upload's job goes through Redis to a
``celery -A zwk worker --pool=solo`` subprocess that uses the test database; the test waits
until the worker has marked the job as done. The worker listens on a queue of its own, so
that stray messages of other test runs in the same Redis database are never consumed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from zwk.profiles import services
from zwk.profiles.models import ImportJob, PopulationStock
from zwk.profiles.tasks import run_import_job

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (Celery broker) for a real worker"
)
WAIT_SECONDS = 90


def _database_url() -> str:
    db = connection.settings_dict  # inside a test: the test database
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, settings, monkeypatch, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process cannot see SQLite's in-memory test database")
    queue = f"zwk-test-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # the real .delay(), routed to this test's queue
    monkeypatch.setattr(
        run_import_job, "delay", lambda *a: run_import_job.apply_async(a, queue=queue)
    )
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "celery-worker-test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_SETTINGS_MODULE": "zwk.settings",
    }
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "zwk", "worker", "--pool=solo",
             "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--loglevel=INFO"],
            cwd=django_settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        connection.close()  # fresh connection for the flush after the test


def test_an_upload_is_imported_by_a_real_celery_worker(worker, shared_data, office_user):
    process, log = worker
    data = (
        shared_data / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
    ).read_bytes()
    job = services.import_job_create(
        upload=SimpleUploadedFile("laender.csv", data, content_type="text/csv"),
        by=office_user,
        municipality=None,
    )
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished or process.poll() is not None:
            break
        time.sleep(0.5)
    assert job.status == ImportJob.Status.DONE, (
        f"job {job.status} after {WAIT_SECONDS}s {job.message}\n{log.read_text()[-3000:]}"
    )
    assert job.result["years"] == [2015, 2016, 2017, 2018, 2019, 2020, 2021]
    assert PopulationStock.objects.filter(region__code="09").exists()
