"""Reads of the Kommunalprofil for other apps and pages.

``indicator_comparison`` is the interface the Situationsanalyse (SWOT suggestions), the
Werkzeugkoffer (recommendations) and the Austausch (related Kommunen) build on.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from demography.indicators import REGISTRY
from zwk.profiles import analysis
from zwk.profiles.models import Movement, PopulationStock, Region, StatisticsRelease
from zwk.profiles.regions import reference_codes, region_code_for


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a Kommune with its reference levels (None where unknown).

    ``key`` is the demography engine's registry key (e.g. ``old_age_dependency_ratio``);
    ``name``/``unit``/``definition`` come from the engine's registry; ``trend`` is the change
    against the previous available year in the indicator's unit.

    Reference values are taken for ``year`` or, where a reference has no value for that
    year, for its latest earlier year (then ``kreis_year``/``land_year``/``bund_year`` say
    which). ``peers`` is the mean over the nearest peer Kommunen (engine typology).
    """

    key: str
    name: str
    unit: str
    definition: str
    year: int
    value: float | None
    trend: float | None = None
    kreis: float | None = None
    land: float | None = None
    bund: float | None = None
    peers: float | None = None
    source: str = ""
    previous_year: int | None = None
    kreis_year: int | None = None
    land_year: int | None = None
    bund_year: int | None = None
    size_class: float | None = None  # mean over Kommunen of the same type and size class


@dataclass
class Comparison:
    """Everything the profile page compares: the Kommune, its references and peers."""

    own: analysis.RegionData | None
    refs: dict[str, analysis.RegionData]
    peers: list  # demography.typology.Peer
    peer_data: list[analysis.RegionData]
    rows: list[IndicatorRow]
    typology: analysis.TypologyData | None
    size_label: str = ""  # e.g. "Mittelstädte mit 20.000 bis 100.000 Einwohnern"
    size_data: list[analysis.RegionData] | None = None


def comparison(municipality, *, with_peers: bool = True) -> Comparison:
    """Load the Kommune's statistics with references and peers (constant query count)."""
    own_code = region_code_for(municipality)
    refs = reference_codes(municipality)
    typology = analysis.typology_data() if with_peers else None
    peers = analysis.peers_of(typology, own_code)
    codes = [own_code, *refs.values(), *(p.code for p in peers)]
    data = analysis.load_regions([c for c in codes if c])
    own = data.get(own_code) if own_code else None
    ref_data = {role: data[code] for role, code in refs.items() if code in data}
    peer_data = [data[p.code] for p in peers if p.code in data]
    size_label, size_codes = analysis.size_class_members(own) if own else ("", [])
    size_data = [rd for rd in analysis.load_regions(size_codes).values() if rd.ages]
    rows = _rows(own, ref_data, peer_data, size_data)
    return Comparison(own, ref_data, peers, peer_data, rows, typology, size_label, size_data)


def _mean_at(series_list, key: str, year: int) -> float | None:
    values = [analysis.value_at(s, key, year)[0] for s in series_list]
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _rows(own, refs, peer_data, size_data=()) -> list[IndicatorRow]:
    if own is None or not own.has_data:
        return []
    series = analysis.indicator_series(own)
    ref_series = {role: analysis.indicator_series(rd) for role, rd in refs.items()}
    peer_series = [analysis.indicator_series(rd) for rd in peer_data]
    size_series = [analysis.indicator_series(rd) for rd in size_data]
    rows = []
    for key in analysis.PROFILE_KEYS:
        value, year = analysis.value_at(series, key, max(series))
        if value is None:
            continue
        prev_value, prev_year = analysis.value_at(series, key, year - 1)
        trend = value - prev_value if prev_value is not None else None
        ref_values = {}
        for role in ("kreis", "land", "bund"):
            if role in ref_series:
                ref_values[role] = analysis.value_at(ref_series[role], key, year)
            else:
                ref_values[role] = (None, None)
        meta = REGISTRY[key]
        rows.append(
            IndicatorRow(
                key=key,
                name=meta.name_de,
                unit=meta.unit,
                definition=meta.definition_de,
                year=year,
                value=value,
                trend=trend,
                kreis=ref_values["kreis"][0],
                land=ref_values["land"][0],
                bund=ref_values["bund"][0],
                peers=_mean_at(peer_series, key, year),
                source=meta.source,
                previous_year=prev_year,
                kreis_year=ref_values["kreis"][1],
                land_year=ref_values["land"][1],
                bund_year=ref_values["bund"][1],
                size_class=_mean_at(size_series, key, year),
            )
        )
    return rows


def indicator_comparison(municipality) -> list[IndicatorRow]:
    """Latest indicators of ``municipality`` with Kreis/Land/Bund/peer levels; [] without data.

    Values come from the demography engine applied to the statistics imported into the
    platform (``manage.py import_statistics`` or the upload form of the Kommunalprofil).
    """
    return comparison(municipality).rows


# Driving indicators of a Demografietyp → the plain labels that toolbox entries carry.
TYPE_LABELS = {
    "old_age_dependency_ratio": ("alternd", None),
    "mean_age": ("alternd", "jung"),
    "share_80_plus": ("alternd", None),
    "share_under_18": ("jung", None),
    "population_change_pct": ("wachsend", "schrumpfend"),
    "projected_change_pct": ("wachsend", "schrumpfend"),
    "log10_population": (None, "ländlich"),
}


@dataclass(frozen=True)
class DemographicTypeInfo:
    """The Kommune's Demografietyp: engine name and plain labels (``alternd``, ``jung``, …)."""

    name: str
    labels: frozenset[str]


def demographic_type(municipality) -> DemographicTypeInfo | None:
    """The Demografietyp of ``municipality`` (None without single-year statistics).

    Labels come from the type's driving indicators with |z| ≥ 0.5 (the same threshold the
    engine uses to name types), so that other apps can match them against their own tags.
    """
    code = region_code_for(municipality)
    data = analysis.typology_data()
    if data is None or code is None or code not in data.typology.codes:
        return None
    kind = data.typology.type_of(code)
    labels = set()
    for driver in kind.drivers:
        high, low = TYPE_LABELS.get(driver.key, (None, None))
        label = high if driver.z >= 0.5 else low if driver.z <= -0.5 else None
        if label:
            labels.add(label)
    return DemographicTypeInfo(name=kind.name, labels=frozenset(labels))


def region_point(kind: str, ags: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a Kommune from the Gemeinden of the imported
    Gemeindeverzeichnis: its own point, a Quartier its city's, a Landkreis the mean of its
    Gemeinden's points. None if the Gemeindeverzeichnis has not been imported."""
    located = Region.objects.filter(
        level=Region.Level.GEMEINDE, longitude__isnull=False, latitude__isnull=False
    )
    if kind == "landkreis":
        agg = located.filter(code__startswith=ags[:5]).aggregate(
            lon=Avg("longitude"), lat=Avg("latitude"), n=Count("id")
        )
        return (agg["lon"], agg["lat"]) if agg["n"] else None
    row = located.filter(code=ags).values_list("longitude", "latitude").first()
    return (row[0], row[1]) if row else None


def releases_of(municipality):
    """Data deliveries the Kommune's profile rests on: values of its own region and its
    references (Kreis, Land, Deutschland), and files imported from its import page."""
    own = region_code_for(municipality)
    codes = [c for c in (own, *reference_codes(municipality).values()) if c]
    stocks = PopulationStock.objects.filter(region__code__in=codes).values("release")
    moves = Movement.objects.filter(region__code__in=codes).values("release")
    return StatisticsRelease.objects.filter(
        Q(pk__in=stocks) | Q(pk__in=moves) | Q(jobs__municipality=municipality)
    ).distinct()


def release_size(release) -> tuple[int, int]:
    """(values, regions) a release brought – what withdrawing it removes."""
    stocks = PopulationStock.objects.filter(release=release)
    moves = Movement.objects.filter(release=release)
    regions = set(stocks.values_list("region_id", flat=True))
    regions |= set(moves.values_list("region_id", flat=True))
    return stocks.count() + moves.count(), len(regions)


def has_population_data(municipality) -> bool:
    """Step result of the Kommunalprofil: population figures of the Kommune's own region."""
    code = region_code_for(municipality)
    return bool(code) and PopulationStock.objects.filter(region__code=code).exists()
