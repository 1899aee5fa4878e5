"""Idea list of an Ideensammlung with 1,000 ideas and 5,000 comments (issue 17: constant
number of queries, p95 under 150 ms).

    python bench/ideas.py [--ideas 1000] [--comments 5000] [--repeat 30] [--format json]

Seeds a fresh test database (SQLite by default, PostgreSQL when DATABASE_URL is set) through
bulk inserts – a published project with an open phase, one collection, ideas, comments and
supports – and times ``GET /beteiligung/<kommune>/<projekt>/ideen/<id>/`` through Django's
test client for each sort order (newest, most supported, most discussed) on the first and a
middle page. Also counts the queries of one request with 100 and with all ideas.

Prints figures, asserts nothing. JSON keys: ``ideas``, ``comments``, ``supports``,
``p50_ms``, ``p95_ms``, ``cpu_p95_ms`` (CPU time of this process per request – the figure
that does not grow when other processes share the machine; the database is SQLite in the same
process or PostgreSQL outside it), ``queries``, ``queries_100_ideas``, ``kb``, ``database``, and per
sort ``<sort>_p95_ms``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def seed(n_ideas: int, n_comments: int, *, slug: str = "bench", ags: str = "09990002"):
    from django.utils import timezone

    from zwk.municipalities.models import Municipality
    from zwk.participation.models import (
        Idea,
        IdeaCollection,
        IdeaComment,
        IdeaParticipant,
        IdeaStatus,
        IdeaSupport,
        Project,
        ProjectPhase,
    )

    rng = random.Random(17)
    municipality = Municipality.objects.create(
        name=f"Benchstadt {slug}", slug=slug, ags=ags, kind="stadt"
    )
    project = Project.objects.create(
        municipality=municipality, title="Zukunft", slug="zukunft", published=True
    )
    today = timezone.localdate()
    phase = ProjectPhase.objects.create(
        project=project,
        title="Ideen",
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=10),
    )
    collection = IdeaCollection.objects.create(project=project, phase=phase, title="Ideen")
    people = IdeaParticipant.objects.bulk_create(
        [
            IdeaParticipant(collection=collection, pseudonym=f"Person {i}", token=f"{slug}-{i}")
            for i in range(300)
        ]
    )
    statuses = IdeaStatus.values
    ideas = Idea.objects.bulk_create(
        [
            Idea(
                collection=collection,
                author=people[i % len(people)],
                title=f"Idee Nummer {i}",
                text="Eine Idee für die Stadt. " * 10,
                status=statuses[i % len(statuses)],
                place=f"Straße {i}",
                district=f"Ortsteil {i % 7}",
            )
            for i in range(n_ideas)
        ],
        batch_size=500,
    )
    IdeaComment.objects.bulk_create(
        [
            IdeaComment(idea=rng.choice(ideas), author=rng.choice(people), text="Gute Idee.")
            for _ in range(n_comments)
        ],
        batch_size=1000,
    )
    supports = {(rng.randrange(n_ideas), rng.randrange(len(people))) for _ in range(n_ideas * 3)}
    IdeaSupport.objects.bulk_create(
        [IdeaSupport(idea=ideas[i], participant=people[p]) for i, p in supports], batch_size=1000
    )
    return collection, len(supports)


def measure(url: str, repeat: int) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, secure=True)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    return {
        "times": times,
        "cpu": cpu,
        "queries": len(queries),
        "kb": round(len(response.content) / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        small, _ = seed(100, 500, slug="bench-klein", ags="09990001")
        small_queries = measure(small.get_absolute_url(), 1)["queries"]
        collection, supports = seed(args.ideas, args.comments)
        base = collection.get_absolute_url()
        out = {
            "ideas": args.ideas,
            "comments": args.comments,
            "supports": supports,
            "database": connection.vendor,
        }
        all_times, all_cpu, queries, kb = [], [], 0, 0
        middle = max(1, args.ideas // 20 // 2)
        for sort in ("neu", "unterstuetzt", "diskutiert"):
            times = []
            for page in (1, middle):
                figures = measure(f"{base}?sortierung={sort}&seite={page}", args.repeat)
                times += figures["times"]
                all_cpu += figures["cpu"]
                queries = max(queries, figures["queries"])
                kb = max(kb, figures["kb"])
            times.sort()
            out[f"{sort}_p95_ms"] = round(times[int(0.95 * (len(times) - 1))], 1)
            all_times += times
        all_times.sort()
        out.update(
            {
                "p50_ms": round(statistics.median(all_times), 1),
                "p95_ms": round(all_times[int(0.95 * (len(all_times) - 1))], 1),
                "cpu_p95_ms": round(sorted(all_cpu)[int(0.95 * (len(all_cpu) - 1))], 1),
                "queries": queries,
                "queries_100_ideas": small_queries,
                "kb": kb,
            }
        )
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    if args.format == "json":
        print(json.dumps(out))
    else:
        for key, value in out.items():
            print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
