"""Age profile of migration from a migration table (Zu- und Fortzüge nach Altersgruppen).

Aussage
    For the regions a migration table covers (Kreise: 12711-02-02-4, Gemeinden:
    12711-01-03-5-B; any table with Zuzüge and Fortzüge by age group and sex), *who*
    moves – by age and sex – comes from the table instead of the common rate of the
    history projection, which is the same for all ages. *How many* move on balance – the
    level – stays the engine's (history, shrinkage towards Kreis and Land, damping,
    "Bestand bleibt" for the input as a whole) in the first projection year exactly, and
    so does the region's own damped deviation from the input (with its age pattern where
    two Stichtage give one).
Berechnung (regions covered by the table; ages ``a ≥ first_age``; ``P`` the stock the
rates of the first year apply to: the base stock one year older, survivors)
    1. Per sex and table group: in-rate ``i = Zuzüge / P`` and out-rate ``o = Fortzüge /
       P``, each shrunk towards the Kreis and the Land like the history rates
       (:func:`demography.history_shrink.shrink_columns`, no persistence factor) – one year
       of a small Gemeinde is noisy. Single ages get the rate of their group.
    2. Turnover ``g(a) = (i + o)(a) / mean`` (mean 1 over the region's persons): where a
       change of the level falls – on those who move often. Table level
       ``t̄ = Σ P (i − o) / Σ P``.
    3. The engine's yearly net rate is ``c(a) + s(t) · d(a)``: the common rate ``c`` of the
       input (with the default trend weight 0 the same for all ages: the rate that keeps
       the input as a whole at its base total) and the region's damped deviation ``d``.
       With the table the region gets **Zuzüge as persons** ``γ · i(a) · P(a)`` every
       year, and the rate ``(c̄ − γ t̄) · g(a) − γ · o(a) + s(t) · d(a)`` (``c̄`` the
       common rate averaged over the region's persons). In the first year the net is the
       engine's ``Σ P (c̄ + s d)``, only distributed over the ages as the table says; later
       the Zuzüge stay as they are and the Fortzüge follow the stock. ``γ = 1``
       (``shape_weight``; 0 = only the turnover ``g`` spreads the engine's level).
       Regions not in the table: unchanged, value for value.
    Why Zuzüge as persons: students come to a university town from elsewhere, not in
    proportion to the town's own 17-year-olds. As rates on the local stock (tried first),
    the table's zero-sum profile lost people year after year where the ages are uneven:
    Konstanz 5 years 2.77 % MAPE instead of 1.39 % ("constant"); as persons 0.55 %.
    Zuzüge and Fortzüge of a Kreis count moves over *Gemeinde* borders, including moves
    between Gemeinden of the same Kreis; in and out by the same amount, they only raise
    the turnover.
    Measured (bench/backtest_gemeinden.py --migration-table net|turnover):
    docs/demography-projection.md, "Wanderungstabellen".
Quelle
    Regionalstatistik 12711-02-02-4 / 12711-01-03-5-B (Wanderungsstatistik); shrinkage:
    Clayton & Kaldor (1987); in-migration as counts, out-migration as rates: Smith,
    Tayman & Swanson (2013), A Practitioner's Guide to State and Local Population
    Projections, ch. 7.
Einheit
    Rates per person and year; Zuzüge in persons per year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from demography.core import N_AGES
from demography.errors import DataError
from demography.history_shrink import leaves, region_hierarchy, shrink_columns


@dataclass(frozen=True)
class MigrationTable:
    """Zuzüge and Fortzüge of one year by region × sex × age group (``sexes`` 1 or 2).

    ``shape_weight`` γ: how the projection uses it – 1 Zuzüge, Fortzüge and turnover
    (CLI ``--migration-profile net``, the default), 0 only the turnover, which spreads
    the engine's common level over the ages (``--migration-profile turnover``)."""

    codes: tuple[str, ...]
    lowers: tuple[int, ...]
    year: int
    inflow: np.ndarray  # (R, S, G)
    outflow: np.ndarray  # (R, S, G)
    source: str = ""
    shape_weight: float = 1.0


@dataclass(frozen=True)
class MigrationProfile:
    """Per region of a projection input: the table's shape and turnover weights."""

    covered: np.ndarray  # (R,) bool
    shape: np.ndarray  # (R, 2, 101) rate part of the profile: −γ (o(a) + t̄ g(a))
    turnover: np.ndarray  # (R, 2, 101) g(a), mean 1 over the region's persons
    first_age: int
    year: int
    source: str
    net: bool = True  # the net profile is used (shape_weight > 0)
    inflow: np.ndarray | None = None  # (R, 2, 101) Zuzüge per year (persons), if as counts
    survival: np.ndarray | None = None  # (2, 101) first-year survival used for the exposure


def table_from_history(history) -> MigrationTable | None:
    """The migration table of a :class:`~demography.readers.history.History`: the latest
    year with both Zuzüge (``in``) and Fortzüge (``out``) by age group; None without any.

    Raises :class:`DataError` for a table with Zuzüge but no Fortzüge (or the reverse),
    without age groups, or with different age groups for Zuzüge and Fortzüge."""
    ins = {f.year: f for f in history.flows if f.kind == "in"}
    outs = {f.year: f for f in history.flows if f.kind == "out"}
    if not ins and not outs:
        return None
    source = next(iter((ins or outs).values())).source
    years = sorted(set(ins) & set(outs))
    if not years:
        have = "Zuzüge" if ins else "Fortzüge"
        lack = "Fortzüge" if ins else "Zuzüge"
        raise DataError(
            source,
            f"Die Wanderungstabelle enthält {have}, aber keine {lack} desselben Jahres; "
            "das Altersprofil der Wanderung braucht beide.",
            f"the migration table has {'in' if ins else 'out'}-moves but no "
            f"{'out' if ins else 'in'}-moves of the same year; the age profile needs both.",
        )
    year = years[-1]
    fin, fout = ins[year], outs[year]
    if fin.grid.n < 2 or fout.grid.n < 2:
        raise DataError(
            fin.source,
            "Die Wanderungstabelle hat keine Altersgruppen (nur Summen); für das "
            "Altersprofil der Wanderung werden Zu- und Fortzüge nach Alter gebraucht.",
            "the migration table has no age groups (totals only).",
        )
    if tuple(fin.grid.lowers) != tuple(fout.grid.lowers) or fin.sexes != fout.sexes:
        raise DataError(
            fin.source,
            "Zu- und Fortzüge der Wanderungstabelle haben verschiedene Altersgruppen "
            "oder Geschlechter.",
            "in- and out-moves of the migration table have different age groups or sexes.",
            found=f"{tuple(fin.grid.lowers)} / {tuple(fout.grid.lowers)}",
        )
    ok = np.isfinite(fin.counts).all(axis=(1, 2)) & np.isfinite(fout.counts).all(axis=(1, 2))
    codes = tuple(c for c, k in zip(history.codes, ok, strict=True) if k)
    return MigrationTable(
        codes=codes,
        lowers=tuple(int(x) for x in fin.grid.lowers),
        year=int(year),
        inflow=np.asarray(fin.counts[ok], dtype=np.float64),
        outflow=np.asarray(fout.counts[ok], dtype=np.float64),
        source=fin.source,
    )


def aged_one_year(base: np.ndarray, survival: np.ndarray | None = None) -> np.ndarray:
    """The stock (R, 2, 101) one year older, as the kernel applies migration rates to it
    (age at the end of the year, survivors with ``survival`` (2, 101) when given; age 0
    keeps the base's age 0 as a stand-in for the newborn). Rates that sum to zero over *this* stock add nothing to the total in the
    first year; over the base stock they would not where the ages are uneven (a
    university town has few 17- and many 24-year-olds: a step at 18 and 25 would lose
    people every year)."""
    alive = base if survival is None else base * np.asarray(survival)[None]
    out = np.empty_like(base)
    out[..., 1:] = alive[..., :-1]
    out[..., 100] += alive[..., 100]
    out[..., 0] = base[..., 0]
    return out


def _group_index(lowers: Sequence[int]) -> np.ndarray:
    """Table group of each single age 0 … 100."""
    return np.searchsorted(np.asarray(lowers), np.arange(N_AGES), side="right") - 1


def migration_profile(
    table: MigrationTable,
    codes: Sequence[str],
    base: np.ndarray,
    first_age: int = 0,
    survival: np.ndarray | None = None,
) -> MigrationProfile:
    """The table's profile for the regions ``codes`` with base stock ``base`` (R, 2, 101)
    (module docstring, steps 1–2). Raises :class:`DataError` when the table covers none
    of the regions or its ages do not start at 0. ``survival`` (2, 101): survival ratios
    of the first projection year, so that the exposure is the stock the rates apply to."""
    if not table.lowers or table.lowers[0] != 0:
        raise DataError(
            table.source,
            "Die Altersgruppen der Wanderungstabelle beginnen nicht bei 0.",
            "the age groups of the migration table do not start at 0.",
            found=str(table.lowers),
        )
    base = np.nan_to_num(np.asarray(base, dtype=np.float64))
    pos = {c: i for i, c in enumerate(table.codes)}
    rows = np.array([pos.get(c, -1) for c in codes])
    covered = (rows >= 0) & (base.sum(axis=(1, 2)) > 0)
    if not covered.any():
        raise DataError(
            table.source,
            "Die Wanderungstabelle enthält keine der Regionen des Bevölkerungsstands "
            "(andere Regionsschlüssel oder andere Ebene, z. B. Gemeinden statt Kreise).",
            "the migration table holds none of the regions of the population stock.",
            found=", ".join(list(table.codes)[:3]),
            expected_de="Schlüssel wie " + ", ".join(list(codes)[:3]),
            expected_en="codes like " + ", ".join(list(codes)[:3]),
        )
    cc = [c for c, k in zip(codes, covered, strict=True) if k]
    sub = aged_one_year(base[covered], survival)
    idx = _group_index(table.lowers)
    n_groups = len(table.lowers)
    exposure = np.zeros((len(cc), 2, n_groups))
    for g in range(n_groups):
        exposure[..., g] = sub[..., idx == g].sum(axis=-1)
    inflow = table.inflow[rows[covered]]
    outflow = table.outflow[rows[covered]]
    if inflow.shape[1] == 1:  # no sexes in the table: one rate for both
        exposure = exposure.sum(axis=1, keepdims=True)
    hierarchy, leaf = region_hierarchy(cc), leaves(cc)
    n_cols = exposure.shape[1] * n_groups
    x = exposure.reshape(len(cc), n_cols)
    rate_in, _, _ = shrink_columns(inflow.reshape(len(cc), n_cols), x, hierarchy, leaf)
    rate_out, _, _ = shrink_columns(outflow.reshape(len(cc), n_cols), x, hierarchy, leaf)
    rate_in = np.broadcast_to(rate_in.reshape(len(cc), -1, n_groups)[..., idx], sub.shape)
    rate_out = np.broadcast_to(rate_out.reshape(len(cc), -1, n_groups)[..., idx], sub.shape)
    gross = rate_in + rate_out
    free = np.arange(N_AGES) >= first_age
    w = np.where(free, sub, 0.0)
    mass = w.sum(axis=(1, 2))
    g_mean = (w * gross).sum(axis=(1, 2)) / np.maximum(mass, 1e-12)
    # no moves at all in the table (after shrinkage): the level stays evenly spread
    moving = (g_mean > 0)[:, None, None]
    turnover_c = np.where(
        free & moving, gross / np.where(g_mean > 0, g_mean, 1.0)[:, None, None], 1.0
    )
    t_mean = (w * (rate_in - rate_out)).sum(axis=(1, 2)) / np.maximum(mass, 1e-12)
    gamma = float(table.shape_weight)
    shape = np.zeros(base.shape)
    turnover = np.ones(base.shape)
    # Zuzüge as persons per year (they come from elsewhere, not in proportion to the local
    # stock of their age), Fortzüge as rates: in the first year the net is the table's
    # profile with the level 0, to which apply_profile adds the engine's level
    shape[covered] = gamma * np.where(free, -rate_out - t_mean[:, None, None] * turnover_c, 0.0)
    inflow_counts = np.zeros(base.shape)
    inflow_counts[covered] = gamma * np.where(free, rate_in * sub, 0.0)
    turnover[covered] = turnover_c
    return MigrationProfile(
        covered=covered,
        shape=shape,
        turnover=turnover,
        first_age=int(first_age),
        year=table.year,
        source=table.source,
        net=table.shape_weight > 0,
        inflow=inflow_counts if gamma else None,
        survival=None if survival is None else np.asarray(survival, dtype=np.float64),
    )


def apply_profile(common: np.ndarray, base: np.ndarray, profile: MigrationProfile) -> np.ndarray:
    """The common net migration rate (in-migration positive) per region (R, 2, 101) with
    the table's profile for the covered regions (module docstring, step 3).

    ``common`` (2, 101) or (R, 2, 101): the engine's rate without the region's deviation.
    Rows of regions not covered are the engine's own, value for value."""
    base = np.nan_to_num(np.asarray(base, dtype=np.float64))
    c = np.array(np.broadcast_to(np.asarray(common, dtype=np.float64), base.shape))
    cov = profile.covered
    if not cov.any():
        return c
    free = np.arange(N_AGES) >= profile.first_age
    w = np.where(free, aged_one_year(base[cov], profile.survival), 0.0)
    mass = np.maximum(w.sum(axis=(1, 2)), 1e-12)[:, None, None]
    level = (w * c[cov]).sum(axis=(1, 2))[:, None, None] / mass
    c[cov] = np.where(free, level * profile.turnover[cov] + profile.shape[cov], c[cov])
    return c


def profile_note(profile: MigrationProfile) -> str:
    from pathlib import Path

    return (
        f"Altersprofil der Wanderung aus der Wanderungstabelle {Path(profile.source).name} "
        f"({profile.year}) für {int(profile.covered.sum())} Regionen – "
        + ("Zuzüge, Fortzüge und Umzugshäufigkeit" if profile.net else "nur Umzugshäufigkeit")
        + " nach Alter; Saldo im ersten Jahr wie ohne Tabelle; übrige Regionen wie bisher."
    )
