"""Load benchmark of the Zukunftswerkstatt: N participants join by link and vote.

    python bench/participation.py --participants 500 [--within 120] [--think 1] [--format json]
    python bench/participation.py --servers 2   # two application servers, shared DB and Redis

Starts a production-like server locally (gunicorn, DEBUG off, gthread workers) against
PostgreSQL if ``DATABASE_URL`` is set, else a fresh SQLite file with exactly the database options
of a default installation (``settings.py``), then
simulates N phones on loopback with a thread pool.

Load model (the issue's scenario: "500 participants joining and voting within 2 minutes"):
participants arrive evenly spread over ``--within`` seconds and pause ``--think`` seconds
between two taps, as people do. ``--within 0 --think 0`` is the saturation test instead:
everyone at once, ``--concurrency`` phones hammering without pause – its latencies measure
the queue in front of a saturated server, not what a participant waits in a workshop.
Each participant:

1. opens ``/mitmachen/<code>/`` (join form, CSRF cookie),
2. joins (pseudonym, consent → signed participant cookie),
3. loads the board,
4. gives ``budget`` points by htmx (one per card, spread over hot cards) plus one point too
   many, which must be refused (400) – the budget holds under load,
5. polls the live region once with its version tag (204 when unchanged).

Figures: latency percentiles over all requests, errors (unexpected status or exception), votes
accepted by the server (``votes_sent``) and the points stored in the database afterwards
(``votes_stored``) – they must be equal – and the CPU time gunicorn's processes spent during the
load (``server_cpu_seconds``, ``server_cpu_ms_per_request``; Linux). Each participant presents a
different ``X-Real-IP``, as the documented reverse proxy would set it (``TRUSTED_PROXIES`` is
loopback), so per-address limits apply per phone.
The bench workshop is deleted at the end. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
CARDS = 12


def _environment(tmp: Path, base: dict | None = None) -> dict:
    env = dict(os.environ if base is None else base)
    if not env.get("DATABASE_URL"):
        # Exactly what a default installation gets: no bench-only database options.
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    env.update(
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(40),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_MANIFEST="0",
        CONN_MAX_AGE=env.get("CONN_MAX_AGE", "60"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(SRC) + os.pathsep + env.get("PYTHONPATH", ""),
        DJANGO_SETTINGS_MODULE="zwk.settings",
        MEDIA_ROOT=str(tmp / "media"),
        # The phones' X-Real-IP stands for what the documented nginx sets (docs/betrieb.md):
        # the server believes it from loopback only, as a deployment behind nginx does.
        TRUSTED_PROXIES=env.get("TRUSTED_PROXIES") or "127.0.0.1,::1",
    )
    return env


def _setup_django(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(SRC))
    import django

    django.setup()


def _prepare(budget: int) -> tuple[int, str, list[int], int]:
    """A Kommune and an open workshop with cards; returns ids for the client."""
    from django.utils import timezone

    from zwk.municipalities.models import Municipality
    from zwk.municipalities.services import municipality_create
    from zwk.workshops import services

    municipality = Municipality.objects.filter(slug="bench-participation").first()
    if municipality is None:
        municipality = municipality_create(
            by=None,
            name="Lasttest-Gemeinde",
            slug="bench-participation",
            kind="gemeinde",
            land="09",
            ags="09999999",
            population=20000,
        )
    code = f"bench-{secrets.token_hex(4)}"
    workshop = services.workshop_create(
        municipality=municipality,
        by=None,
        data={
            "title": "Lasttest",
            "question": "Hält die Punktabfrage?",
            "starts_at": timezone.now(),
            "place": "Loopback",
            "code": code,
            "vote_budget": budget,
            "max_points_per_card": budget,
        },
    )
    phase = services.phase_open(phase=workshop.phases.get(kind="critique"), by=None)
    cards = [
        services.card_add_paper(phase=phase, by=None, text=f"Karte {i + 1}").pk
        for i in range(CARDS)
    ]
    return workshop.pk, code, cards, municipality.pk


def _stored_points(workshop_pk: int) -> int:
    from django.db.models import Sum

    from zwk.workshops.models import Vote

    return Vote.objects.filter(card__workshop_id=workshop_pk).aggregate(n=Sum("points"))["n"] or 0


def _cleanup(workshop_pk: int) -> None:
    from zwk.workshops.models import Workshop

    Workshop.objects.filter(pk=workshop_pk).delete()


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of process ``pid`` and its children so far (Linux /proc).

    gunicorn's workers are children of the master; summing them tells how much computing one
    request costs the server – the figure that decides when two cores are saturated."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    except (OSError, ValueError, AttributeError):
        return None
    family = {pid} | {p for p, (parent, _cpu) in stats.items() if parent == pid}
    return sum(stats[p][1] for p in family if p in stats) / tick


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "zwk.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--log-level",
        "warning",
        "--timeout",
        "60",
        "--config",
        "python:zwk.core.gunicorn_config",  # as deploy/systemd/zwk-web.service
    ]
    log = open(Path(env["MEDIA_ROOT"]).parent / "server.log", "ab")  # noqa: SIM115 – lives as long as the server
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not start within 60 s")


class Phone:
    """One participant's browser: keep-alive connection, cookies, timings."""

    def __init__(self, port: int, index: int, recorder: Recorder, think: float = 0.0):
        self.think = think
        self.requests = 0
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.ip = f"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}"
        self.recorder = recorder

    def request(self, method, path, *, body=None, headers=None, expect=(200,), kind="other"):
        if self.think and self.requests:
            time.sleep(self.think)  # a person reads, thinks, taps
        self.requests += 1
        headers = dict(headers or {})
        headers["X-Real-IP"] = self.ip
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
        except OSError as exc:
            self.recorder.error(f"{method} {path}: {exc!r}")
            self.connection.close()
            return None
        self.recorder.latency(time.perf_counter() - started, kind)
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        if response.status not in expect:
            self.recorder.error(f"{method} {path}: HTTP {response.status}")
        return response


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.by_kind: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.votes_sent = 0
        self.refused = 0

    def latency(self, seconds: float, kind: str) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_kind.setdefault(kind, []).append(seconds * 1000)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)

    def vote(self, accepted: bool) -> None:
        with self.lock:
            if accepted:
                self.votes_sent += 1
            else:
                self.refused += 1


def _participant(
    index: int,
    port: int,
    code: str,
    cards: list[int],
    budget: int,
    rec: Recorder,
    start_at: float = 0.0,
    think: float = 0.0,
):
    wait = start_at - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    phone = Phone(port, index, rec, think)
    entry = f"/mitmachen/{code}/"
    if phone.request("GET", entry, kind="join_form") is None:
        return
    csrf = phone.cookies.get("csrftoken", "")
    joined = phone.request(
        "POST",
        entry,
        body={"pseudonym": f"Person {index}", "consent": "on", "csrfmiddlewaretoken": csrf},
        headers={"Referer": f"http://127.0.0.1:{port}{entry}"},
        expect=(302,),
        kind="join",
    )
    if joined is None or joined.status != 302:
        return
    phone.request("GET", entry, kind="board")
    headers = {"HX-Request": "true", "X-CSRFToken": csrf}
    for n in range(budget + 1):
        card = cards[(index + n) % len(cards)]
        response = phone.request(
            "POST", f"{entry}karten/{card}/punkt/", headers=headers, expect=(200, 400), kind="vote"
        )
        if response is None:
            continue
        if n < budget:
            rec.vote(response.status == 200)
            if response.status != 200:
                rec.error(f"vote {n + 1} of {budget} refused")
        else:
            rec.vote(False)
            if response.status != 400:
                rec.error("a vote beyond the budget was accepted")
    live = phone.request("GET", f"{entry}live/", kind="live")
    if live is not None:
        tag = (live.getheader("ETag") or "").removeprefix('W/"').removesuffix('"')
        phone.request(
            "GET", f"{entry}live/?v={urllib.parse.quote(tag)}", expect=(204, 200), kind="live_poll"
        )
    phone.connection.close()


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def run(
    participants: int,
    concurrency: int,
    workers: int,
    threads: int,
    budget: int,
    within: float = 0.0,
    think: float = 0.0,
    servers: int = 1,
) -> dict:
    with tempfile.TemporaryDirectory(prefix="zwk-bench-") as tmp:
        env = _environment(Path(tmp))
        database = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        _setup_django(env)
        workshop_pk, code, cards, _m = _prepare(budget)
        # Several servers: application servers behind an nginx upstream, sharing the database
        # and Redis (docs/betrieb.md); the phones are spread over them in turn.
        ports = [_free_port() for _ in range(servers)]
        running = [_start_server(env, port, workers, threads) for port in ports]
        recorder = Recorder()
        cpu_before = [_cpu_seconds(server.pid) for server in running]
        started = time.perf_counter()
        try:
            begin = time.monotonic()
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                for index in range(participants):
                    start_at = begin + within * index / participants if within else 0.0
                    pool.submit(
                        _participant,
                        index,
                        ports[index % servers],
                        code,
                        cards,
                        budget,
                        recorder,
                        start_at,
                        think,
                    )
        finally:
            duration = time.perf_counter() - started
            cpu_after = [_cpu_seconds(server.pid) for server in running]
            for server in running:
                server.terminate()
            for server in running:
                server.wait(timeout=30)
        stored = _stored_points(workshop_pk)
        _cleanup(workshop_pk)
    ms = [s * 1000 for s in recorder.latencies]
    measured = None not in cpu_before + cpu_after
    server_cpu = sum(cpu_after) - sum(cpu_before) if measured else None
    return {
        "participants": participants,
        "concurrency": concurrency,
        "arrivals_within_seconds": within,
        "think_seconds": think,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "database": database,
        "server": f"gunicorn gthread {workers}×{threads}"
        + (f" × {servers} servers" if servers > 1 else ""),
        "redis": bool(env.get("REDIS_URL")),
        "requests": len(ms),
        "seconds": round(duration, 2),
        "requests_per_second": round(len(ms) / duration, 1) if duration else 0,
        "p50_ms": round(_percentile(ms, 50), 1),
        "p95_ms": round(_percentile(ms, 95), 1),
        "p99_ms": round(_percentile(ms, 99), 1),
        "mean_ms": round(statistics.fmean(ms), 1) if ms else 0,
        "server_cpu_seconds": round(server_cpu, 1) if server_cpu is not None else None,
        "server_cpu_ms_per_request": round(server_cpu * 1000 / len(ms), 1)
        if server_cpu is not None and ms
        else None,
        "p95_ms_by_request": {
            kind: round(_percentile(values, 95), 1) for kind, values in recorder.by_kind.items()
        },
        "errors": len(recorder.errors),
        "error_samples": recorder.errors[:5],
        "votes_sent": recorder.votes_sent,
        "votes_refused_beyond_budget": recorder.refused,
        "votes_stored": stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument(
        "--within",
        type=float,
        default=120,
        help="participants arrive evenly spread over this many seconds (0: all at once)",
    )
    parser.add_argument(
        "--think", type=float, default=1.0, help="seconds a person pauses between two taps"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=None,
        help="phones at the same time (default: 20 when --within 0, else 300)",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--budget", type=int, default=5, help="points per participant")
    parser.add_argument(
        "--servers",
        type=int,
        default=1,
        help="application servers on their own ports, sharing database and REDIS_URL",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    concurrency = args.concurrency or (300 if args.within else 20)
    result = run(
        args.participants,
        concurrency,
        args.workers,
        args.threads,
        args.budget,
        args.within,
        args.think,
        args.servers,
    )
    if args.format == "json":
        print(json.dumps(result))
        return
    print(
        f"{result['participants']} participants (arriving within "
        f"{result['arrivals_within_seconds']} s, {result['think_seconds']} s between taps, "
        f"at most {result['concurrency']} at a time), "
        f"{result['database']}, {result['server']}: {result['requests']} requests in "
        f"{result['seconds']} s ({result['requests_per_second']}/s)\n"
        f"latency p50 {result['p50_ms']} ms · p95 {result['p95_ms']} ms · "
        f"p99 {result['p99_ms']} ms (goal p95 < 150 ms)\n"
        f"errors {result['errors']} · votes sent {result['votes_sent']} · stored "
        f"{result['votes_stored']} · refused beyond budget {result['votes_refused_beyond_budget']}"
        f"\nload average afterwards {result['load_average']} · server CPU "
        f"{result['server_cpu_seconds']} s = {result['server_cpu_ms_per_request']} ms per request"
    )
    print(
        "p95 by request: "
        + ", ".join(f"{k} {v} ms" for k, v in result["p95_ms_by_request"].items())
    )
    if result["error_samples"]:
        print("first errors:", *result["error_samples"], sep="\n  ")


if __name__ == "__main__":
    main()
