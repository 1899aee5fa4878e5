"""Issue 21.13: deploy check for the SECRET_KEY, tokens kept out of logs, EXIF removed from
JPEG documents, registration organisation erased, Gemeindeverzeichnis through the web form,
guessable workshop codes refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _example_secret_key() -> str:
    lines = (ROOT / "deploy" / "zwk.env.example").read_text(encoding="utf-8").splitlines()
    return next(line.split("=", 1)[1] for line in lines if line.startswith("SECRET_KEY="))


def _check_deploy(secret_key: str) -> subprocess.CompletedProcess:
    """``manage.py check --deploy`` exactly as docs/betrieb.md runs it (no --fail-level)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "STATIC_MANIFEST"}
    }
    env.update(
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="zwk.example.de",
        DATABASE_URL="sqlite:////tmp/zwk-deploy-check.sqlite3",
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- 13a. The placeholder SECRET_KEY fails check --deploy -----------------------------------


def test_check_deploy_fails_with_the_placeholder_of_the_env_template():
    result = _check_deploy(_example_secret_key())
    assert result.returncode != 0
    assert "zwk.E001" in result.stderr and "Platzhalter" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "kurz-aber-geheim",  # too short
        "a" * 64,  # long, but one character
        "bitte-hier-einen-wirklich-langen-und-zufaelligen-schluessel-eintragen",
    ],
)
def test_weak_secret_keys_are_errors(key):
    from zwk.accounts.checks import secret_key_problem

    assert secret_key_problem(key)


def test_a_random_key_passes():
    from zwk.accounts.checks import secret_key_problem

    key = "q3J9x0VbT7m2L-8ZkP_4wRrYc1nHs6eUaD5gFiOjQ0tMvXyB9k"  # like `openssl rand`
    assert len(key) >= 50 and secret_key_problem(key) is None
