"""SQLite, the embedded default, under many phones voting at once (issue 21, item 6).

A real gunicorn (threads, several processes – as in production) against a fresh SQLite file
with exactly the database options a default installation gets (``settings.py``): before the
fix 100 participants voting at once got 84 × HTTP 500 "database is locked" and most votes were
lost. Now every vote is stored, and when the database stays locked beyond the timeout the
participant gets a 503 "Bitte versuchen Sie es gleich noch einmal" – never a 500.
"""

from __future__ import annotations

import http.client
import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bench import participation as bench

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
PARTICIPANTS = 40
BUDGET = 3


def _sqlite_env(tmp: Path, url_options: str = "") -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["DATABASE_URL"] = f"sqlite:///{tmp / 'zwk.sqlite3'}{url_options}"
    env["CELERY_TASK_ALWAYS_EAGER"] = "1"
    return bench._environment(tmp, env)


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    """A migrated SQLite file with an open workshop (critique phase, 12 cards)."""
    tmp = tmp_path_factory.mktemp("sqlite-site")
    env = _sqlite_env(tmp)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    prepare = (
        "import json, os, sys; sys.path.insert(0, os.getcwd());"
        "from bench import participation as p; p._setup_django(dict(os.environ));"
        f"print(json.dumps(p._prepare({BUDGET})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", prepare],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    _workshop, code, cards, _m = json.loads(out.strip().splitlines()[-1])
    return {"tmp": tmp, "db": tmp / "zwk.sqlite3", "code": code, "cards": cards}


def _server(env: dict):
    port = bench._free_port()
    server = bench._start_server(env, port, workers=3, threads=4)
    return server, port


def _stored_points(db: Path, cards: list[int]) -> int:
    with sqlite3.connect(db) as connection:
        marks = ",".join("?" * len(cards))
        row = connection.execute(
            f"SELECT COALESCE(SUM(points), 0) FROM workshops_vote WHERE card_id IN ({marks})",
            cards,
        ).fetchone()
    return row[0]


def test_many_participants_voting_at_once_lose_no_vote_and_get_no_500(sqlite_site):
    server, port = _server(_sqlite_env(sqlite_site["tmp"]))
    recorder = bench.Recorder()
    before = _stored_points(sqlite_site["db"], sqlite_site["cards"])
    try:
        start = threading.Barrier(PARTICIPANTS)

        def phone(index: int) -> None:
            start.wait()  # everyone at once
            bench._participant(
                index, port, sqlite_site["code"], sqlite_site["cards"], BUDGET, recorder
            )

        threads = [threading.Thread(target=phone, args=(i,)) for i in range(PARTICIPANTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = _stored_points(sqlite_site["db"], sqlite_site["cards"]) - before
    assert recorder.errors == []
    assert recorder.votes_sent == PARTICIPANTS * BUDGET
    assert stored == recorder.votes_sent


def test_a_write_that_stays_locked_answers_503_in_german_and_stores_nothing(sqlite_site):
    # One second of patience instead of the default 20 (an option in DATABASE_URL wins).
    server, port = _server(_sqlite_env(sqlite_site["tmp"], "?timeout=1"))
    recorder = bench.Recorder()
    phone = bench.Phone(port, 999, recorder)
    entry = f"/mitmachen/{sqlite_site['code']}/"
    card = sqlite_site["cards"][0]
    try:
        phone.request("GET", entry)
        csrf = phone.cookies["csrftoken"]
        phone.request(
            "POST",
            entry,
            body={"pseudonym": "Geduldig", "consent": "on", "csrfmiddlewaretoken": csrf},
            headers={"Referer": f"http://127.0.0.1:{port}{entry}"},
            expect=(302,),
        )
        assert recorder.errors == []
        before = _stored_points(sqlite_site["db"], [card])
        vote = f"{entry}karten/{card}/punkt/"
        headers = {"X-CSRFToken": csrf}

        blocker = sqlite3.connect(sqlite_site["db"], isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request(
                "POST",
                vote,
                headers={
                    **headers,
                    "Cookie": "; ".join(f"{k}={v}" for k, v in phone.cookies.items()),
                },
            )
            busy = connection.getresponse()
            page = busy.read().decode()
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert busy.status == 503
        assert busy.getheader("Retry-After")
        assert "Bitte versuchen Sie es gleich noch einmal" in page
        assert _stored_points(sqlite_site["db"], [card]) == before

        phone.connection.close()  # idle past gunicorn's keep-alive: open a new one
        again = phone.request("POST", vote, headers=headers, expect=(302,))
        assert again.status == 302  # without htmx: back to the board
        assert _stored_points(sqlite_site["db"], [card]) == before + 1
    finally:
        server.terminate()
        server.wait(timeout=30)
