"""Demo statistics for the Kommunalprofil (fictional Kommunen, real reference levels).

The demo Kommunen have fictional AGS (ending in 999), so their populations are generated:
seeded single-year stocks by sex for 2012–2021 shaped by the Kommune's type (a young
Stadt, an ageing Gemeinde …). Land, Bund and real Kreis values come from the real Destatis
tables in ``../shared/data`` when that folder exists (12411-0013 Länder, 12411-04-02-4
Kreise); without it the profiles show no reference levels.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from zwk.profiles.models import PopulationStock, Region, StatisticsRelease
from zwk.profiles.regions import region_code_for
from zwk.profiles.services import ImportRefused, profile_set_register_area, statistics_import

ORDER = 10
YEARS = range(2012, 2022)
REAL_FILES = (
    "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv",
    "regio_12411-04-02-4_kreise_altersjahre_2020.csv",
)
# slug -> (population, ageing tilt per year of age, yearly growth)
SHAPES = {
    "musterstadt": (48_000, -0.004, 0.004),
    "beispielhausen": (6_200, 0.008, -0.006),
    "landkreis-musterland": (128_000, 0.006, -0.003),
    "musterberg-altstadt-nord": (14_500, -0.008, 0.006),
    "seedorf-am-wald": (2_900, 0.012, -0.009),
    "talstadt": (21_000, 0.005, -0.004),
}


def _shared_data() -> Path:
    env = os.environ.get("ZWK_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[4].parent / "shared" / "data"


def _pyramid(size: float, tilt: float, rng) -> np.ndarray:
    ages = np.arange(101, dtype=float)
    base = np.exp(-((np.maximum(ages - 62.0, 0.0) / 21.0) ** 3))
    base *= 0.85 + 0.35 * np.exp(-(((ages - 58.0) / 8.0) ** 2))  # baby boomers
    base *= np.exp(tilt * (ages - 45.0))
    base *= rng.lognormal(0, 0.04, 101)
    base /= base.sum()
    female = np.clip(0.5 + 0.09 * (ages - 60.0) / 40.0, 0.48, 0.72)
    return np.round(np.stack([size * base * (1 - female), size * base * female]))


def build(*, municipalities, users, stdout) -> None:
    data = _shared_data()
    for name in REAL_FILES:
        path = data / name
        if path.exists():
            try:
                statistics_import(path=path)
            except ImportRefused as exc:  # pragma: no cover - real files are valid
                stdout.write(f"  Demo-Statistik: {exc.message}")
        else:
            stdout.write(f"  Demo-Statistik: {name} nicht gefunden – ohne Vergleichswerte.")
    office = users.get("geschaeftsstelle")
    release, created = StatisticsRelease.objects.get_or_create(
        sha256="demo-kommunalprofil-v1",
        defaults={
            "table_code": "Demodaten",
            "title": "Erfundene Bevölkerung der Demo-Kommunen (Melderegister-Format)",
            "file_name": "demo",
            "imported_by": office,
            "summary": {"official": False, "notes": ["Erfundene Demodaten"]},
        },
    )
    if not created:
        return
    for slug, (size, tilt, growth) in SHAPES.items():
        m = municipalities.get(slug)
        if m is None:
            continue
        if m.kind == "quartier":
            profile_set_register_area(municipality=m, area="ANO", by=office)
        code = region_code_for(m)
        region, _ = Region.objects.get_or_create(
            code=code,
            defaults={
                "name": m.name,
                "level": "gebiet"
                if m.kind == "quartier"
                else ("kreis" if m.kind == "landkreis" else "gemeinde"),
            },
        )
        rng = np.random.default_rng(sum(map(ord, slug)))
        stocks = []
        for i, year in enumerate(YEARS):
            counts = _pyramid(size * (1 + growth) ** i, tilt + 0.0004 * i, rng)
            for s, sex in enumerate(("male", "female")):
                stocks.append(
                    PopulationStock(
                        region=region,
                        year=year,
                        sex=sex,
                        total=float(counts[s].sum()),
                        ages=counts[s].tolist(),
                        release=release,
                    )
                )
            both = counts.sum(axis=0)
            stocks.append(
                PopulationStock(
                    region=region,
                    year=year,
                    sex="total",
                    total=float(both.sum()),
                    ages=both.tolist(),
                    release=release,
                )
            )
        PopulationStock.objects.bulk_create(stocks)
    stdout.write("  Kommunalprofil: Demo-Statistik angelegt.")
