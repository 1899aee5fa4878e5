"""'Mit Plan / ohne Plan' with 10 measure effects for one Gemeinde (target p95 < 200 ms) and
the pages of issue 20 (Demografie-Check page: target p95 < 300 ms).

    python bench/plan_effects.py [--repeat 50] [--page-repeat 20] [--no-pages] [--format json]

Times :func:`zwk.plans.effects.plan_paths` – the Basis run, the one run with all effects
(housing, migration, senior housing, places) and the tables at 10 and 20 years – on a
synthetic Gemeinde of about 8,000 inhabitants (``demography.projection.example_population``);
the cache of the Basis run is cleared before every repetition (worst case).

Unless ``--no-pages``: the same Gemeinde in a fresh test database (SQLite by default,
PostgreSQL when DATABASE_URL is set) with its stock, a Werkstattplan of 10 measures with
these effects and a Demografie-Check ("Tagespflege in der Altstadt"); timed through Django's
test client as the Kommune's coordinator: ``GET`` of the Demografie-Check page, of the
"mit Plan / ohne Plan" page and of the profile's scenario explorer with "Maßnahmen des
Werkstattplans einbeziehen" (the Basis-run cache is cleared before every request of the
first two – worst case).

Prints figures, asserts nothing. JSON keys: ``effects``, ``repeat``, ``p50_ms``, ``p95_ms``,
``max_ms``, ``first_ms`` (includes loading the engine's tables); with pages also
``check_p50_ms``, ``check_p95_ms``, ``check_queries``, ``effects_page_p50_ms``,
``effects_page_p95_ms``, ``explorer_p50_ms``, ``explorer_p95_ms``, ``database``,
``load_1min``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def _effects(base_year: int):
    from zwk.plans.models import MeasureEffect

    K = MeasureEffect.Kind
    y = base_year + 2
    specs = [
        {"kind": K.HOUSING, "amount": 40, "years": 5},
        {"kind": K.HOUSING, "amount": 15, "years": 8, "profile": "young"},
        {"kind": K.MIGRATION, "amount": 15, "age_from": 25, "age_to": 34, "years": 10},
        {"kind": K.MIGRATION, "amount": 10, "is_percent": True, "age_from": 18, "age_to": 24},
        {"kind": K.MIGRATION, "amount": -5, "age_from": 65, "age_to": 79, "years": 3},
        {"kind": K.SENIOR, "amount": 12, "years": 2},
        {"kind": K.SENIOR, "amount": 6, "years": 3, "external_share": 30},
        {"kind": K.PLACES, "amount": 24, "facility": "kita_u3", "existing_places": 80},
        {"kind": K.PLACES, "amount": 15, "facility": "tagespflege", "existing_places": 10},
        {"kind": K.PLACES, "amount": 40, "facility": "pflege", "existing_places": 60},
    ]
    out = []
    for spec in specs:
        data = {"start_year": y, "years": 1, "profile": "families", **spec}
        data["amount"] = Decimal(data["amount"])
        out.append(MeasureEffect(**data))
    return out


def _percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return (
        round(statistics.median(times), 1),
        round(times[max(0, int(0.95 * len(times)) - 1)], 1),
    )


def _timed(client, url, params, repeat: int, *, clear: bool) -> tuple[float, float, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, params, secure=True)  # warm (templates, engine tables)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        if clear:
            cache.clear()
        t0 = time.perf_counter()
        response = client.get(url, params, secure=True)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params, secure=True)
    p50, p95 = _percentiles(times)
    return p50, p95, len(queries)


def pages(pop, repeat: int) -> dict:
    """The three pages in a fresh test database (see the module docstring)."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from zwk.accounts.models import User
    from zwk.decisions import services as check_services
    from zwk.municipalities.models import Membership, Municipality
    from zwk.plans import effect_services, services
    from zwk.profiles.models import PopulationStock, Region, StatisticsRelease

    m = Municipality.objects.create(
        name="Beispielgemeinde", slug="bench-gemeinde", kind="gemeinde", land="09", ags="09180998"
    )
    user = User.objects.create(username="bench-koordination")
    Membership.objects.create(user=user, municipality=m, role=Membership.Role.COORDINATOR)
    region = Region.objects.create(code=m.ags, name=m.name, level="gemeinde")
    release = StatisticsRelease.objects.create(
        table_code="bench", file_name="bench.csv", sha256="c" * 64, title="Bench"
    )
    for i, sex in enumerate(("male", "female")):
        ages = [float(v) for v in pop.counts[0][i]]
        PopulationStock.objects.create(
            region=region, year=pop.year, sex=sex, total=sum(ages), ages=ages, release=release
        )
    plan = services.plan_for(m)
    for n, effect in enumerate(_effects(pop.year), start=1):
        measure = services.measure_create(plan=plan, by=user, data={"title": f"Maßnahme {n}"})
        data = {f: getattr(effect, f) for f in effect_services.FIELDS}
        effect_services.effect_add(measure=measure, by=user, data=data)
    check = check_services.check_create(
        municipality=m,
        by=user,
        data={
            "title": "Tagespflege in der Altstadt",
            "description": "20 Plätze in der alten Schule.",
            "area_code": "",
            "target_groups": ["senioren", "hochbetagte", "pflege"],
            "horizon": 10,
            "lifetime": 30,
            "capacity": 20,
            "capacity_unit": "Plätze",
            "answer_generations": "…",
            "answer_accessibility": "…",
            "answer_reuse": "…",
            "answer_integration": "…",
        },
    )
    client = Client()
    client.force_login(user)
    check_url = reverse("decisions:detail", kwargs={"slug": m.slug, "pk": check.pk})
    effects_url = reverse("plans:effects", kwargs={"slug": m.slug})
    explorer_url = reverse("profiles:scenario", kwargs={"slug": m.slug})
    sliders = {"migration": "3.4", "tfr": "1.35", "e0_gain": "2.3", "dwellings": "0"}
    c50, c95, cq = _timed(client, check_url, {}, repeat, clear=True)
    e50, e95, _q = _timed(client, effects_url, {}, repeat, clear=True)
    x50, x95, _q = _timed(
        client, explorer_url, {**sliders, "plan_effects": "on"}, repeat, clear=False
    )
    return {
        "check_p50_ms": c50,
        "check_p95_ms": c95,
        "check_queries": cq,
        "effects_page_p50_ms": e50,
        "effects_page_p95_ms": e95,
        "explorer_p50_ms": x50,
        "explorer_p95_ms": x95,
        "database": connection.vendor,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--page-repeat", type=int, default=20)
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)

    import django

    django.setup()
    import numpy as np
    from django.core.cache import cache

    from demography.projection import example_population
    from zwk.plans import effects

    pop = example_population(1, median_size=8000, seed=3)
    base = effects.Base(pop.year, np.asarray(pop.counts[0]), pop, "Beispielgemeinde")
    items = _effects(base.year)
    t0 = time.perf_counter()
    effects.plan_paths(items, base)
    first = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(args.repeat):
        cache.clear()  # the Basis run is cached per stock: measure the uncached worst case
        t0 = time.perf_counter()
        effects.plan_paths(items, base)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    result = {
        "effects": len(items),
        "repeat": args.repeat,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "first_ms": round(first, 1),
    }
    if not args.no_pages:
        from django.db import connection

        # No setup_test_environment(): its instrumented template rendering would dominate.
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            result.update(pages(pop, args.page_repeat))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        result["load_1min"] = round(os.getloadavg()[0], 1)
    if args.format == "json":
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>20}: {value}")
        print(
            "target 'mit/ohne Plan' p95 < 200 ms:", "met" if result["p95_ms"] < 200 else "NOT met"
        )
        if "check_p95_ms" in result:
            met = result["check_p95_ms"] < 300
            print("target Demografie-Check page p95 < 300 ms:", "met" if met else "NOT met")


if __name__ == "__main__":
    main()
