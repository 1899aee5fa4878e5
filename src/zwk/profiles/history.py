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
    return projections([own], version, store=True)[own.code]


def _run_key(own) -> tuple:
    """What :func:`_compute_land` reads of ``own`` besides its ages: Land, base year, the
    used changes and the basis of the base year. Gemeinden with the same key share one run."""
    base_year = own.age_years[-1]
    return own.code[:2], base_year, tuple(_changes(own)), (own.bases or {}).get(base_year, "")


def projections(owns, version: str, *, loaded: dict | None = None, store: bool = False) -> dict:
    """``{code: (ProjectionResult, HistoryInfo) or None}`` for the RegionData ``owns`` (bases
    labelled): for each the value :func:`projection` gives it alone. Cached or stored
    results first (the same cache keys), the rest in one engine run per Land, base year and
    span of used changes – one run for the Gemeinden of a Kreis or Land with the same
    history. ``loaded``: RegionData already loaded by ``analysis.load_regions``, reused as
    the Land's input. ``store``: cache and store the new results (the profile's Gemeinde;
    a Kreis page caches only its own overview, not ~25 KB per Gemeinde)."""
    out = {o.code: None for o in owns if o is not None}
    keys = {o.code: _cache_key(o.code, o.age_years[-1], version) for o in owns if eligible(o)}
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [o for o in owns if o is not None and o.code in keys]
    for o in missing:
        out[o.code] = found.get(keys[o.code])
    missing = [o for o in missing if out[o.code] is None]
    names = {o.code: f"history:{o.code}:{o.age_years[-1]}" for o in missing}
    stored = derived.load_many(list(names.values()), version) if missing else {}
    runs: dict[tuple, list] = {}
    for o in missing:
        if names[o.code] in stored:
            out[o.code] = stored[names[o.code]]
            if store:
                cache.set(keys[o.code], out[o.code], 3600)
        else:
            runs.setdefault(_run_key(o), []).append(o)
    for members in runs.values():
        results = _compute_land(members[0], [m.code for m in members], loaded)
        for m in members:
            out[m.code] = results.get(m.code, False)
            if store:
                derived.store(names[m.code], version, out[m.code])
                cache.set(keys[m.code], out[m.code], 3600)
    return {code: value or None for code, value in out.items()}


def _compute_land(own, wanted: list[str], loaded: dict | None = None) -> dict:
    """History projections of ``wanted`` (codes of one Land), computed over all Gemeinden
    of the Land; ``own`` gives the base year and the population bases. The regions enter in
    the order of their codes, whichever are wanted, so a Gemeinde's result does not depend on
    the run it was computed in. ``loaded``: RegionData already loaded (not loaded again)."""
    from demography.history_projection import GroupedStock, project_from_totals
    from zwk.profiles import analysis

    land = own.code[:2]
    codes = list(
        Region.objects.filter(level=Region.Level.GEMEINDE, code__startswith=land).values_list(
            "code", flat=True
        )
    )
    loaded = loaded or {}
    data = analysis.load_regions([c for c in codes if c not in loaded])
    data.update(loaded)
    base_year = own.age_years[-1]
    order = sorted(set(codes) | set(wanted))
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
    with bases labelled) with :func:`projections` (one engine run per Land, base year and
    span of changes); returns timings."""
    started = time.perf_counter()
    projections(own_list, version, loaded={own.code: own for own in own_list}, store=True)
    return {
        "history_regions": sum(1 for own in own_list if eligible(own)),
        "history_seconds": round(time.perf_counter() - started, 2),
    }
