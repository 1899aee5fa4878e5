"""Werkstattplan pages with 200 measures: p50/p95 of the plan page (target p95 < 100 ms).

    python bench/plans_page.py [--measures 200] [--n 60] [--format json]

Runs on a fresh test database (SQLite by default; PostgreSQL when DATABASE_URL is set):
creates a Kommune with a plan of 200 measures (each with a goal, two milestones, partners
and target groups; goals with own and engine indicators and measurements), then requests
the plan page (first page of the list) and – for comparison – board, timeline and
Handlungsfelder through Django's test client. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
# Production-like: DEBUG off (no query log, cached templates); static files without a manifest.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("TWO_FACTOR_REQUIRED", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=200)
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    # No setup_test_environment(): its instrumented template rendering copies every context
    # for the test client and would dominate the timings.
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _setup(count: int):
    from django.utils import timezone

    from zwk.accounts.models import User
    from zwk.municipalities.models import Membership, Municipality, Theme
    from zwk.plans import services
    from zwk.situation import services as situation_services

    today = timezone.localdate()
    municipality = Municipality.objects.create(name="Benchstadt", slug="benchstadt", kind="stadt")
    themes = list(Theme.objects.filter(municipality__isnull=True)[:4])
    municipality.themes.set(themes)
    user = User.objects.create(username="bench-team", first_name="Bench", last_name="Team")
    Membership.objects.create(user=user, municipality=municipality, role="member")
    plan = services.plan_for(municipality)
    services.plan_update_vision(plan=plan, by=user, vision="Benchstadt 2040.")
    goals = []
    for index, theme in enumerate(themes * 2):
        goal = services.goal_save(plan=plan, by=user, text=f"Ziel {index}", theme=theme)
        own = services.indicator_create(
            goal=goal,
            by=user,
            data={
                "kind": "own",
                "name": f"Kennzahl {index}",
                "baseline": 10,
                "baseline_date": today - timedelta(days=365),
                "target": 30,
                "due": today + timedelta(days=365),
            },
        )
        for days in (300, 200, 100, 1):
            services.measurement_add(
                indicator=own, by=user, measured_on=today - timedelta(days=days), value=days % 30
            )
        services.indicator_create(
            goal=goal, by=user, data={"kind": "engine", "engine_key": "mean_age"}
        )
        goals.append(goal)
    partners = [
        situation_services.initiative_create(
            municipality=municipality, by=user, data={"title": f"Initiative {i}"}
        )
        for i in range(5)
    ]
    statuses = ["planned", "running", "done", "paused", "dropped"]
    for n in range(count):
        status = statuses[n % 5]
        measure = services.measure_create(
            plan=plan,
            by=user,
            data={
                "title": f"Maßnahme {n:03d}",
                "description": "Beschreibung " * 20,
                "theme": themes[n % len(themes)],
                "status": status,
                "status_reason": "Grund" if status in ("paused", "dropped") else "",
                "start": today - timedelta(days=n),
                "end": today + timedelta(days=200 + n),
                "budget_planned": 1000 + n,
                "key_measure": n % 7 == 0,
            },
            goals=[goals[n % len(goals)]],
            partners=partners[: n % 3],
            target_groups=["seniors", "youth"][: n % 3],
        )
        for k in range(2):
            services.milestone_add(
                measure=measure,
                by=user,
                title=f"Meilenstein {k}",
                due=today + timedelta(days=k * 90),
            )
    return municipality, user


def _time(client, url, n):
    times = []
    for i in range(n + 5):
        start = time.perf_counter()
        response = client.get(url, secure=True)  # production settings redirect to HTTPS
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        if i >= 5:  # warm-up: templates, caches
            times.append(elapsed)
    times.sort()
    return {
        "requests": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
    }


def _count(queries: list, execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)


def run(args) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    municipality, user = _setup(args.measures)
    setup_s = time.perf_counter() - started
    client = Client()
    client.force_login(user)
    results = {}
    for name in ("plan", "board", "timeline", "themes"):
        url = reverse(f"plans:{name}", kwargs={"slug": municipality.slug})
        queries = []  # counted by a wrapper: the query log is reset when a request starts
        with connection.execute_wrapper(partial(_count, queries)):
            client.get(url, secure=True)
        results[name] = {**_time(client, url, args.n if name == "plan" else max(args.n // 3, 10)),
                         "queries": len(queries)}  # fmt: skip
    summary = {
        "database": connection.vendor,
        "measures": args.measures,
        "setup_s": round(setup_s, 1),
        "pages": results,
        "load_1min": round(os.getloadavg()[0], 1),
    }
    if args.format == "json":
        print(json.dumps(summary))
        return
    print(f"database: {connection.vendor}; measures: {args.measures}; setup: {setup_s:.1f} s")
    for name, r in results.items():
        print(
            f"{name:9s} p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
            f"max {r['max_ms']:6.1f} ms  ({r['requests']} requests, {r['queries']} queries)"
        )
    p95 = results["plan"]["p95_ms"]
    print("target plan page p95 < 100 ms:", "met" if p95 < 100 else "NOT met")
    print(
        f"machine load (1 min): {summary['load_1min']} on {os.cpu_count()} CPUs – "
        "figures scale with it"
    )


if __name__ == "__main__":
    main()
