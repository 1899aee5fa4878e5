"""Several files (or several Stichtage in one file) of the same regions → one history.

``read_history(paths) -> History`` reads every file with :func:`read_table` and sorts what
it finds into

* **stocks** (:class:`Stock`): population at a Stichtag, by region × sex × age group, with
  the population **basis** (:mod:`demography.readers.basis`) and the date as a decimal year;
* **flows** (:class:`Flow`): events of a calendar year – ``births``, ``deaths``, ``in`` and
  ``out`` (moves over the region's border), ``in_abroad``/``out_abroad`` (of which from/to
  abroad), ``net`` (Wanderungssaldo) – by region × sex × age group where the table has them.

All arrays are aligned to :attr:`History.codes` (the union of the regions of all files, in
order of first appearance); a region a file does not cover is NaN there, as is every
unknown cell (``.``). Region codes of Gemeinde tables are already AGS
(:mod:`demography.readers.gemeinden`). A table whose regions carry only names (StaLa-BW:
"Reilingen") is matched to the code of the same name in another file of the history.
A kreisfreie Stadt that one file lists only as Kreis ``KKKKK`` (Zensus 2011) and another
as Gemeinde ``KKKKK000`` gets the Kreis values as Gemeinde values too
(:func:`_same_territory`).

Bases are never mixed silently: each stock carries its ``basis``; :meth:`History.breaks`
lists the Stichtage where the basis changes (e.g. 31.12.2010 → 31.12.2011), and
:meth:`History.stock_totals` takes a ``basis`` to stay on one. Stocks of the same date and
basis but different age grids (e.g. totals from 12411-01-01-5 and 17 groups from
12411-02-03-5) are kept side by side.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

import numpy as np

from demography.agegroups import TOTAL, AgeGrid, GroupedPopulation
from demography.errors import DataError
from demography.readers.basis import basis_of
from demography.readers.table import Table

#: measure labels (lower case, prefix) -> flow kind
FLOW_KINDS = (
    ("lebendgeborene", "births"),
    ("geborene", "births"),
    ("gestorbene", "deaths"),
    ("sterbefälle", "deaths"),
    ("wanderungssaldo", "net"),
    ("saldo", "net"),
)
_TOTALS = ("Insgesamt", "total", "Deutschland", TOTAL)


def flow_kind(measure: object) -> str | None:
    """Kind of a flow measure (``births``, ``deaths``, ``in``, ``out``, ``in_abroad``,
    ``out_abroad``, ``net``) or ``None`` for stocks and other measures."""
    text = " ".join(str(measure).lower().split())
    abroad = "ausland" in text
    if text.startswith(("zuzüge", "zuzug")):
        return "in_abroad" if abroad else "in"
    if text.startswith(("fortzüge", "fortzug", "wegzug", "wegzüge")):
        return "out_abroad" if abroad else "out"
    for prefix, kind in FLOW_KINDS:
        if text.startswith(prefix):
            return kind
    return None


def decimal_year(iso: str) -> float:
    """ISO date as a decimal year where 31.12.Y is ``Y`` (09.05.2011 → 2010.353)."""
    d = Date.fromisoformat(iso)
    days = (Date(d.year, 12, 31) - Date(d.year - 1, 12, 31)).days
    return d.year - 1 + (d - Date(d.year - 1, 12, 31)).days / days


@dataclass(frozen=True)
class Stock:
    """Population at one Stichtag: ``population.counts`` is regions × sexes × groups,
    aligned to :attr:`History.codes` (NaN = not in the file or unknown)."""

    date: str
    time: float
    basis: str
    population: GroupedPopulation
    source: str

    @property
    def grid(self) -> AgeGrid:
        return self.population.grid

    @property
    def sexes(self) -> tuple[str, ...]:
        return self.population.sexes

    def totals(self) -> np.ndarray:
        """Persons per region (NaN where unknown)."""
        return self.population.counts.sum(axis=(1, 2))


@dataclass(frozen=True)
class Flow:
    """Events of one calendar year, regions × sexes × age groups (aligned, NaN = unknown)."""

    kind: str
    year: int
    grid: AgeGrid
    sexes: tuple[str, ...]
    counts: np.ndarray
    source: str

    def totals(self) -> np.ndarray:
        return self.counts.sum(axis=(1, 2))


@dataclass(frozen=True)
class History:
    """Stocks and flows of the same regions from one or several files (module docstring)."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    stocks: tuple[Stock, ...]
    flows: tuple[Flow, ...]
    notes: tuple[str, ...] = ()

    def index(self, code: str) -> int:
        return self.codes.index(code)

    def dates(self) -> list[str]:
        return sorted({s.date for s in self.stocks})

    def at_base(
        self, stocks: list[Stock], base: Stock
    ) -> tuple[np.ndarray, list[GroupedPopulation]]:
        """The regions of the ``base`` Stichtag (a totals file may list more, e.g. dissolved
        ones): their mask over :attr:`codes` and the populations of ``stocks`` cut to them."""
        import dataclasses

        keep = np.isfinite(base.population.counts).all(axis=(1, 2))
        codes = tuple(c for c, k in zip(self.codes, keep, strict=True) if k)
        names = tuple(n for n, k in zip(self.names, keep, strict=True) if k)
        pops = [
            dataclasses.replace(
                s.population, codes=codes, names=names, counts=s.population.counts[keep]
            )
            for s in stocks
        ]
        return keep, pops

    def stock_totals(self, basis: str | None = None) -> tuple[list[Stock], np.ndarray]:
        """One stock per date (the finest age grid) and the totals, dates × regions.

        With ``basis`` only stocks of that basis; without, all – then look at
        :meth:`breaks` before comparing levels."""
        chosen: dict[tuple[str, str], Stock] = {}
        for s in self.stocks:
            if basis is not None and s.basis != basis:
                continue
            key = (s.date, s.basis)
            if key not in chosen or s.grid.n > chosen[key].grid.n:
                chosen[key] = s
        stocks = sorted(chosen.values(), key=lambda s: (s.time, s.basis))
        totals = np.array([s.totals() for s in stocks]).reshape(len(stocks), len(self.codes))
        return stocks, totals

    def breaks(self) -> list[tuple[str, str, str]]:
        """``(date, basis before, basis from this date)`` where the basis changes."""
        out = []
        ordered = sorted({(s.time, s.date, s.basis) for s in self.stocks})
        for (_, _, before), (_, date, after) in itertools.pairwise(ordered):
            if before != after:
                out.append((date, before, after))
        return out

    def flow(self, kind: str, year: int) -> Flow | None:
        """The flow of ``kind`` in ``year`` with the finest age grid, if any."""
        found = [f for f in self.flows if f.kind == kind and f.year == year]
        return max(found, key=lambda f: f.grid.n) if found else None

    def flow_totals(self, kind: str) -> tuple[list[int], np.ndarray]:
        """Years and yearly totals (years × regions) of ``kind``."""
        years = sorted({f.year for f in self.flows if f.kind == kind})
        rows = [self.flow(kind, y).totals() for y in years]  # type: ignore[union-attr]
        return years, np.array(rows).reshape(len(years), len(self.codes))


# ------------------------------------------------------------------------- reading


def read_history(paths: Iterable[str | Path]) -> History:
    """Read the files and combine their stocks and flows (see module docstring)."""
    from demography.readers import read_table

    tables = [read_table(p) for p in paths]
    if not tables:
        raise DataError("", "Keine Datei angegeben.", "no file given.")
    return history_from_tables(tables)


def history_from_tables(tables: list[Table]) -> History:
    tables = _match_names_to_codes(tables)
    codes: dict[str, str] = {}
    for t in tables:
        for c in t.levels.get("region", ()):
            codes.setdefault(c, t.region_names.get(c, c).strip())
    order = tuple(codes)
    pos = {c: i for i, c in enumerate(order)}
    stocks: list[Stock] = []
    flows: list[Flow] = []
    notes: list[str] = []
    for t in tables:
        kinds = {flow_kind(m) for m in t.levels.get("measure", ("",))}
        if kinds - {None}:
            flows.extend(_flows(t, order, pos))
        elif "date" in t.levels:
            stocks.extend(_stocks(t, order, pos))
        else:
            notes.append(f"{Path(t.source).name}: weder Bestand noch Bewegung erkannt, ignoriert")
    same = _same_territory(order)
    if same:
        filled: set[str] = set()
        for counts in [s.population.counts for s in stocks] + [f.counts for f in flows]:
            filled |= _fill_same_territory(counts, same, order)
        if filled:
            notes.append(
                f"{len(filled)} kreisfreie Städte/Stadtstaaten, die eine Datei nur als Kreis "
                "oder Land führt, dort auch als Gemeinde (KKKKK000) übernommen"
            )
    history = History(
        codes=order,
        names=tuple(codes.values()),
        stocks=tuple(sorted(stocks, key=lambda s: (s.time, s.basis, s.grid.n))),
        flows=tuple(sorted(flows, key=lambda f: (f.kind, f.year))),
        notes=tuple(notes),
    )
    for date, before, after in history.breaks():
        notes.append(
            f"Bruch der Bevölkerungsbasis am {date}: {before} → {after} "
            "(Bestände davor und danach nicht direkt vergleichbar)"
        )
    return History(history.codes, history.names, history.stocks, history.flows, tuple(notes))


def _match_names_to_codes(tables: list[Table]) -> list[Table]:
    """Give name-only regions (StaLa-BW) the code of the same name in another table."""
    from dataclasses import replace

    by_name: dict[str, set[str]] = {}
    for t in tables:
        for c in t.levels.get("region", ()):
            if _is_code(c):
                by_name.setdefault(t.region_names.get(c, "").strip().lower(), set()).add(c)
    out = []
    for t in tables:
        regions = t.levels.get("region", ())
        mapped = []
        for c in regions:
            found = by_name.get(str(c).strip().lower(), set())
            mapped.append(next(iter(found)) if not _is_code(c) and len(found) == 1 else c)
        if tuple(mapped) != tuple(regions) and len(set(mapped)) == len(mapped):
            names = {m: t.region_names.get(c, c) for m, c in zip(mapped, regions, strict=True)}
            t = replace(t, levels={**t.levels, "region": tuple(mapped)}, region_names=names)
        out.append(t)
    return out


def _same_territory(codes: tuple[str, ...]) -> dict[int, tuple[list[int], list[int]]]:
    """Kreise (and Länder) that are one Gemeinde: region index → (indices of the codes
    that denote the same territory, indices of the other regions below it).

    Rule (docs/demography-projection.md, "Vorausberechnung aus mehreren Stichtagen"): a
    kreisfreie Stadt is listed by one table as Kreis ``KKKKK`` (Zensus 2011, 12111-02-01-5;
    Hamburg and Berlin only as Land ``02``/``11``) and by another as Gemeinde ``KKKKK000``
    (12411-02-03-5-B). Code ``C`` (2 or 5 digits) and ``C`` padded with zeros (``KKKKK000``;
    for a Land also the Kreis ``02000``) are the same territory when that 8-digit code is
    present and is the only Gemeinde below ``C`` among all the files' regions – the Gemeinde
    number 000 exists only for kreisfreie Städte, so a Landkreis never matches."""
    pos = {c: i for i, c in enumerate(codes)}
    below: dict[str, list[int]] = {}
    for i, c in enumerate(codes):
        if c.isdigit():
            for n in (2, 5):
                if len(c) > n:
                    below.setdefault(c[:n], []).append(i)
    out: dict[int, tuple[list[int], list[int]]] = {}
    for c, under in below.items():
        gemeinde = c.ljust(8, "0")
        if c not in pos or gemeinde not in pos:
            continue
        if [i for i in under if len(codes[i]) == 8] != [pos[gemeinde]]:
            continue
        padded = {c.ljust(n, "0") for n in (5, 8) if n > len(c)}
        same = [i for i in under if codes[i] in padded]
        out[pos[c]] = (same, [i for i in under if codes[i] not in padded])
    return out


def _fill_same_territory(
    counts: np.ndarray, same: dict[int, tuple[list[int], list[int]]], codes: tuple[str, ...]
) -> set[str]:
    """Copy a region's values (regions × sexes × groups, in place) to the codes of the same
    territory (:func:`_same_territory`) where this table has the region but neither them
    nor anything else below it (a Kreis with Gemeinden never gets aliased). A table that
    lists both ``KKKKK`` and ``KKKKK000`` is left as it is; the region hierarchy (a code
    contains the longer codes that start with it) counts the Kreis as the sum of its one
    Gemeinde, so nothing is counted twice. Returns the region codes that were copied."""
    known = ~np.isnan(counts).all(axis=tuple(range(1, counts.ndim)))
    done = set()
    for i, (aliases, others) in same.items():
        if not known[i] or known[aliases].any() or known[others].any():
            continue
        counts[aliases] = counts[i]
        done.add(codes[i])
    return done


def _is_code(code: object) -> bool:
    return isinstance(code, str) and (code == "DG" or code.isdigit())


def _fixed_and_summed(t: Table, keep: tuple[str, ...]) -> tuple[dict[str, object], list[str]]:
    """Other dimensions: fixed to their total level, or summed when they have none."""
    fixed: dict[str, object] = {}
    summed: list[str] = []
    for dim, levels in t.levels.items():
        if dim in keep or len(levels) == 1:
            continue
        total = next((lv for lv in levels if lv in _TOTALS), None)
        if total is not None:
            fixed[dim] = total
        else:
            summed.append(dim)
    return fixed, summed


def _sexes(t: Table) -> tuple[tuple[str, ...], list[object]]:
    """Sexes stored and the table levels they come from."""
    levels = t.levels.get("sex", ())
    if "male" in levels and "female" in levels:
        return ("male", "female"), ["male", "female"]
    if "total" in levels:
        return ("total",), ["total"]
    return ("total",), [None]


def _grid(t: Table, dim: str = "age") -> tuple[AgeGrid, list[object]]:
    """Age grid of the table and the levels per group (``[TOTAL]`` without ages)."""
    levels = t.levels.get(dim, ())
    groups = [a for a in levels if a is not None and a != TOTAL]
    if groups:
        try:
            grid = AgeGrid.from_intervals(set(groups))
        except ValueError:
            grid = None
        if grid is not None:
            return grid, list(grid.intervals)
    if TOTAL in levels:
        return AgeGrid((0,)), [TOTAL]
    if not levels:
        return AgeGrid((0,)), [None]
    raise DataError(
        t.source,
        "Die Altersgruppen decken nicht alle Alter lückenlos ab und es gibt keine Summe.",
        "the age groups do not tile all ages and there is no total.",
    )


def _block(
    t: Table, time_dim: str, when: object, extra: dict[str, object], order, pos
) -> tuple[np.ndarray, tuple[str, ...], AgeGrid]:
    """regions(aligned) × sexes × groups for one date/year (and measure)."""
    sexes, sex_levels = _sexes(t)
    grid, age_levels = _grid(t)
    keep = ("region", time_dim, "sex", "age", *extra)
    fixed, summed = _fixed_and_summed(t, keep)
    dims = (
        ["region"] + (["sex"] if "sex" in t.levels else []) + (["age"] if "age" in t.levels else [])
    )
    cube, lv = t.cube(tuple(dims + summed), **{time_dim: when}, **extra, **fixed)
    if summed:
        cube = cube.reshape(*cube.shape[: len(dims)], -1).sum(axis=-1)
    if "sex" not in t.levels:
        cube = cube[:, None]
    if "age" not in t.levels:
        cube = cube[..., None]
    sex_idx = [lv[1].index(s) for s in sex_levels] if "sex" in t.levels else [0]
    age_lv = lv[dims.index("age")] if "age" in t.levels else (None,)
    age_idx = [age_lv.index(a) for a in age_levels]
    block = cube[:, sex_idx][:, :, age_idx]
    out = np.full((len(order), len(sexes), grid.n), np.nan)
    rows = [pos[c] for c in lv[0]]
    out[rows] = block
    return out, sexes, grid


def _stocks(t: Table, order, pos) -> list[Stock]:
    out = []
    for date in t.levels["date"]:
        counts, sexes, grid = _block(t, "date", date, {}, order, pos)
        counts[np.all(counts == 0, axis=(1, 2))] = np.nan  # only '-': did not exist
        if np.all(np.isnan(counts)):
            continue
        basis = basis_of(t, str(date))
        pop = GroupedPopulation(
            codes=order,
            names=tuple(t.region_names.get(c, c) for c in order),
            year=int(str(date)[:4]),
            grid=grid,
            counts=counts,
            sexes=sexes,
            source=f"{t.code} ({Path(t.source).name})",
            notes=(f"Bevölkerungsbasis: {basis}",),
        )
        out.append(Stock(str(date), decimal_year(str(date)), basis, pop, Path(t.source).name))
    return out


def _flows(t: Table, order, pos) -> list[Flow]:
    if "year" not in t.levels:
        raise DataError(t.source, "Kein Berichtsjahr in der Tabelle.", "no year in the table.")
    out = []
    for measure in t.levels.get("measure", ("",)):
        kind = flow_kind(measure)
        if kind is None:
            continue
        extra = {"measure": measure} if "measure" in t.levels else {}
        for year in t.levels["year"]:
            counts, sexes, grid = _block(t, "year", year, extra, order, pos)
            if np.all(np.isnan(counts)):
                continue
            out.append(Flow(kind, int(year), grid, sexes, counts, Path(t.source).name))
    return out
