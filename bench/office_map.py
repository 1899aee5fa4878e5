"""Office map with 11,000 Kommunen: SVG render time and the full page (target < 1 s).

    python bench/office_map.py [--points 11000] [--repeat 20] [--view-repeat 5] [--no-view]
                               [--users 20] [--workers 3] [--threads 4] [--in-process]
                               [--no-cache] [--format json]

Points are the real Gemeinden of the Gemeindeverzeichnis (``../shared/data`` or
``ZWK_SHARED_DATA``: 10,981 centre points, topped up with generated points in Germany's
bounding box); without the file all points are generated. Two figures:

* ``render`` – :func:`zwk.office.map.render_svg` alone for all points (pure Python);
* ``view`` – ``GET /geschaeftsstelle/karte/`` through Django's test client with the same
  number of Kommunen (each with its five steps) in a fresh test database (SQLite by default,
  PostgreSQL when DATABASE_URL is set): queries, SVG, legend and the data table;
* ``overview`` – ``GET /geschaeftsstelle/`` (the office's start page: "Braucht
  Aufmerksamkeit", figures, the first page of the overview) in the same database.

``--users N`` (N > 1) sends the requests of N office users at once to the server production
runs (docs/betrieb.md): gunicorn with ``--workers`` processes × ``--threads`` threads
(default 3 × 4, as ``deploy/systemd/zwk-web.service``), DEBUG off, over HTTP on loopback, each
user with its own logged-in session and keep-alive connection – the same server as
``bench/participation.py`` and ``bench/survey.py``. The database is a fresh test database
(PostgreSQL when DATABASE_URL is set, else an SQLite file); the cache is Redis when REDIS_URL
is set, else each worker process's own memory. Each user's first three requests are not
timed (they open the worker's database connection, which production keeps with
CONN_MAX_AGE, and fill a worker's own cache); the timed requests of all users start together.
``--in-process`` measures N threads with Django's test client in this one Python process
instead (no server; every request waits for the one interpreter lock, so p50 is about N
times the CPU of one request – a worst case no deployment has).

Prints figures, asserts nothing. JSON keys: ``points``, ``source``, ``render_p50_ms``,
``render_p95_ms``, ``svg_kb``, ``view_p50_ms``, ``view_p95_ms``, ``view_queries``,
``view_kb``, ``overview_p50_ms``, ``overview_p95_ms``, ``overview_queries``,
``overview_kb``, ``users``, ``server``, ``database``, ``cache``, ``load_1min``.

The office's programme-wide figures, the map's counts per Land/Kreis and the start page's
table are cached briefly (``zwk.office.cache``, until the next change or 60 s); the warm-up
request fills the cache, so the timed requests show the steady state of office users reading.
``--no-cache`` measures every request as the first one after a change.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))  # the sibling bench's server (participation.py)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "1")  # static files without a collectstatic manifest
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

GV = "destatis_gv_gemeinden_31122023_derived.csv"


def gemeinden(n: int) -> tuple[list[tuple[str, str, float, float]], str]:
    """(ags, name, lon, lat) for ``n`` Kommunen and where they came from."""
    from demography.readers.gv import read_gv_csv
    from zwk.municipalities.geo import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN

    folder = Path(os.environ.get("ZWK_SHARED_DATA") or ROOT.parent / "shared" / "data")
    out: list[tuple[str, str, float, float]] = []
    source = "generated"
    if (folder / GV).exists():
        table = read_gv_csv((folder / GV).read_text(encoding="utf-8"), GV)
        names = table.region_names
        for ags, (lon, lat) in table.attributes["coordinates"].items():
            out.append((ags, names[ags], lon, lat))
        source = f"Gemeindeverzeichnis ({len(out)} Gemeinden)"
    rng = random.Random(11)
    i = 0
    while len(out) < n:
        i += 1
        out.append(
            (
                f"{rng.randint(1, 16):02d}9{i:05d}",
                f"Generierte Gemeinde {i}",
                rng.uniform(LON_MIN + 0.5, LON_MAX - 0.5),
                rng.uniform(LAT_MIN + 0.5, LAT_MAX - 0.5),
            )
        )
    if len(out) > n:
        source += f", first {n}"
    return out[:n], source


def _percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return round(statistics.median(times), 1), round(times[int(0.95 * (len(times) - 1))], 1)


def bench_render(places, repeat: int) -> dict:
    from zwk.office import map as office_map

    rng = random.Random(3)
    points = [
        office_map.MapPoint(
            lon=lon,
            lat=lat,
            title=f"{name} (Gemeinde): Schritt {s}" if s < 6 else f"{name}: abgeschlossen",
            href=f"/kommunen/gemeinde-{ags}/",
            state=s,
        )
        for (ags, name, lon, lat), s in ((p, rng.randint(1, 6)) for p in places)
    ]
    office_map.outline_path()  # loaded once per process
    times, svg = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        svg = office_map.render_svg(points, title="Karte", description="Benchmark")
        times.append((time.perf_counter() - start) * 1000)
    p50, p95 = _percentiles(times)
    return {"render_p50_ms": p50, "render_p95_ms": p95, "svg_kb": round(len(svg) / 1024)}


def seed(places):
    """The Kommunen of ``places`` with their five steps (bulk inserts) and an office user."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zwk.accounts.models import User
    from zwk.municipalities.models import Municipality, ProcessStep
    from zwk.municipalities.process import STEPS

    rng = random.Random(5)
    Municipality.objects.bulk_create(
        [
            Municipality(
                name=name,
                slug=f"gemeinde-{ags}",
                kind="stadt" if i % 10 == 0 else "gemeinde",
                land=ags[:2],
                ags=ags,
                longitude=round(lon, 6),
                latitude=round(lat, 6),
            )
            for i, (ags, name, lon, lat) in enumerate(places)
        ],
        batch_size=1000,
    )
    steps = []
    for mid in Municipality.objects.values_list("id", flat=True):
        done = rng.randint(0, 5)
        for k, step in enumerate(STEPS):
            status = "done" if k < done else "in_progress" if k == done else "open"
            steps.append(ProcessStep(municipality_id=mid, kind=step.kind, status=status))
    ProcessStep.objects.bulk_create(steps, batch_size=2000)
    office = User.objects.create(username="bench-office", is_office=True)
    # Office users sign in with a second factor when DEBUG is off (TWO_FACTOR_REQUIRED)
    TOTPDevice.objects.create(user=office, name="Bench", confirmed=True)
    return office


def signed_in(user):
    """A test client with ``user`` signed in and, like after the second factor, verified."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
    session.save()
    return client


def bench_view(places, repeat: int, users: int = 1) -> dict:
    from django.db import connection
    from django.urls import reverse

    office = seed(places)
    out = {"database": connection.vendor}
    for prefix, name in (("view", "office:map"), ("overview", "office:dashboard")):
        out.update(_measure(prefix, reverse(name), office, repeat, users))
    return out


def _measure(prefix: str, url: str, user, repeat: int, users: int) -> dict:
    """p50/p95 of ``repeat`` GETs per user with ``users`` simulated users at once (threads,
    one test client each), the queries and the size of one response."""
    import threading

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client = signed_in(user)
    reset_queries()  # the log keeps 9,000 queries: the bulk inserts filled it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)  # warm-up (typology cache, templates)
    assert response.status_code == 200, (url, response.status_code)
    size = len(response.content)
    times: list[float] = []
    lock = threading.Lock()

    clients = []
    for _ in range(users):  # log in one after the other: no session writes in the threads
        clients.append(signed_in(user))

    # Each thread opens its own database connection on its first request; production reuses
    # connections (CONN_MAX_AGE, docs/betrieb.md), so that untimed request opens it and the
    # timed requests of all users start together (with 5 requests per user, 20 first
    # connections made up 20 % of the samples and so the p95).
    start_together = threading.Barrier(users)

    def run(own) -> None:
        r = own.get(url, secure=True)
        assert r.status_code == 200, (url, r.status_code)
        if users > 1:
            start_together.wait()
        for _ in range(repeat):
            start = time.perf_counter()
            r = own.get(url, secure=True)
            elapsed = (time.perf_counter() - start) * 1000
            assert r.status_code == 200, (url, r.status_code)
            with lock:
                times.append(elapsed)
        if users > 1:
            connection.close()

    if not repeat:
        pass  # only queries and size
    elif users == 1:
        run(clients[0])
    else:
        threads = [threading.Thread(target=run, args=(own,)) for own in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    out = {f"{prefix}_queries": len(queries), f"{prefix}_kb": round(size / 1024)}
    if times:
        out[f"{prefix}_p50_ms"], out[f"{prefix}_p95_ms"] = _percentiles(times)
    return out


def _database_url(settings_dict: dict) -> str:
    """The URL of the test database this process created, for the server processes."""
    from urllib.parse import quote

    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user, password = settings_dict.get("USER") or "", settings_dict.get("PASSWORD") or ""
    auth = quote(user) + (f":{quote(password)}" if password else "") + "@" if user else ""
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def _measure_server(
    prefix: str, url: str, port: int, sessions: list[str], repeat: int
) -> dict[str, float]:
    """p50/p95 of ``repeat`` GETs per user over HTTP, all users at once."""
    import http.client
    import threading

    from django.conf import settings

    times: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start_together = threading.Barrier(len(sessions))

    def run(session: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}

        def get() -> float:
            started = time.perf_counter()
            connection.request("GET", url, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                with lock:
                    failures.append(f"{url}: HTTP {response.status}")
            return elapsed

        try:
            for _ in range(3):  # not timed: connections, each worker's own cache
                get()
        finally:
            start_together.wait()
        for _ in range(repeat):
            elapsed = get()
            with lock:
                times.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=run, args=(session,)) for session in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")
    p50, p95 = _percentiles(times)
    return {f"{prefix}_p50_ms": p50, f"{prefix}_p95_ms": p95}


def bench_server(places, repeat: int, users: int, workers: int, threads: int, env: dict) -> dict:
    """The map and the start page through gunicorn (see the module's docstring)."""
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    from participation import _free_port, _start_server

    office = seed(places)
    out: dict = {"database": connection.vendor, "server": f"gunicorn gthread {workers}×{threads}"}
    sessions = []
    for _ in range(users):  # each office user signs in once, in this process
        sessions.append(signed_in(office).cookies[settings.SESSION_COOKIE_NAME].value)
    port = _free_port()
    server = _start_server(
        {**env, "DATABASE_URL": _database_url(connection.settings_dict)}, port, workers, threads
    )
    try:
        for prefix, name in (("view", "office:map"), ("overview", "office:dashboard")):
            url = reverse(name)
            # queries and size of one request, in this process (the server's are the same code)
            out.update(_measure(prefix, url, office, 0, 1))
            out.update(_measure_server(prefix, url, port, sessions, repeat))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=11_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--view-repeat", type=int, default=5)
    parser.add_argument("--no-view", action="store_true", help="only the SVG render")
    parser.add_argument(
        "--users", type=int, default=1, help="office users at once (through gunicorn), e.g. 20"
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="several users as threads with the test client in this process, no server",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="office figures without the short-lived cache (zwk.office.cache): every request "
        "reads all Kommunen, as right after a change",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()

    serve = args.users > 1 and not args.in_process and not args.no_view
    tmp = Path(tempfile.mkdtemp(prefix="zwk-office-bench-"))
    env: dict = {}
    if serve:
        from participation import _environment

        env = _environment(tmp)
        env["ALLOWED_HOSTS"] += ",testserver"  # this process's own requests (queries, size)
        if args.no_cache:
            env["OFFICE_CACHE_SECONDS"] = "0"
        os.environ.update(env)

    import django

    django.setup()
    from django.conf import settings

    if args.no_cache:
        settings.OFFICE_CACHE_SECONDS = 0
    places, source = gemeinden(args.points)
    summary: dict = {"points": len(places), "source": source, "cache": not args.no_cache}
    summary.update(bench_render(places, args.repeat))
    if not args.no_view:
        from django.db import connection

        # No setup_test_environment(): its instrumented template rendering copies every
        # context for the test client and would dominate the timings.
        old_name = connection.settings_dict["NAME"]
        if serve and connection.vendor == "sqlite":  # a file the server processes can open
            connection.settings_dict["TEST"]["NAME"] = str(tmp / "office-bench.sqlite3")
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            if serve:
                summary.update(
                    bench_server(
                        places, args.view_repeat, args.users, args.workers, args.threads, env
                    )
                )
            else:
                summary.update(bench_view(places, args.view_repeat, args.users))
                summary["server"] = "in-process test client"
            summary["users"] = args.users
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            shutil.rmtree(tmp, ignore_errors=True)
    summary["load_1min"] = round(os.getloadavg()[0], 1)
    if args.format == "json":
        print(json.dumps(summary))
        return
    print(f"points: {summary['points']} ({source})")
    print(
        f"render_svg  p50 {summary['render_p50_ms']:7.1f} ms  "
        f"p95 {summary['render_p95_ms']:7.1f} ms  ({summary['svg_kb']} KB SVG)"
    )
    if "view_p50_ms" in summary:
        print(
            f"map page    p50 {summary['view_p50_ms']:7.1f} ms  "
            f"p95 {summary['view_p95_ms']:7.1f} ms  ({summary['view_queries']} queries, "
            f"{summary['view_kb']} KB, {summary['database']})"
        )
    if "overview_p50_ms" in summary:
        print(
            f"start page  p50 {summary['overview_p50_ms']:7.1f} ms  "
            f"p95 {summary['overview_p95_ms']:7.1f} ms  ({summary['overview_queries']} queries, "
            f"{summary['overview_kb']} KB, {summary['users']} users at once, "
            f"{summary['server']})"
        )
    met = summary["render_p95_ms"] < 1000
    print("target render of 11,000 points < 1 s:", "met" if met else "NOT met")
    for key, label in (("view", "map page"), ("overview", "start page")):
        if f"{key}_p95_ms" in summary:
            met = summary[f"{key}_p95_ms"] < 300 and summary[f"{key}_kb"] < 300
            print(f"{label} p95 < 300 ms and < 300 KB:", "met" if met else "NOT met")
    print(
        f"machine load (1 min): {summary['load_1min']} on {os.cpu_count()} CPUs – "
        "figures scale with it"
    )


if __name__ == "__main__":
    main()
