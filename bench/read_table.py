"""Benchmark: read a full Gemeinde-level age table (~11,000 regions × 17 groups × 2 sexes).

Target (issue 3): under 3 s. Run: ``python bench/read_table.py [--regions N] [--json]``.
The generator and timing live in :mod:`demography.synthetic` so that
``python -m demography bench`` can call :func:`demography.synthetic.time_read_table`.
"""

from __future__ import annotations

import argparse
import json

from demography.synthetic import time_read_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regions", type=int, default=11_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
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
