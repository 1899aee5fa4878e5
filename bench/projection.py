"""Benchmark of the projection: ``python bench/projection.py [--format json]``.

Same measurements as ``python -m demography bench`` (see :mod:`demography.cli.bench`):
10,800 synthetic Gemeinden × 25 years, speedup against ``bench/reference_projection.py``
(extrapolated from a subset), one region with a changed scenario, peak memory.
"""

from __future__ import annotations

import argparse
import sys

from demography.cli import bench

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=bench.HELP)
    bench.add_arguments(parser)
    sys.exit(bench.run(parser.parse_args()))
