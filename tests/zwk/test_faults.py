"""Redis outage: the site degrades instead of answering 500 (issue 21, item 5).

A real Redis client against a port where nothing listens (``DOWN``) – the same errors a
stopped Redis gives. Before the fix, with ``REDIS_URL`` set and Redis stopped, joining,
voting and withdrawing a point answered 500 (30 of 30) and team pages 500 (10 of 10).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.zwk.workshops.factories import make_workshop, open_phase
from zwk.core.tasks import FailSoftTask
from zwk.workshops import services
from zwk.workshops.models import Participant, Vote

DOWN_PORT = 6390
DOWN = f"redis://127.0.0.1:{DOWN_PORT}/0"
ROOT = Path(__file__).resolve().parents[2]


def _port_is_closed() -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", DOWN_PORT)) != 0


@pytest.fixture
def redis_down(settings):
    """What settings.py configures with REDIS_URL, pointed at a Redis that is not there."""
    if not _port_is_closed():
        pytest.skip(f"something listens on port {DOWN_PORT}")
    settings.REDIS_URL = DOWN
    settings.CACHES = {
        "default": {"BACKEND": "zwk.core.cache.FailSoftRedisCache", "LOCATION": DOWN}
    }
    return DOWN


def test_settings_with_redis_use_the_fail_soft_cache_and_database_sessions():
    env = {**os.environ, "REDIS_URL": DOWN, "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATABASE_URL", None)
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "zwk.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    backend, sessions = json.loads(out.strip().splitlines()[-1])
    assert backend == "zwk.core.cache.FailSoftRedisCache"
    assert sessions == "django.contrib.sessions.backends.db"


def test_participants_join_vote_and_withdraw_while_redis_is_down(
    redis_down, municipality, coordinator
):
    workshop = make_workshop(municipality, by=coordinator, code="ausfall")
    phase = open_phase(workshop, by=coordinator)
    card = services.card_add_paper(phase=phase, by=coordinator, text="Mehr Busse")
    phone = Client()
    entry = reverse("participate:entry", kwargs={"code": workshop.code})
    assert phone.get(entry).status_code == 200
    joined = phone.post(entry, {"pseudonym": "Anna", "consent": "on"})
    assert joined.status_code == 302
    assert Participant.objects.filter(workshop=workshop, pseudonym="Anna").exists()
    board = phone.get(entry)
    assert board.status_code == 200 and "Mehr Busse" in board.content.decode()

    vote = reverse("participate:vote", kwargs={"code": workshop.code, "card": card.pk})
    for _ in range(2):
        assert phone.post(vote, HTTP_HX_REQUEST="true").status_code == 200
    assert Vote.objects.get(card=card).points == 2
    unvote = reverse("participate:unvote", kwargs={"code": workshop.code, "card": card.pk})
    assert phone.post(unvote, HTTP_HX_REQUEST="true").status_code == 200
    assert Vote.objects.get(card=card).points == 1

    written = phone.post(
        reverse("participate:card_create", kwargs={"code": workshop.code}),
        {"karte-text": "Ein Dorfladen"},
    )
    assert written.status_code == 302
    live = phone.get(reverse("participate:live", kwargs={"code": workshop.code}))
    assert live.status_code == 200 and "Ein Dorfladen" in live.content.decode()


def test_the_team_logs_in_and_runs_its_workshop_while_redis_is_down(
    redis_down, municipality, coordinator
):
    workshop = make_workshop(municipality, by=coordinator, code="ausfall")
    open_phase(workshop, by=coordinator)
    team = Client()
    login = team.post(
        reverse("accounts:login"), {"username": coordinator.username, "password": PASSWORD}
    )
    assert login.status_code == 302
    workspace = team.get(reverse("municipalities:workspace", kwargs={"slug": municipality.slug}))
    assert workspace.status_code == 200
    kwargs = {"slug": municipality.slug, "pk": workshop.pk}
    console = team.get(reverse("workshops:detail", kwargs=kwargs))
    assert console.status_code == 200
    added = team.post(
        reverse("workshops:card_add", kwargs=kwargs), {"papier-text": "Vom Flipchart"}
    )
    assert added.status_code in (200, 302)
    assert workshop.cards.filter(text="Vom Flipchart").exists()
    assert team.get(reverse("workshops:projector", kwargs=kwargs)).status_code == 200


def test_healthz_stays_up_and_reports_degraded_while_redis_is_down(redis_down, client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"] == "ok"
    assert body["redis"].startswith("error")


def test_a_task_is_run_in_the_web_process_when_the_queue_is_down():
    if not _port_is_closed():
        pytest.skip(f"something listens on port {DOWN_PORT}")
    app = Celery("faults", broker=DOWN, task_cls=FailSoftTask)
    app.conf.broker_connection_timeout = 0.5
    done = []

    @app.task
    def remember(value):
        done.append(value)
        return value

    result = remember.delay("ohne Redis")
    assert done == ["ohne Redis"]
    assert result.get() == "ohne Redis"


def test_every_task_of_the_platform_degrades_when_the_queue_is_down():
    from zwk.celery import app

    assert issubclass(app.Task, FailSoftTask)
