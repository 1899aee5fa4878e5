"""Benchmark the readers.

* default: a full Gemeinde-level age table (~11,000 regions × 17 groups × 2 sexes,
  Regionalstatistik 12411-02-03-5 layout, 12 MB latin-1) read into GroupedPopulation
  (target, issue 3: under 3 s);
* ``--register``: a register template CSV of ``--areas`` areas × 2 Stichtage × 101 ages
  (1,500 areas ≈ 12.7 MB; issue 21: a 10 MB register CSV took 45 s and 350 MB);
* ``--real FOLDER``: every CSV/XLSX under FOLDER (e.g. ../shared/data), one line each.

Run: ``python bench/read_table.py [--regions N] [--register [--areas N]] [--real DIR] [--json]``.
Times are wall-clock seconds (best of two for the synthetic table); memory is the peak of
Python allocations (tracemalloc) and the peak resident set size of the process.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from demography.synthetic import time_read_table


def write_register_csv(path: Path, n_areas: int, seed: int = 7) -> None:
    """Register template rows: area × 2 dates × ages 0 … 100+ (random counts)."""
    from demography.readers.register import COLUMNS

    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        f.write(";".join(COLUMNS) + "\n")
        for a in range(n_areas):
            for date in ("31.12.2023", "31.12.2024"):
                for age in range(101):
                    label = "100+" if age == 100 else str(age)
                    f.write(
                        f"Q{a:05d};Quartier {a};{date};{label};{rnd.randint(0, 60)};"
                        f"{rnd.randint(0, 60)};{rnd.randint(0, 1)}\n"
                    )


def time_register(n_areas: int) -> dict[str, float]:
    from demography.readers import read_table

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "melderegister.csv"
        write_register_csv(path, n_areas)
        gc.collect()
        start = time.perf_counter()
        table = read_table(path)
        seconds = time.perf_counter() - start
        gc.collect()
        tracemalloc.start()
        read_table(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {
            "seconds_register_csv": round(seconds, 2),
            "peak_mb": round(peak / 1e6, 1),
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, 1),
            "file_mb": round(path.stat().st_size / 1e6, 1),
            "lines": n_areas * 2 * 101 + 1,
            "values": table.n,
        }


def time_real(folder: Path) -> list[dict[str, object]]:
    from demography.readers import read_table

    out = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".csv", ".xlsx")):
        start = time.perf_counter()
        table = read_table(path)
        out.append(
            {
                "file": str(path.relative_to(folder)),
                "seconds": round(time.perf_counter() - start, 3),
                "values": table.n,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regions", type=int, default=11_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--register", action="store_true", help="Melderegister-CSV messen")
    parser.add_argument("--areas", type=int, default=1_500)
    parser.add_argument("--real", type=Path, help="alle Dateien eines Ordners einlesen")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.real:
        rows = time_real(args.real)
        if args.json:
            print(json.dumps(rows))
        else:
            for r in rows:
                print(f"{r['seconds']:8.3f} s {r['values']:>9,} values  {r['file']}")
            print(f"{sum(r['seconds'] for r in rows):8.3f} s total", file=sys.stderr)
        return
    if args.register:
        result = time_register(args.areas)
        if args.json:
            print(json.dumps(result))
        else:
            print(
                f"register CSV: {result['seconds_register_csv']:.2f} s for {result['lines']:,} "
                f"lines ({result['file_mb']} MB); peak {result['peak_mb']} MB (tracemalloc), "
                f"max RSS {result['max_rss_mb']} MB"
            )
        return
    result = time_read_table(n_regions=args.regions, seed=args.seed)
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"read_table: {result['seconds_read_table']:.2f} s for {result['rows']:,} lines / "
        f"{result['cells']:,} cells / {result['regions']:,} regions "
        f"({result['file_mb']} MB file); peak {result['peak_mb']} MB (tracemalloc); target < 3 s"
    )


if __name__ == "__main__":
    main()
