"""'Mit Plan / ohne Plan' with 10 measure effects for one Gemeinde (target p95 < 200 ms).

    python bench/plan_effects.py [--repeat 50] [--format json]

Times :func:`zwk.plans.effects.plan_paths` – the Basis run, the one run with all effects
(housing, migration, senior housing, places) and the tables at 10 and 20 years – on a
synthetic Gemeinde of about 8,000 inhabitants (``demography.projection.example_population``).
No database is touched; the cache of the Basis run is
cleared before every repetition (worst case). Prints figures, asserts nothing. JSON keys: ``effects``, ``repeat``,
``p50_ms``, ``p95_ms``, ``max_ms``, ``first_ms`` (includes loading the engine's tables).
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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
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
    if args.format == "json":
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>8}: {value}")


if __name__ == "__main__":
    main()
