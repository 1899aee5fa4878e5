"""Synthetic Gemeinde-level age table in the real Regionalstatistik layout (benchmarks).

:func:`write_gemeinde_age_table` writes, deterministically from a seed, a file shaped
like Regionalstatistik table 12411-02-03-5 ("Bevölkerung nach Geschlecht und
Altersgruppen (17) – Gemeinden"): latin-1, ``;``, 7 header lines, per Gemeinde the 17
official age groups plus "Insgesamt", columns Insgesamt; männlich; weiblich, a quoted
multi-line footer. Totals add up exactly; a few cells carry ``-`` and ``.`` as in real
exports. :func:`time_read_table` times reading it into
:class:`~demography.agegroups.GroupedPopulation` objects.

The numbers are invented (lognormal sizes, a perturbed German age profile); they only
exercise the reader.
"""

from __future__ import annotations

import gc
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

GROUP_LABELS = (
    "unter 3 Jahre",
    "3 bis unter 6 Jahre",
    "6 bis unter 10 Jahre",
    "10 bis unter 15 Jahre",
    "15 bis unter 18 Jahre",
    "18 bis unter 20 Jahre",
    "20 bis unter 25 Jahre",
    "25 bis unter 30 Jahre",
    "30 bis unter 35 Jahre",
    "35 bis unter 40 Jahre",
    "40 bis unter 45 Jahre",
    "45 bis unter 50 Jahre",
    "50 bis unter 55 Jahre",
    "55 bis unter 60 Jahre",
    "60 bis unter 65 Jahre",
    "65 bis unter 75 Jahre",
    "75 Jahre und mehr",
)
# Germany 31.12.2021 by these groups (12411-0017, Deutschland), in thousands.
_PROFILE = np.array(
    [
        2369,
        2380,
        3098,
        3822,
        2299,
        1608,
        4244,
        4799,
        5503,
        5313,
        5124,
        4959,
        6602,
        6882,
        5929,
        9141,
        9165,
    ],
    dtype=np.float64,
)

HEADER = (
    "GENESIS-Tabelle: 12411-02-03-5\n"
    "Bevölkerung nach Geschlecht und Altersgruppen (17) - Stichtag;;;;;\n"
    "31.12. - regionale Tiefe: Gemeinden;;;;;\n"
    "Fortschreibung des Bevölkerungsstandes;;;;;\n"
    "Bevölkerungsstand (Anzahl);;;;;\n"
    "Stichtag: 31.12.2021;;;;;\n"
    ";;;Insgesamt;männlich;weiblich\n"
)
FOOTER = (
    "__________\n"
    '"zu ""gesamter Tabelle"":\n'
    "Synthetische Testdaten im Layout der Regionalstatistik.\n"
    '"\n'
    '"© Statistische Ämter des Bundes und der Länder, Deutschland, 2022.\n'
    "Dieses Werk ist lizenziert unter der Datenlizenz Deutschland\n"
    '- Namensnennung - Version 2.0."\n'
    "Stand: 01.01.2022 / 00:00:00\n"
)


def write_gemeinde_age_table(
    path: str | Path, *, n_regions: int = 11_000, seed: int = 2021
) -> dict[str, int]:
    """Write the synthetic table; returns counts of regions, data lines and value cells."""
    rng = np.random.default_rng(seed)
    size = np.maximum(50, rng.lognormal(mean=7.3, sigma=1.3, size=n_regions)).astype(np.int64)
    shares = rng.dirichlet(_PROFILE / _PROFILE.sum() * 400, size=n_regions)
    groups = np.stack([rng.multinomial(n, p) for n, p in zip(size, shares, strict=True)])
    male_share = np.clip(rng.normal(0.49, 0.02, size=groups.shape), 0.3, 0.7)
    male = rng.binomial(groups, male_share)
    female = groups - male
    n_groups = len(GROUP_LABELS)
    codes = [f"{1 + i % 16:02d}{(i * 7919) % 1000:03d}{i:03d}"[:8] for i in range(n_regions)]
    codes = [f"{int(c):08d}" for c in dict.fromkeys(codes)]
    while len(codes) < n_regions:  # deterministic fill-up should codes collide
        codes.append(f"{99_000_000 + len(codes):08d}")
    secret = rng.random(n_regions) < 0.002  # a few Gemeinden with all cells '.'
    lines: list[str] = []
    for i in range(n_regions):
        name = f"      Gemeinde {i + 1:05d}"
        prefix = f"{codes[i]};{name};"
        if secret[i]:
            lines.extend(f"{prefix}{label};.;.;." for label in (*GROUP_LABELS, "Insgesamt"))
            continue
        t, m, f = groups[i], male[i], female[i]
        for g in range(n_groups):
            cells = ["-" if v == 0 else str(v) for v in (t[g], m[g], f[g])]
            lines.append(f"{prefix}{GROUP_LABELS[g]};{cells[0]};{cells[1]};{cells[2]}")
        lines.append(f"{prefix}Insgesamt;{t.sum()};{m.sum()};{f.sum()}")
    text = HEADER + "\n".join(lines) + "\n" + FOOTER
    Path(path).write_bytes(text.encode("latin-1"))
    return {"regions": n_regions, "rows": len(lines), "cells": 3 * len(lines)}


def time_read_table(*, n_regions: int = 11_000, seed: int = 2021) -> dict[str, float]:
    """Generate the table in a temporary directory and time reading it.

    ``seconds_read_table`` is the wall time of :func:`demography.readers.read_table` plus
    conversion to :class:`GroupedPopulation` (best of two runs, without tracing);
    ``peak_mb`` the peak of Python allocations during one more traced run (tracemalloc).
    """
    from demography.readers import read_table, table_to_grouped

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "12411-02-03-5_gemeinden_synthetisch.csv"
        info = write_gemeinde_age_table(path, n_regions=n_regions, seed=seed)
        size_mb = path.stat().st_size / 1e6
        best = float("inf")
        for _ in range(2):
            gc.collect()
            start = time.perf_counter()
            grouped = table_to_grouped(read_table(path))
            best = min(best, time.perf_counter() - start)
        gc.collect()
        tracemalloc.start()
        table_to_grouped(read_table(path))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "seconds_read_table": round(best, 3),
        "peak_mb": round(peak / 1e6, 1),
        "rows": info["rows"],
        "regions": grouped[0].n_regions,
        "cells": info["cells"],
        "file_mb": round(size_mb, 1),
    }
