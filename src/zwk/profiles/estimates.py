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

from dataclasses import dataclass, replace

import numpy as np
from django.utils.translation import gettext as _

from demography.estimate import estimate_ages
from demography.readers.basis import BASES
from zwk.profiles.models import PopulationStock


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
        unknown = _("Basis unbekannt")
        return _(
            "Schätzung für den 31.12.%(year)s: Altersaufbau vom 31.12.%(base_year)s "
            "(%(base_basis)s) fortgeschrieben und auf die amtliche Einwohnerzahl %(year)s "
            "(%(source)s; %(total_basis)s) hochgerechnet."
        ) % {
            "year": self.year,
            "base_year": self.base_year,
            "base_basis": self.base_basis or unknown,
            "source": self.total_source,
            "total_basis": self.total_basis or unknown,
        }


@dataclass(frozen=True)
class _ReleaseInfo:
    """What the labels need of a release (read with the stock rows, no extra query)."""

    summary: dict
    table_code: str

    @property
    def is_official(self) -> bool:
        return self.summary.get("official", False)


def basis_key(release, year: int) -> str:
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


def _source(release) -> str:
    if release is None:
        return ""
    if "gemeindeverzeichnis" in (release.summary or {}).get("layout", ""):
        return _("Gemeindeverzeichnis")
    return release.table_code


def apply(data: dict) -> None:
    """Add the estimated ages where the newest total is newer than the newest ages
    (``RegionData`` from :func:`zwk.profiles.analysis.load_regions`); no query – the bases
    of the page's own region are added by :func:`label`. One engine call per pair of years
    for all regions; each region's estimate is the one it gets alone (the engine works row
    by row) – a Land's 1,100 Gemeinden in one call instead of 1,100 (0.2 s)."""
    groups: dict[tuple[int, int], list] = {}
    for rd in data.values():
        if not rd.ages or not rd.totals:
            continue
        year, base_year = rd.years[-1], rd.age_years[-1]
        if year > base_year:
            groups.setdefault((base_year, year), []).append(rd)
    for (base_year, year), group in groups.items():
        base = np.stack([rd.ages[base_year] for rd in group])
        totals = np.array([rd.totals[year] for rd in group])
        est = estimate_ages(base, base_year, year, totals)
        for rd, counts in zip(group, est.counts, strict=True):
            if not np.isfinite(counts).all():
                continue
            rd.ages[year] = counts.copy()
            rd.estimates[year] = EstimateNote(
                year, base_year, rd.totals[year], est.method, "", "", ""
            )


def label(rd) -> None:
    """Population basis of every year of ``rd`` and the bases and source of its estimates
    (one query: the releases of its total rows)."""
    if rd is None or not rd.totals:
        return
    found = PopulationStock.objects.filter(region__code=rd.code, sex="total").values_list(
        "year", "release__summary", "release__table_code"
    )
    releases = {year: _ReleaseInfo(summary or {}, code) for year, summary, code in found}
    rd.bases = {y: basis_key(releases.get(y), y) for y in rd.totals}
    for year, note in list(rd.estimates.items()):
        rd.estimates[year] = replace(
            note,
            base_basis=basis_label(rd.bases.get(note.base_year, "")),
            total_basis=basis_label(rd.bases.get(year, "")),
            total_source=_source(releases.get(year)),
        )
