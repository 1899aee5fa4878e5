"""Benchmark of the projection: ``python bench/projection.py [--format json] [--runs N] [--full]``.

10,800 synthetic Gemeinden (:func:`demography.projection.example_population`) × 25 years by
single years of age, one scenario. The machine is shared, so every figure is given as
processor time (``time.process_time``: all threads of this process, user + system; less
dependent on other processes) and as wall time, each the minimum of ``--runs`` runs, with
the load average before and after:

* ``plain`` – :func:`demography.projection.project` (scenario, schedules, kernel, single
  years kept) – target 0.15 s;
* ``plain_groups`` – the same keeping only the age groups (``detail="groups"``);
* ``levels`` – with regional fertility and mortality levels (as ``python -m demography bench``);
* ``history`` – :func:`demography.history_projection.project_history` from two grouped
  Stichtage five years apart (17 groups of 12411-02-03-5-B) – target 1 s;
* ``output_floor`` – allocating and writing once the result array of the single years
  (26 × 10,800 × 2 × 101 float64, 454 MB): no projection keeping single years can be faster;
* ``blocked_vs_unblocked`` – largest relative difference between the cache-blocked kernel
  and one block over all regions (should be ≤ 1e-12);
* ``kernel_threads`` – the kernel alone (:func:`demography.projection.project_arrays`) on
  the default threads, with the processor time of each thread (``time.thread_time``,
  ``per_thread_cpu_s``) and on one thread (``kernel_one_thread``);
* ``quiet`` – whether the 1-minute load average stayed below 1.5 on these 2 cores: only
  then do the wall times (``wall_s``, ``wall_ratio``) show the targets; under load the
  processor times are the figures to read.

The lead's check on a quiet machine: ``python bench/projection.py --runs 7 --format json``
and read ``plain.wall_ratio`` and ``history.wall_ratio`` (< 1: target met) with ``quiet``.

``--full`` adds the figures of ``python -m demography bench`` (pure-Python reference,
one region, table reading).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np

from demography import kernel
from demography.projection import example_population, prepare, project, project_arrays
from demography.smallarea import LocalLevels

REGIONS, YEARS = 10_800, 25
TARGETS = {"plain": 0.15, "history": 1.0}


def _timed(fn, runs: int) -> dict[str, float]:
    cpu, wall = [], []
    for _ in range(runs):
        gc.collect()
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
        del result
    return {"cpu_s": round(min(cpu), 4), "wall_s": round(min(wall), 4)}


def _history_inputs(pop):
    from demography.history_projection import GroupedStock, group_sums

    lowers = (0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75)
    earlier = project_arrays(pop.counts, prepare(pop, horizon=5)[1])["counts"]
    stocks = [
        GroupedStock(pop.year, lowers, group_sums(earlier[0], lowers)),
        GroupedStock(pop.year + 5, lowers, group_sums(earlier[5], lowers)),
    ]
    return stocks, [f"08{i % 40:03d}{i:03d}" for i in range(len(pop.codes))]


def _blocked_vs_unblocked(pop) -> float:
    _, sch = prepare(pop, horizon=YEARS)
    blocked = project_arrays(pop.counts, sch, codes=pop.codes, threads=1)["counts"]
    saved = kernel.CACHE_BLOCK
    kernel.CACHE_BLOCK = len(pop.codes)
    try:
        whole = project_arrays(pop.counts, sch, codes=pop.codes, threads=1)["counts"]
    finally:
        kernel.CACHE_BLOCK = saved
    return float(np.max(np.abs(blocked - whole) / np.maximum(np.abs(whole), 1.0)))


def _per_thread(pop, runs: int) -> dict:
    """The kernel on its default threads and on one thread; processor time of each thread
    of the best default run (``time.thread_time`` inside the kernel's block loop)."""
    _, sch = prepare(pop, horizon=YEARS)
    spent: list[float] = []
    blocked = kernel._blocked

    def timed(*args, **kwargs):
        began = time.thread_time()
        try:
            return blocked(*args, **kwargs)
        finally:
            spent.append(time.thread_time() - began)

    best: list[float] = []
    kernel._blocked = timed
    try:
        for _ in range(runs):
            spent.clear()
            gc.collect()
            project_arrays(pop.counts, sch, codes=pop.codes)
            if not best or sum(spent) < sum(best):
                best = list(spent)
    finally:
        kernel._blocked = blocked
    figures = _timed(lambda: project_arrays(pop.counts, sch, codes=pop.codes), runs)
    figures["per_thread_cpu_s"] = [round(x, 4) for x in best]
    one = _timed(lambda: project_arrays(pop.counts, sch, codes=pop.codes, threads=1), runs)
    return {"kernel_threads": figures, "kernel_one_thread": one}


def measure(runs: int) -> dict:
    from demography.history_projection import project_history

    load_before = os.getloadavg()
    pop = example_population(REGIONS, seed=0)
    rng = np.random.default_rng(1)
    levels = LocalLevels(
        fertility=rng.lognormal(0.0, 0.1, REGIONS), mortality=rng.lognormal(0.0, 0.1, (REGIONS, 2))
    )
    project(pop.select(pop.codes[:50]), horizon=YEARS)  # warm caches (imports, e0 grids)
    stocks, codes = _history_inputs(pop)
    shape = (YEARS + 1, REGIONS, 2, 101)
    figures = {
        "regions": REGIONS,
        "years": YEARS,
        "cpus": os.cpu_count(),
        "plain": _timed(lambda: project(pop, horizon=YEARS), runs),
        "plain_groups": _timed(lambda: project(pop, horizon=YEARS, detail="groups"), runs),
        "levels": _timed(lambda: project(pop, horizon=YEARS, levels=levels), runs),
        "history": _timed(lambda: project_history(stocks, codes=codes, horizon=YEARS), runs),
        "output_floor": _timed(lambda: np.multiply(np.empty(shape), 0.0), runs),
        "blocked_vs_unblocked": _blocked_vs_unblocked(pop.select(pop.codes[:2000])),
        "cache_block": kernel.CACHE_BLOCK,
        **_per_thread(pop, runs),
    }
    for key, target in TARGETS.items():
        figures[key]["target_s"] = target
        figures[key]["cpu_ratio"] = round(figures[key]["cpu_s"] / target, 2)
        figures[key]["wall_ratio"] = round(figures[key]["wall_s"] / target, 2)
    figures["load_before"] = [round(x, 2) for x in load_before]
    figures["load_after"] = [round(x, 2) for x in os.getloadavg()]
    figures["quiet"] = max(figures["load_before"][0], figures["load_after"][0]) < 1.5
    return figures


def _text(f: dict) -> str:
    lines = [
        f"{f['regions']} Gemeinden × {f['years']} Jahre, Einzelalter, {f['cpus']} Kerne; "
        f"Last vorher {f['load_before']}, nachher {f['load_after']}",
        "Zeiten: Prozessorzeit (alle Threads) / Wanduhr, jeweils Minimum",
    ]
    names = {
        "plain": "einfache Vorausberechnung",
        "plain_groups": "einfache, nur Altersgruppen",
        "levels": "mit regionalen Niveaus",
        "history": "aus zwei Stichtagen",
        "output_floor": "nur Ergebnisfeld schreiben",
    }
    for key, name in names.items():
        v = f[key]
        line = f"  {name:30s} {v['cpu_s']:.3f} s / {v['wall_s']:.3f} s"
        if "target_s" in v:
            line += (
                f"   Ziel {v['target_s']:.2f} s: Verhältnis {v['cpu_ratio']:.2f} (Prozessor), "
                f"{v['wall_ratio']:.2f} (Wanduhr)"
            )
        lines.append(line)
    k, one = f["kernel_threads"], f["kernel_one_thread"]
    lines.append(
        f"  {'nur Kern, Standard-Threads':30s} {k['cpu_s']:.3f} s / {k['wall_s']:.3f} s   "
        f"je Thread {', '.join(f'{x:.3f}' for x in k['per_thread_cpu_s'])} s"
    )
    lines.append(f"  {'nur Kern, ein Thread':30s} {one['cpu_s']:.3f} s / {one['wall_s']:.3f} s")
    lines.append(
        f"Blöcke zu {f['cache_block']} Regionen gegen einen Block: größte relative "
        f"Abweichung {f['blocked_vs_unblocked']:.1e}"
    )
    lines.append(
        "ruhige Lage (Last < 1,5): Wanduhr zeigt die Ziele"
        if f["quiet"]
        else "Last ≥ 1,5: nur die Prozessorzeiten sind belastbar, die Wanduhr nicht"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--full", action="store_true", help="auch python -m demography bench")
    args = parser.parse_args()
    result = measure(args.runs)
    if args.full:
        from demography.cli import bench

        result["demography_bench"] = bench.measure()
    if args.format == "json":
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(_text(result))
        if args.full:
            print(json.dumps(result["demography_bench"], ensure_ascii=False))
