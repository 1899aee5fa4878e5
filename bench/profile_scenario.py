"""Server round trip of the scenario explorer for one Kommune (target p95 < 100 ms).

Uses Django's test client against the configured database (run `manage.py demo` first, or
it creates a Kommune with generated statistics in a temporary SQLite database) and prints
p50/p95 of the htmx request that re-projects and re-renders charts and demand table.

    python bench/profile_scenario.py [--slug musterstadt] [--n 100] [--format json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slug", default="musterstadt")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from zwk.accounts.models import User

    user = User.objects.filter(is_office=True).first()
    if user is None:
        sys.exit("Keine Demodaten: zuerst `python manage.py demo` ausführen.")
    client = Client()
    client.force_login(user)
    url = reverse("profiles:scenario", kwargs={"slug": args.slug})
    times = []
    for i in range(args.n + 5):
        params = {
            "migration": str(-5 + i % 20),
            "tfr": "1.5",
            "e0_gain": "2",
            "dwellings": str(i % 50),
        }
        start = time.perf_counter()
        response = client.get(url, params, HTTP_HX_REQUEST="true")
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        if i >= 5:  # warm-up: typology cache, templates
            times.append(elapsed)
    times.sort()
    result = {
        "requests": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
    }
    if args.format == "json":
        print(json.dumps(result))
    else:
        print(
            f"Szenario-Rundreise {args.slug}: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms "
            f"(max {result['max_ms']} ms, {result['requests']} Anfragen; Ziel p95 < 100 ms)"
        )


if __name__ == "__main__":
    main()
