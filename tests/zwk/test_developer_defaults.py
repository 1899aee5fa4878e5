"""`python manage.py …` in a checkout set up by `make demo` works without exporting variables
(the .env that `make demo` writes), and without it fails with one plain line, never a traceback
(issue 16, "Developer defaults")."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REMOVED = ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ZWK_ENV_FILE")


def _manage(*args, env_file: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in REMOVED}
    env["ZWK_ENV_FILE"] = env_file
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_the_env_file_of_make_demo_makes_manage_py_work(tmp_path):
    made = subprocess.run(
        ["make", "-s", "-f", str(REPO / "Makefile"), "-C", str(tmp_path), ".env"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHON": sys.executable},
    )
    assert made.returncode == 0, made.stderr
    env_file = tmp_path / ".env"
    lines = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    assert lines["DEBUG"] == "1" and len(lines["SECRET_KEY"]) >= 40
    result = _manage("check", env_file=str(env_file), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_settings_manage_py_says_one_plain_line(tmp_path):
    result = _manage("check", env_file="", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "SECRET_KEY" in lines[0] and "make demo" in lines[0]
