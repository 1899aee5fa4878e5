"""Benchmark of the Werkzeugkoffer search: 2,000 generated entries, p50/p95 per query.

    python bench/toolbox_search.py [--entries 2000] [--repeat 5]

Runs on a fresh test database (SQLite by default; PostgreSQL when DATABASE_URL is set) and
prints figures; it asserts nothing. Target: p95 < 50 ms for search with facet counts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "0")

QUERIES = [
    "Jugendbeteiligung",
    "Jugend beteiligen",
    "aelter",
    "Senioren",
    "Nahversorgung Dorfladen",
    "Mobilität",
    "Zukunftswerkstatt",
    "Bürgerrat",
    "Ehrenamt stärken",
    "",
]
WORDS_TEXT = (
    "Beteiligung Jugend Senioren Dorf Quartier Werkstatt Zukunft Mobilität Bus Laden Versorgung "
    "Ehrenamt Verein Integration Willkommen Familie Kinder Wohnen Alter Pflege Schule Bildung "
    "Fachkräfte Betrieb Digital Umfrage Leitbild Szenario Analyse Gruppe Planung Maßnahme Ziel"
)
WORDS = WORDS_TEXT.split(" ")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args) -> None:
    from django.db import connection

    from zwk.accounts.models import User
    from zwk.municipalities.models import Theme
    from zwk.toolbox import services
    from zwk.toolbox.selectors import entries_by_ids, search_entries

    rng = random.Random(7)
    office = User.objects.create(username="bench-office", is_office=True)
    themes = list(Theme.objects.filter(municipality__isnull=True))
    phases = ["kickoff", "profile", "workshop", "plan", "review"]
    groups = ["youth", "seniors", "families", "migration", "volunteers", "administration"]
    start = time.perf_counter()
    existing = __import__("zwk.toolbox.models", fromlist=["Entry"]).Entry.objects.count()
    for n in range(args.entries - existing):
        title = " ".join(rng.sample(WORDS, 3)) + f" {n}"
        body = "".join(f"<p>{' '.join(rng.choices(WORDS, k=60))}.</p>" for _ in range(4))
        services.entry_create(
            by=office,
            data={
                "entry_type": rng.choice(["method", "concept", "guide", "best_practice"]),
                "title": title,
                "summary": " ".join(rng.choices(WORDS, k=25)) + ".",
                "body": body,
                "effort": rng.choice(["low", "medium", "high"]),
                "phases": rng.sample(phases, 2),
                "target_groups": rng.sample(groups, 2),
                "municipality_kinds": ["gemeinde", "stadt"],
            },
            themes=rng.sample(themes, 2),
            status="published",
        )
    print(
        f"database: {connection.vendor}; entries: {args.entries}; "
        f"setup: {time.perf_counter() - start:.1f} s"
    )
    search_entries(query="")  # warm-up: builds the per-process facet cache once
    timings = []
    for _ in range(args.repeat):
        for query in QUERIES:
            for filters in ({}, {"schritt": ["workshop"], "aufwand": ["low"]}):
                t0 = time.perf_counter()
                result = search_entries(query=query, filters=filters)
                entries_by_ids(result.entries[:20])  # the first page as the list shows it
                timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"searches: {len(timings)}; p50: {p50:.1f} ms; p95: {p95:.1f} ms; max: {timings[-1]:.1f} ms"
    )
    print("target p95 < 50 ms:", "met" if p95 < 50 else "NOT met")
    load = os.getloadavg()[0]
    print(f"machine load (1 min): {load:.1f} on {os.cpu_count()} CPUs – figures scale with it")


if __name__ == "__main__":
    main()
