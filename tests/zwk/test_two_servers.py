"""Several application servers against one PostgreSQL and one Redis (issue 19, item 4).

Two real gunicorns on two ports share the test database and one Redis database, as two
machines behind an nginx upstream would: server A runs WSGI (gthread), server B ASGI (the
uvicorn worker, which also serves the live event stream). What one server learns, the other
must know at once – nothing that changes behaviour may live in one process only:

- a card written through A appears on a participant's live board polled on B within 2 s,
  and B's event stream announces the change (Redis pub/sub);
- failed code lookups counted on A lock the same address out on B (rate limit in Redis);
- one participant voting through both servers at once gets exactly the budget, no point
  twice, and the database holds exactly the accepted points.

Skipped unless ``DATABASE_URL`` is PostgreSQL and ``REDIS_URL`` is set (CI's second run).
"""

from __future__ import annotations

import http.client
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from bench import participation as bench
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 3
LOOKUP_LIMIT = 3
LIVE_WITHIN = 2.0


def _database_url() -> str:
    db = settings.DATABASES["default"]
    user = urllib.parse.quote(db.get("USER") or "")
    password = db.get("PASSWORD") or ""
    auth = f"{user}:{urllib.parse.quote(password)}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{db['NAME']}"


@pytest.fixture(scope="module")
def two_servers(django_db_setup, tmp_path_factory):
    """Started once for the module; the tests' data is committed (transactional tests)."""
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs DATABASE_URL=postgres://… and REDIS_URL (several servers share both)")
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    base.update(
        DATABASE_URL=_database_url(),  # the test database pytest-django created
        REDIS_URL=settings.REDIS_URL,
        CELERY_TASK_ALWAYS_EAGER="1",
        ZWK_ENV_FILE="",
        RATE_LIMITS=f"workshops.lookup={LOOKUP_LIMIT}/10m",
        CONN_MAX_AGE="0",  # no idle connection may outlive a server into the flush
    )
    # One SECRET_KEY for both, as in production (signed participant cookies, CSRF).
    env = bench._environment(tmp_path_factory.mktemp("two-servers"), base)
    servers = []
    try:
        a = _start(env, "zwk.wsgi:application", "gthread")
        servers.append(a)
        b = _start(env, "zwk.asgi:application", "uvicorn_worker.UvicornWorker")
        servers.append(b)
        yield {"a": a[1], "b": b[1]}
    finally:
        for server, _port in servers:
            server.terminate()
        for server, _port in servers:
            server.wait(timeout=30)


def _start(env: dict, app: str, worker: str) -> tuple[subprocess.Popen, int]:
    port = bench._free_port()
    command = [
        sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
        "--worker-class", worker, "--log-level", "warning", "--timeout", "60",
    ]  # fmt: skip
    if worker == "gthread":
        command += ["--workers", "2", "--threads", "4"]
    else:
        # One process: every read of the live board passes through the same per-process
        # state, so a cache that outlives a change made on A would be served here.
        command += ["--workers", "1"]
    log = open(Path(env["MEDIA_ROOT"]).parent / f"server-{port}.log", "ab")  # noqa: SIM115
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"{app} did not start: {log.name}")


@pytest.fixture
def workshop():
    """A Kommune with an open workshop (critique phase, 12 paper cards), committed."""
    workshop_pk, code, cards, _m = bench._prepare(BUDGET)
    return {"pk": workshop_pk, "code": code, "cards": cards}


def _phone(port: int, ip: str) -> bench.Phone:
    phone = bench.Phone(port, 0, bench.Recorder())
    phone.ip = ip
    return phone


def _join(phone: bench.Phone, port: int, code: str, name: str) -> str:
    entry = f"/mitmachen/{code}/"
    phone.request("GET", entry)
    csrf = phone.cookies["csrftoken"]
    phone.request(
        "POST",
        entry,
        body={"pseudonym": name, "consent": "on", "csrfmiddlewaretoken": csrf},
        headers={"Referer": f"http://127.0.0.1:{port}{entry}"},
        expect=(302,),
    )
    assert phone.recorder.errors == []
    return csrf


def _get(port: int, path: str, cookies: dict, ip: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(
            "GET",
            path,
            headers={
                "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                "X-Real-IP": ip,
            },
        )
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def _ip() -> str:
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


def test_a_card_written_on_one_server_reaches_the_live_board_on_the_other(two_servers, workshop):
    a, b = two_servers["a"], two_servers["b"]
    code = workshop["code"]
    writer, reader = _phone(a, _ip()), _phone(b, _ip())
    csrf_writer = _join(writer, a, code, "Schreibt auf A")
    _join(reader, b, code, "Liest auf B")
    live = f"/mitmachen/{code}/live/"
    status, board = _get(b, live, reader.cookies, reader.ip)
    assert status == 200
    text = f"Mehr Bänke am Marktplatz {secrets.token_hex(3)}"
    assert text not in board  # B has read (and cached) the card list before the change

    # B's event stream is open before the write: the change must arrive through Redis.
    stream = http.client.HTTPConnection("127.0.0.1", b, timeout=10)
    stream.request(
        "GET",
        f"/mitmachen/{code}/ereignisse/",
        headers={"Cookie": "; ".join(f"{k}={v}" for k, v in reader.cookies.items())},
    )
    events = stream.getresponse()
    assert events.status == 200
    assert events.getheader("Content-Type", "").startswith("text/event-stream")
    first = events.fp.readline()
    while first.strip():  # the initial event (retry, event, data), up to its blank line
        first = events.fp.readline()

    writer.request(
        "POST",
        f"/mitmachen/{code}/karten/",
        body={"karte-text": text, "csrfmiddlewaretoken": csrf_writer},
        headers={"Referer": f"http://127.0.0.1:{a}/mitmachen/{code}/"},
        expect=(302,),
    )
    assert writer.recorder.errors == []
    written = time.monotonic()

    seen = None
    while time.monotonic() - written < LIVE_WITHIN:
        status, board = _get(b, live, reader.cookies, reader.ip)
        assert status == 200
        if text in board:
            seen = time.monotonic() - written
            break
    assert seen is not None, f"card not on B's live board within {LIVE_WITHIN} s"

    line = events.fp.readline()  # bounded by the stream's socket timeout
    while line and not line.startswith(b"event: change"):
        line = events.fp.readline()
    stream.close()
    assert line.startswith(b"event: change"), "B's event stream did not announce the change"


def test_a_rate_limit_counted_on_one_server_holds_on_the_other(two_servers):
    a, b = two_servers["a"], two_servers["b"]
    ip = _ip()
    for n in range(LOOKUP_LIMIT):
        status, page = _get(a, f"/mitmachen/?code=gibtsnicht{n}", {}, ip)
        assert status == 400  # the form again, with the German message
        assert "Zu diesem Code gibt es keine Zukunftswerkstatt" in page
    status, page = _get(b, "/mitmachen/?code=gibtsnicht-b", {}, ip)
    assert status == 429
    assert "Zu viele erfolglose Versuche" in page
    # Another address is not affected – on either server.
    assert _get(b, "/mitmachen/?code=gibtsnicht-c", {}, _ip())[0] == 400


def test_votes_through_both_servers_at_once_never_double(two_servers, workshop):
    from zwk.workshops.models import Vote

    a, b = two_servers["a"], two_servers["b"]
    code = workshop["code"]
    ip = _ip()
    phone = _phone(a, ip)
    csrf = _join(phone, a, code, "Stimmt doppelt ab")
    card = workshop["cards"][0]
    tries = 4 * BUDGET  # far more taps than points, half on each server
    start = threading.Barrier(tries)
    statuses: list[int] = []
    lock = threading.Lock()

    def tap(port: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start.wait()
        connection.request(
            "POST",
            f"/mitmachen/{code}/karten/{card}/punkt/",
            headers={
                "Cookie": "; ".join(f"{k}={v}" for k, v in phone.cookies.items()),
                "X-CSRFToken": csrf,
                "HX-Request": "true",
                "X-Real-IP": ip,
            },
        )
        status = connection.getresponse().status
        connection.close()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=tap, args=(a if i % 2 else b,)) for i in range(tries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(set(statuses)) == [200, 400], statuses  # accepted or "no points left"
    accepted = statuses.count(200)
    assert accepted == BUDGET
    stored = sum(Vote.objects.filter(card_id=card).values_list("points", flat=True))
    assert stored == accepted
