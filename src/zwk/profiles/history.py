"""The profile's base projection from the official history of a real Gemeinde.

Part of the engine's door (:mod:`zwk.profiles.analysis`): arranges the stored statistics
of all Gemeinden of the own Land as arrays and asks the engine
(:func:`demography.history_projection.project_from_totals`) for the projection. The engine
estimates each Gemeinde's net migration from the change of its totals minus births plus
deaths (only changes within one population basis), shrinks it towards the Kreis and the
Land (that is why the whole Land is the input) and takes local fertility and mortality
levels from the Gemeinde's births and deaths. The result carries the empirical interval of
the engine's backtests (``total_low``/``total_high``), shown as the band ("Spanne").

Start: the own region's newest age structure – the labelled estimate ("Schätzung") of the
current year or official/register ages. Other Gemeinden of the Land enter with their
newest ages up to that year; only the own region's result is kept. Results are cached per
data version and, for the Gemeinden of the platform, stored when the statistics change
(:func:`zwk.profiles.derived.refresh`), so a profile page does not wait for the Land.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
from django.core.cache import cache
from django.utils.translation import gettext as _

from zwk.profiles import derived
from zwk.profiles.models import Region

#: Shortest history of totals (consecutive year pairs within one basis) the method needs.
MIN_CHANGES = 2


@dataclass(frozen=True)
class HistoryInfo:
    """What the page says about the history projection (method, basis, Stichtag)."""

    base_year: int
    estimated: bool
    change_years: tuple[int, ...]  # years y whose change y → y+1 was used
    basis: str  # plain German label of the base population's basis
    regions: int  # Gemeinden of the Land in the input
    land: str

    @property
    def span(self) -> str:
        """The years of the used changes, e.g. "2008–2010 und 2011–2015" (a break of the
        population basis between 2010 and 2011 is left out)."""
        parts, start = [], None
        for y in self.change_years:
            if start is None:
                start = prev = y
            elif y != prev + 1:
                parts.append(f"{start}–{prev + 1}")
                start = y
            prev = y
        if start is not None:
            parts.append(f"{start}–{prev + 1}")
        return _(" und ").join(parts)

    @property
    def label(self) -> str:
        stichtag = f"31.12.{self.base_year}" + (" " + _("(Schätzung)") if self.estimated else "")
        return _(
            "Vorausberechnung aus der amtlichen Entwicklung der Gemeinde: Wanderung aus der "
            "Veränderung der Einwohnerzahl %(span)s abzüglich Geburten und zuzüglich "
            "Sterbefällen, zum Kreis und zum Land hin ausgeglichen (%(n)s Gemeinden des "
            "Landes); Geburten- und Sterbeniveau aus den gemeldeten Geburten und "
            "Sterbefällen. Ausgangsbestand %(stichtag)s, Bevölkerungsbasis: %(basis)s."
        ) % {
            "span": self.span,
            "n": self.regions,
            "stichtag": stichtag,
            "basis": self.basis or _("Basis unbekannt"),
        }


def eligible(own) -> bool:
    """A real Gemeinde (8-digit AGS) with ages and at least :data:`MIN_CHANGES` yearly
    changes of its totals within one population basis."""
    if own is None or not own.ages or not own.code.isdigit() or len(own.code) != 8:
        return False
    return len(_changes(own)) >= MIN_CHANGES


def _changes(own) -> list[int]:
    base_year = own.age_years[-1]
    bases = own.bases or {}
    return [
        y
        for y in own.years
        if y + 1 in own.totals and y + 1 <= base_year and bases.get(y) == bases.get(y + 1)
    ]


def _cache_key(code: str, base_year: int, version: str) -> str:
    return f"profiles:history:{code}:{base_year}:{version}"


def projection(own, version: str):
    """``(ProjectionResult of the own region, HistoryInfo)`` or None (no history)."""
    if not eligible(own):
        return None
    base_year = own.age_years[-1]
    key = _cache_key(own.code, base_year, version)
    found = cache.get(key)
    if found is None:
        found = derived.load(f"history:{own.code}:{base_year}", version)
    if found is None:
        found = _compute_land(own, [own.code]).get(own.code, False)
        derived.store(f"history:{own.code}:{base_year}", version, found)
    cache.set(key, found, 3600)
    return found or None


def _compute_land(own, wanted: list[str]) -> dict:
    """History projections of ``wanted`` (codes of one Land), computed over all Gemeinden
    of the Land; ``own`` gives the base year and the population bases."""
    from demography.history_projection import GroupedStock, project_from_totals
    from zwk.profiles import analysis

    land = own.code[:2]
    codes = list(
        Region.objects.filter(level=Region.Level.GEMEINDE, code__startswith=land).values_list(
            "code", flat=True
        )
    )
    data = analysis.load_regions(codes)
    base_year = own.age_years[-1]
    order = list(dict.fromkeys([*wanted, *codes]))
    rows, stocks = [], []
    for code in order:
        rd = data.get(code)
        if code == own.code:
            rd = own  # with its bases and estimate labels
        years = [y for y in (rd.age_years if rd else []) if y <= base_year]
        if not years:
            continue
        rows.append(rd)
        stocks.append(rd.ages[years[-1]])
    if not rows:
        return {}
    changes = _changes(own)
    years = sorted(set(changes) | {y + 1 for y in changes})
    totals = {y: np.array([rd.totals.get(y, np.nan) for rd in rows]) for y in years}
    flows = {}
    for kind in ("births", "deaths"):
        got = {
            y: np.array([rd.movements.get(y, {}).get(kind, np.nan) for rd in rows])
            for y in years[1:]
        }
        if any(np.isfinite(v).any() for v in got.values()):
            flows[kind] = got
    skip = frozenset(y for y in years if y not in changes)
    result, _levels = project_from_totals(
        GroupedStock(float(base_year), tuple(range(101)), np.stack(stocks)),
        codes=[rd.code for rd in rows],
        names=[rd.name for rd in rows],
        horizon=analysis.HORIZON,
        totals=totals,
        births=flows.get("births"),
        deaths=flows.get("deaths"),
        skip_changes=skip,
        base_year=base_year,
    )
    from zwk.profiles.estimates import basis_label

    out = {}
    index = {rd.code: i for i, rd in enumerate(rows)}
    for code in wanted:
        if code not in index:
            continue
        i = index[code]
        rd = rows[i]
        info = HistoryInfo(
            base_year=base_year,
            estimated=base_year in rd.estimates,
            change_years=tuple(changes),
            basis=basis_label((own.bases or {}).get(base_year, "")),
            regions=len(rows),
            land=land,
        )
        out[rd.code] = (_one_region(result, i), info)
    return out


def _one_region(result, i: int):
    """The projection of region ``i`` alone (the engine's arrays sliced on the region axis)."""
    sl = slice(i, i + 1)

    def cut(a, axis=1):
        return None if a is None else np.ascontiguousarray(np.take(a, range(i, i + 1), axis))

    return replace(
        result,
        codes=result.codes[sl],
        names=result.names[sl],
        counts=cut(result.counts),
        group_counts=cut(result.group_counts),
        by_sex=cut(result.by_sex),
        births=cut(result.births),
        deaths=cut(result.deaths),
        net_migration=cut(result.net_migration),
        unrealised_migration=cut(result.unrealised_migration),
        total_low=cut(result.total_low),
        total_high=cut(result.total_high),
    )


def precompute(own_list, version: str) -> dict:
    """Store the history projections of the platform's Gemeinden ``own_list`` (RegionData
    with bases labelled), one engine run per Land and base year; returns timings."""
    started = time.perf_counter()
    groups: dict[tuple[str, int], list] = {}
    for own in own_list:
        if eligible(own):
            groups.setdefault((own.code[:2], own.age_years[-1]), []).append(own)
    stored = 0
    for (_land, base_year), members in groups.items():
        results = _compute_land(members[0], [m.code for m in members])
        for m in members:
            value = results.get(m.code, False)
            derived.store(f"history:{m.code}:{base_year}", version, value)
            cache.set(_cache_key(m.code, base_year, version), value, 3600)
            stored += 1
    return {"history_regions": stored, "history_seconds": round(time.perf_counter() - started, 2)}
