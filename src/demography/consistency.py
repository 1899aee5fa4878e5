"""Aggregates and their Gemeinden agree: Kreis = sum of its Gemeinden, Land = sum of its Kreise.

Aussage
    On hierarchical input (Land, Regierungsbezirk, Kreis and Gemeinde rows in one file, as
    the Regionalstatistik tables have them) a projection gives one number per territory:
    the Kreis row shows, for every year, sex and age, the sum of its Gemeinden (and of the
    part of the Kreis the input does not list), the Land the sum of its Kreise.
Berechnung
    The members of an aggregate are the regions of the input whose key begins with its key
    (AGS prefix: Land 2 digits, Regierungsbezirk 3, Kreis 5, Gemeindeverband 7/9;
    ``DG``/``DE`` holds all), its *children* the members without another member in
    between. :func:`sum_to_aggregates` (``"sum"``, the default of the projections from
    history, bottom-up): deepest aggregates first, every array of the result
    (stocks by age, by sex, births, deaths, migration) of an aggregate becomes the sum of
    its children plus a *remainder*: the share ``q = (A₀ − Σ children₀) / A₀`` of the base
    total the children do not cover (a Gemeinde missing from a cut file, a secret cell),
    projected like the aggregate itself (``q ·`` its own projection). Where the children
    cover the aggregate (``|q|`` below :data:`EXACT`, e.g. every 12411-02-03-5-B file) the
    aggregate *is* the sum. :func:`rake_to_aggregates` (``"rake"``, top-down, kept for the
    comparison in bench/backtest_gemeinden.py): the children are scaled proportionally per
    projected year, sex and age (:func:`demography.smallarea.rake_to_control`) to the
    aggregate's own projection minus the remainder, the Kreise to the Land first (the base
    year stays as read: its split into single years differs between a Kreis row and its
    Gemeinden, raking it would move people between Gemeinden); their births and deaths
    stay, their migration becomes the stock change minus births plus deaths.
    Regions without a parent or child in the input are not touched (same arrays).
Quelle
    Bottom-up vs top-down consistency of small-area projections: Smith, S. K., Tayman, J.,
    Swanson, D. A. (2013): A Practitioner's Guide to State and Local Population
    Projections, ch. 10 (controlling to independent projections).
Einheit
    Persons.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

#: Share of an aggregate's base total below which the uncovered remainder is 0 (float
#: rounding of the sums, not a missing part): then the aggregate is exactly the sum.
EXACT = 1e-9
#: AGS prefix lengths of aggregates (Land, Regierungsbezirk, Kreis, Gemeindeverband).
PREFIX_LENGTHS = (1, 2, 3, 5, 7, 9)
TOP_CODES = ("DG", "DE")

#: Arrays of a :class:`~demography.projection.ProjectionResult` with a region axis 1.
STOCKS = ("counts", "group_counts", "by_sex")
COMPONENTS = ("births", "deaths", "net_migration", "unrealised_migration")


def parents(codes: Sequence[str]) -> np.ndarray:
    """Index of each region's nearest aggregate in the input (longest proper key prefix
    among the codes; ``DG``/``DE`` above all others), -1 without one."""
    out = np.full(len(codes), -1, dtype=np.intp)
    index = {c: i for i, c in enumerate(codes)}
    top = next((index[c] for c in TOP_CODES if c in index), -1)
    # prefix lengths some code of the input has (all Gemeinden: none, no lookups at all)
    lengths = sorted({len(c) for c in index if c.isdigit()} & set(PREFIX_LENGTHS), reverse=True)
    if not lengths and top < 0:
        return out
    for i, code in enumerate(codes):
        if code in TOP_CODES:
            continue
        if code.isdigit():
            for n in lengths:
                if n < len(code):
                    j = index.get(code[:n])
                    if j is not None:
                        out[i] = j
                        break
        if out[i] < 0 and top >= 0:
            out[i] = top
    return out


def _children(codes: Sequence[str]) -> dict[int, np.ndarray]:
    """Aggregate index → indices of its children, deepest aggregates first."""
    par = parents(codes)
    kids: dict[int, list[int]] = {}
    for i, p in enumerate(par):
        if p >= 0:
            kids.setdefault(int(p), []).append(i)

    def depth(i: int) -> int:
        d = 0
        while par[i] >= 0:
            i, d = int(par[i]), d + 1
        return d

    order = sorted(kids, key=depth, reverse=True)
    return {a: np.asarray(kids[a], dtype=np.intp) for a in order}


def _base_totals(result) -> np.ndarray:
    return np.asarray(result.by_sex[0], dtype=np.float64).sum(axis=-1)


def _remainder_share(own: float, covered: float) -> float:
    if not np.isfinite(own) or own <= 0 or not np.isfinite(covered):
        return 0.0
    q = (own - covered) / own
    return 0.0 if abs(q) < EXACT else q


def _levels(codes: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The aggregates by depth, deepest first: per depth ``(aggregates, children,
    starts)`` – the children of ``aggregates[k]`` are ``children[starts[k]:starts[k+1]]``."""
    par = parents(codes)
    if (par < 0).all():
        return []
    depth = np.zeros(len(codes), dtype=np.intp)
    for i in range(len(codes)):
        j = par[i]
        while j >= 0:
            depth[i] += 1
            j = par[j]
    child = np.flatnonzero(par >= 0)
    out = []
    for d in sorted(set(depth[par[child]].tolist()), reverse=True):
        kids = child[depth[par[child]] == d]
        kids = kids[np.argsort(par[kids], kind="stable")]
        aggs, starts = np.unique(par[kids], return_index=True)
        out.append((aggs, kids, starts))
    return out


def sum_to_aggregates(result, *, copy: bool = True):
    """``result`` with every aggregate the sum of its children plus the uncovered remainder
    (module docstring); the same object when the input has no hierarchy. ``copy=False``
    writes the aggregates' rows into the arrays of ``result`` (for a result nobody else
    holds: no copy of (years × regions × 2 × 101))."""
    levels = _levels(result.codes)
    if not levels:
        return result
    arrays = {
        name: (np.array if copy else np.asarray)(getattr(result, name), dtype=np.float64)
        for name in (*STOCKS, *COMPONENTS)
        if getattr(result, name) is not None
    }
    base = _base_totals(result)
    # an unknown child (NaN) is part of the remainder; the base of an aggregate stays its
    # own (Σ children + q · own = own), so every q follows from the base as read
    known = np.isfinite(base)
    notes = []
    for aggs, kids, starts in levels:
        covered = np.add.reduceat(np.where(known[kids], base[kids], 0.0), starts)
        with np.errstate(divide="ignore", invalid="ignore"):
            q = np.where(known[aggs] & (base[aggs] > 0), 1.0 - covered / base[aggs], 0.0)
        q = np.where(np.abs(q) < EXACT, 0.0, q)
        use = known[aggs] & (np.add.reduceat(known[kids].astype(int), starts) > 0)
        all_known = bool(known[kids].all())
        for arr in arrays.values():
            shape = (-1, *[1] * (arr.ndim - 2))
            qq, ok, kid_ok = q.reshape(shape), use.reshape(shape), known[kids].reshape(shape)
            for a in arr:  # one year at a time: no copy of all regions and years at once
                part = a[kids] if all_known else np.where(kid_ok, a[kids], 0.0)
                own = a[aggs]
                new = np.add.reduceat(part, starts, axis=0) + qq * np.nan_to_num(own)
                a[aggs] = np.where(ok, new, own)
        notes += [
            f"{result.codes[a]} ({100 * (1 - x):.1f} %)"
            for a, x, u in zip(aggs, q, use, strict=True)
            if u and x
        ]
    out = dataclasses.replace(result, **arrays)
    text = (
        "Übergeordnete Regionen (Kreis, Land) = Summe ihrer Gemeinden bzw. Kreise in jedem "
        "Jahr, Geschlecht und Alter."
    )
    if notes:
        text += (
            " Nicht ganz abgedeckt (Anteil der aufgeführten Gemeinden am Basisbestand; der "
            "Rest wie die eigene Vorausberechnung der Region): " + ", ".join(notes) + "."
        )
    out = dataclasses.replace(out, notes=(*result.notes, text))
    return out.with_intervals() if result.total_low is not None else out


def rake_to_aggregates(result):
    """Top-down: children scaled per year, sex and age to their aggregate's projection
    (minus the uncovered remainder), Kreise to the Land first (module docstring)."""
    from demography.smallarea import rake_to_control

    tree = _children(result.codes)
    if not tree:
        return result
    cell = "counts" if result.counts is not None else "group_counts"
    stock = np.array(getattr(result, cell), dtype=np.float64)
    base = _base_totals(result)
    for agg, kids in reversed(list(tree.items())):  # top first
        kids = kids[np.isfinite(base[kids])]
        if not np.isfinite(base[agg]) or kids.size == 0:
            continue
        q = _remainder_share(base[agg], float(base[kids].sum()))
        # the base year is data: only the projected years are raked
        scaled, _ = rake_to_control(stock[1:, kids], (1.0 - q) * stock[1:, agg], region_axis=1)
        stock[1:, kids] = scaled
    by_sex = stock.sum(axis=-1)
    changes = {
        cell: stock,
        "by_sex": by_sex,
        "net_migration": by_sex[1:] - by_sex[:-1] - result.births + result.deaths,
    }
    if cell == "counts":
        changes["group_counts"] = None
    out = dataclasses.replace(result, **changes)
    if cell == "counts" and result.group_counts is not None:
        out = dataclasses.replace(out, group_counts=out.groups.aggregate(stock))
    out = dataclasses.replace(
        out,
        notes=(
            *result.notes,
            "Gemeinden je Jahr, Geschlecht und Alter proportional auf die Vorausberechnung "
            "ihres Kreises (Kreise auf das Land) skaliert.",
        ),
    )
    return out.with_intervals() if result.total_low is not None else out


#: How aggregates and their children are made to agree: "sum" (bottom-up), "rake"
#: (top-down), "own" (each row projected on its own, no consistency).
MODES = ("sum", "rake", "own")


def make_consistent(result, mode: str = "sum"):
    """:func:`sum_to_aggregates`, :func:`rake_to_aggregates` or ``result`` (``"own"``); for
    a result just made (the sum writes into its arrays)."""
    if mode == "sum":
        return sum_to_aggregates(result, copy=False)
    if mode == "rake":
        return rake_to_aggregates(result)
    if mode == "own":
        return result
    raise ValueError(f"unbekannte Konsistenz „{mode}“ (erlaubt: {', '.join(MODES)})")
