"""Platform-wide behaviour: settings, security headers, health check, demo data, languages."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from zwk.accounts.models import User
from zwk.municipalities.models import Membership, Municipality

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env_extra=None):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "STATIC_MANIFEST"}
    }
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_variables():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-1234567890",
            "ALLOWED_HOSTS": "zwk.example.de",
            "DATABASE_URL": "sqlite:////tmp/zwk-deploy-check.sqlite3",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", env_extra={"SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY muss gesetzt sein" in result.stderr


@pytest.mark.django_db
def test_security_headers_and_csp_without_unsafe_inline(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_pages_contain_no_inline_scripts_or_styles(client_for, coordinator, municipality):
    """CSP forbids inline code; make sure templates do not rely on it."""
    import re

    client = client_for(coordinator)
    for url in [
        reverse("home"),
        municipality.get_absolute_url(),
        reverse("municipalities:step", kwargs={"slug": municipality.slug, "step": "kickoff"}),
    ]:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url
        assert re.search(r" on[a-z]+=", html) is None, url


@pytest.mark.django_db(transaction=True)
def test_csrf_is_enforced(db):
    from django.test import Client

    from tests.factories import UserFactory

    user = UserFactory(username="csrf")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(
        reverse("accounts:account"), {"first_name": "X", "last_name": "Y", "email": "x@example.org"}
    )
    assert response.status_code == 403
    assert "Sitzung abgelaufen" in response.content.decode()
    user.refresh_from_db()
    assert user.first_name != "X"


@pytest.mark.django_db
def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    expected_redis = "ok" if os.environ.get("REDIS_URL") else "not configured"
    assert response.json() == {"status": "ok", "database": "ok", "redis": expected_redis}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_demo_is_idempotent_and_has_the_documented_accounts(client):
    call_command("demo", stdout=io.StringIO())
    counts = (User.objects.count(), Municipality.objects.count(), Membership.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (
        User.objects.count(),
        Municipality.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert Municipality.objects.filter(is_demo=True).count() >= 6
    assert {"musterstadt", "beispielhausen"} <= set(
        Municipality.objects.values_list("slug", flat=True)
    )
    kinds = set(Municipality.objects.values_list("kind", flat=True))
    assert kinds == {"quartier", "stadt", "gemeinde", "landkreis"}
    for username in [
        "geschaeftsstelle",
        "beratung1",
        "beratung2",
        "beratung3",
        "koordination-musterstadt",
        "team-beispielhausen",
    ]:
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": "demo"}
        )
        assert response.status_code == 302, username
        client.post(reverse("accounts:logout"))
    # Different steps: not all Kommunen stand at the same place.
    from zwk.municipalities import selectors

    current = {
        selectors.current_step(m).kind
        for m in selectors.with_step_overview(Municipality.objects.all())
    }
    assert len(current) >= 4
    html = client.get("/").content.decode()
    assert "Kommunen nehmen am Programm teil" in html


@pytest.mark.django_db
def test_english_is_available(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert re.search(r"<html lang=\"en\"[ >]", html)
    assert "Skip to content" in html and "Log in" in html


def test_static_assets_are_found():
    from django.contrib.staticfiles import finders

    for path in ["zwk/css/zwk.css", "zwk/js/zwk.js", "zwk/vendor/htmx.min.js"]:
        assert finders.find(path), path


@pytest.mark.django_db
def test_german_is_the_default_even_for_english_browsers(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert re.search(r"<html lang=\"de\"[ >]", html) and "Zum Inhalt springen" in html


def test_english_catalogue_is_complete():
    """Every UI string has an English translation; no fuzzy guesses ship."""
    import re

    po = (ROOT / "src" / "zwk" / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(
        encoding="utf-8"
    )
    entries = po.split("\n\n")[1:]  # first block is the header
    assert len(entries) > 100
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    untranslated = [
        e
        for e in entries
        if re.search(r'msgstr(\[0\])? ""\n?$', e.strip() + "\n") and 'msgstr ""\n"' not in e
    ]
    assert not fuzzy, fuzzy[:3]
    assert not untranslated, untranslated[:3]
    mo = ROOT / "src" / "zwk" / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    assert mo.exists() and mo.stat().st_size > 1000


def test_email_goes_to_smtp_when_email_url_is_set():
    script = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
    env = {"SECRET_KEY": "x", "DEBUG": "1"}
    smtp = _manage(
        "shell",
        "-c",
        script,
        env_extra={**env, "EMAIL_URL": "smtp+tls://zwk:geheim@mail.example.de:587"},
    )
    assert smtp.stdout.strip().splitlines()[-1].split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.de",
        "587",
        "True",
    ]
    console = _manage("shell", "-c", script, env_extra=env)
    assert (
        console.stdout.strip().splitlines()[-1].split()[0]
        == "django.core.mail.backends.console.EmailBackend"
    )


@pytest.mark.django_db
def test_healthz_is_up_but_degraded_when_redis_does_not_answer(client, settings):
    """Redis down: the site works on without it (issue 21.5), so the load balancer keeps
    sending traffic (200) while monitoring sees "degraded"."""
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["database"] == "ok"
    assert response.json()["redis"].startswith("error")


def test_json_logs_are_one_object_per_line():
    result = _manage(
        "shell",
        "-c",
        "import logging; logging.getLogger('zwk.test').warning('Grüße %s', 'aus Musterstadt', extra={'kommune': 'musterstadt'})",
        env_extra={"SECRET_KEY": "x", "DEBUG": "1", "LOG_FORMAT": "json"},
    )
    import json

    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert (
        line["message"] == "Grüße aus Musterstadt"
        and line["level"] == "WARNING"
        and line["kommune"] == "musterstadt"
    )
