"""Estimated current age structures ("Schätzung") and the population basis of stored years.

For a region whose newest stored total (e.g. Gemeindeverzeichnis 31.12.2023) is newer than
its newest official ages (e.g. 12411-02-03-5, 31.12.2015), the engine
(:func:`demography.estimate.estimate_ages`) carries the last age structure forward to the
year of the total. The estimate is computed when the statistics are loaded, never stored:
once official ages or the Kommune's Melderegister for that year (or a later one) are
imported, there is nothing left to estimate and the page shows the imported figures.
Every estimated year is listed in :attr:`RegionData.estimates` with method and bases, so
that the page labels it "Schätzung" wherever it is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from demography.estimate import estimate_ages
from demography.readers.basis import BASES
from zwk.profiles.models import PopulationStock, StatisticsRelease


@dataclass(frozen=True)
class EstimateNote:
    """What the page says about an estimated year."""

    year: int
    base_year: int
    total: float
    method: str
    base_basis: str  # plain German label of the basis of the base year's ages
    total_basis: str  # ... of the current total
    total_source: str  # table of the current total, e.g. "Gemeindeverzeichnis"

    @property
    def label(self) -> str:
        return (
            f"Schätzung für den 31.12.{self.year}: Altersaufbau vom 31.12.{self.base_year} "
            f"({self.base_basis or 'Basis unbekannt'}) fortgeschrieben und auf die amtliche "
            f"Einwohnerzahl {self.year} ({self.total_source}; "
            f"{self.total_basis or 'Basis unbekannt'}) hochgerechnet."
        )


def basis_key(release: StatisticsRelease | None, year: int) -> str:
    """Basis key of the stock of ``year`` of ``release`` (recorded at the import; for older
    imports the date rule of :mod:`demography.readers.basis`)."""
    if release is not None:
        recorded = (release.summary or {}).get("bases", {}).get(str(year))
        if recorded:
            return recorded
        if not release.is_official and release.summary:
            return "melderegister"
    if year <= 2010:
        return "vz1987"
    return "zensus2011" if year <= 2021 else ""


def basis_label(key: str) -> str:
    return BASES.get(key, "")


def _source(release: StatisticsRelease | None) -> str:
    if release is None:
        return ""
    if "gemeindeverzeichnis" in (release.summary or {}).get("layout", ""):
        return "Gemeindeverzeichnis"
    return release.table_code


def apply(data: dict) -> None:
    """Fill ``bases`` of every region and add the estimated ages where the newest total is
    newer than the newest ages (``RegionData`` from :func:`zwk.profiles.analysis.load_regions`);
    two queries whatever the number of regions."""
    if not data:
        return
    rows = PopulationStock.objects.filter(region__code__in=list(data), sex="total").values_list(
        "region__code", "year", "release_id"
    )
    release_of: dict[tuple[str, int], int] = {(c, y): r for c, y, r in rows}
    releases = StatisticsRelease.objects.in_bulk(set(release_of.values()))
    for code, rd in data.items():
        rd.bases = {y: basis_key(releases.get(release_of.get((code, y))), y) for y in rd.totals}
    for rd in data.values():
        if not rd.ages or not rd.totals:
            continue
        year, base_year = rd.years[-1], rd.age_years[-1]
        if year <= base_year:
            continue
        total = rd.totals[year]
        est = estimate_ages(rd.ages[base_year][None], base_year, year, np.array([total]))
        counts = est.counts[0]
        if not np.isfinite(counts).all():
            continue
        rd.ages[year] = counts
        release = releases.get(release_of.get((rd.code, year)))
        rd.estimates[year] = EstimateNote(
            year=year,
            base_year=base_year,
            total=total,
            method=est.method,
            base_basis=basis_label(rd.bases.get(base_year, "")),
            total_basis=basis_label(rd.bases.get(year, "")),
            total_source=_source(release),
        )
