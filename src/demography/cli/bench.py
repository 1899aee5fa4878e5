"""``python -m demography bench [--format json]`` – timing figures of the engine.

Measures on synthetic Gemeinden (:func:`demography.projection.example_population`,
10,800 regions, 25 years, with regional fertility and mortality levels):

* ``seconds_all_regions`` – wall time of :func:`demography.projection.project` (scenario
  resolution, schedules and the vectorised kernel, single-year results kept), best of 5
  (the machine is shared: the best run is the least disturbed one);
* ``speedup_vs_reference`` – time of the pure-Python reference
  (``bench/reference_projection.py``) divided by ``seconds_all_regions``; the reference is
  run on a subset of regions and extrapolated linearly (its cost is strictly per region);
* ``seconds_history_all_regions`` – :func:`demography.history_projection.project_history`
  for the same regions from two grouped Stichtage five years apart (17 age groups as in
  12411-02-03-5-B): cohort-consistent split, residual migration with shrinkage, 25 years
  with single years kept; best of 3;
* ``ms_single_region`` – one region with a changed scenario (new TFR and e0 targets:
  schedules are rebuilt), median of 30 runs;
* ``seconds_read_table`` – reading a Gemeinde age table, from
  ``demography.synthetic.time_read_table`` (readers), if available;
* ``peak_mb`` – largest traced Python/numpy allocation peak (tracemalloc) of the
  projection and of the table read; both are reported separately too.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

HELP = "Laufzeit- und Speichermessung der Demografie-Engine."

REGIONS = 10_800
YEARS = 25
REFERENCE_REGIONS = 40


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--regions", type=int, default=REGIONS, help=argparse.SUPPRESS)
    parser.add_argument("--years", type=int, default=YEARS, help=argparse.SUPPRESS)
    parser.add_argument(
        "--reference-regions", type=int, default=REFERENCE_REGIONS, help=argparse.SUPPRESS
    )
    parser.add_argument("--skip-read", action="store_true", help=argparse.SUPPRESS)


def _load_reference() -> Any | None:
    path = Path(__file__).resolve().parents[3] / "bench" / "reference_projection.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("reference_projection", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.project_reference


def measure(
    regions: int = REGIONS,
    years: int = YEARS,
    reference_regions: int = REFERENCE_REGIONS,
    read_table: bool = True,
) -> dict[str, Any]:
    """Run all measurements and return the figures (keys as in DESIGN.md plus details)."""
    import numpy as np

    from demography.projection import example_population, project
    from demography.smallarea import LocalLevels

    notes: list[str] = []
    pop = example_population(regions, seed=0)
    rng = np.random.default_rng(1)
    levels = LocalLevels(
        fertility=rng.lognormal(0.0, 0.1, regions),
        mortality=rng.lognormal(0.0, 0.1, (regions, 2)),
    )
    project(pop.select(pop.codes[:50]), horizon=years)  # warm caches (e0 grid, imports)
    seconds_all, peak_projection = _time_all_regions(pop, years, levels)
    reference_seconds = _time_reference(pop, regions, years, levels, reference_regions, notes)
    speedup = None if reference_seconds is None else reference_seconds / seconds_all
    history = _time_history(pop, regions, years)
    single = _time_single_region(pop, years)
    read: dict[str, Any] = {}
    if read_table:
        try:
            from demography.synthetic import time_read_table
        except ImportError:
            notes.append("demography.synthetic.time_read_table fehlt: Lesezeit nicht gemessen")
        else:
            read = time_read_table()
    peak_read = read.get("peak_mb")
    return {
        "regions": regions,
        "years": years,
        "seconds_all_regions": round(seconds_all, 4),
        "speedup_vs_reference": None if speedup is None else round(speedup, 1),
        "ms_single_region": round(statistics.median(single) * 1000, 3),
        "seconds_history_all_regions": round(min(history), 4),
        "seconds_read_table": read.get("seconds_read_table"),
        "peak_mb": round(max(peak_projection, peak_read or 0.0), 1),
        "peak_mb_projection": round(peak_projection, 1),
        "peak_mb_read_table": peak_read,
        "reference_seconds_extrapolated": None
        if reference_seconds is None
        else round(reference_seconds, 2),
        "read_table": read or None,
        "notes": notes,
    }


def _time_all_regions(pop, years: int, levels) -> tuple[float, float]:
    """Best of five projections of all regions (seconds) and the peak memory of one (MB)."""
    from demography.projection import project

    timings = []
    for _ in range(5):
        gc.collect()
        start = time.perf_counter()
        result = project(pop, horizon=years, levels=levels)
        timings.append(time.perf_counter() - start)
        del result
    gc.collect()
    tracemalloc.start()
    result = project(pop, horizon=years, levels=levels)
    peak_projection = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    del result
    return min(timings), peak_projection


def _time_reference(
    pop, regions: int, years: int, levels, reference_regions: int, notes: list[str]
):
    """Seconds of the pure-Python reference, extrapolated to all regions (None without it);
    notes whether its results equal the engine's."""
    import numpy as np

    from demography.migration import region_weights
    from demography.projection import prepare, project_arrays

    reference = _load_reference()
    if reference is None:
        notes.append("bench/reference_projection.py nicht gefunden: kein Vergleich")
        return None
    n_ref = min(reference_regions, regions)
    sub = pop.select(pop.codes[:n_ref])
    _, sch = prepare(sub, horizon=years)
    weights = region_weights(sub.counts)
    args = (
        sub.counts.tolist(),
        sch.survival.tolist(),
        sch.birth_survival.tolist(),
        sch.asfr.tolist(),
        sch.boys_share,
        sch.net_migration.tolist(),
        sch.migration_profile.tolist(),
        weights.tolist(),
        levels.fertility[:n_ref].tolist(),
        levels.mortality[:n_ref].tolist(),
    )
    start = time.perf_counter()
    slow = reference(*args)
    reference_seconds = (time.perf_counter() - start) * regions / n_ref
    fast = project_arrays(
        sub.counts,
        sch,
        migration_weights=weights,
        fertility_level=levels.fertility[:n_ref],
        mortality_level=levels.mortality[:n_ref],
    )
    same = np.allclose(np.array(slow["counts"]), fast["counts"], rtol=1e-10, atol=1e-8)
    notes.append(
        f"Referenz (reines Python) an {n_ref} Regionen gemessen und linear auf {regions} "
        f"hochgerechnet; Ergebnisse identisch: {'ja' if same else 'NEIN'}"
    )
    return reference_seconds


def _time_history(pop, regions: int, years: int) -> list[float]:
    """Seconds of three projections from two grouped Stichtage of all regions."""
    from demography.history_projection import GroupedStock, group_sums, project_history
    from demography.projection import prepare, project_arrays

    lowers = (0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75)
    earlier = project_arrays(pop.counts, prepare(pop, horizon=5)[1])["counts"]
    stocks = [
        GroupedStock(pop.year, lowers, group_sums(earlier[0], lowers)),
        GroupedStock(pop.year + 5, lowers, group_sums(earlier[5], lowers)),
    ]
    codes = [f"08{i % 40:03d}{i:03d}" for i in range(regions)]
    history = []
    for _ in range(3):
        gc.collect()
        start = time.perf_counter()
        res, _fit = project_history(stocks, codes=codes, horizon=years)
        history.append(time.perf_counter() - start)
        del res, _fit
    return history


def _time_single_region(pop, years: int) -> list[float]:
    """Seconds of 30 projections of one region with a changed scenario."""
    from demography.projection import project

    one = pop.select([pop.codes[7]])
    changed = {"tfr": 1.6, "e0_male": 81.0, "e0_female": 85.5}
    project(one, horizon=years, scenario="hohe Zuwanderung", overrides=changed)
    single = []
    for _ in range(30):
        start = time.perf_counter()
        project(one, horizon=years, scenario="hohe Zuwanderung", overrides=changed)
        single.append(time.perf_counter() - start)
    return single


def run(args: argparse.Namespace) -> int:
    figures = measure(args.regions, args.years, args.reference_regions, not args.skip_read)
    if args.format == "json":
        json.dump(figures, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    f = figures
    lines = [
        f"Vorausberechnung {f['regions']} Regionen × {f['years']} Jahre: "
        f"{f['seconds_all_regions']:.3f} s",
        f"Beschleunigung gegenüber reinem Python: {f['speedup_vs_reference']}×",
        f"Eine Region mit geändertem Szenario: {f['ms_single_region']:.2f} ms",
        f"Vorausberechnung aus zwei Stichtagen (alle Regionen): "
        f"{f['seconds_history_all_regions']:.3f} s",
        f"Gemeindetabelle lesen: {f['seconds_read_table']} s",
        f"Speicherspitze: {f['peak_mb']} MB (Vorausberechnung {f['peak_mb_projection']} MB, "
        f"Tabelle {f['peak_mb_read_table']} MB)",
        *[f"Hinweis: {n}" for n in f["notes"]],
    ]
    print("\n".join(lines))
    return 0
