"""The web server's gunicorn settings (``zwk.core.gunicorn_config``)."""

import gc
import os
import subprocess
import sys
from pathlib import Path

from zwk.core import gunicorn_config

ROOT = Path(__file__).resolve().parents[3]


def test_worker_freezes_what_it_loaded_before_the_first_request():
    gc.unfreeze()
    try:
        gunicorn_config.post_worker_init(worker=None)
        assert gc.get_freeze_count() > 0  # out of the full collections' reach
        garbage = []
        garbage.append(garbage)  # a cycle made after the freeze is still collected
        del garbage
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()


def test_service_and_benchmarks_start_gunicorn_with_it():
    service = (ROOT / "deploy/systemd/zwk-web.service").read_text()
    bench = (ROOT / "bench/participation.py").read_text()
    assert "--config python:zwk.core.gunicorn_config" in service
    assert '"python:zwk.core.gunicorn_config"' in bench


def test_gunicorn_accepts_the_settings_and_loads_the_application():
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "zwk.settings",
        "SECRET_KEY": "check-config",
        "DEBUG": "1",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--check-config",
            "--config",
            "python:zwk.core.gunicorn_config",
            "zwk.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
