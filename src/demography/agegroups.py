"""Age intervals and age groupings of official statistics, and how to ungroup them.

Every age label used by Destatis, the Regionalstatistik or a municipal register is turned
into a half-open interval ``[lower, upper)`` of *completed* years (``upper=None`` = open,
"… und mehr"). Accepted labels (case-insensitive, spaces and "Jahr/Jahre/Jahren" optional):

==============================  =================  ==============================
label                           interval           note
==============================  =================  ==============================
``unter 1 Jahr``                [0, 1)
``unter 3 Jahre``               [0, 3)
``1-Jährige``, ``1 Jahr``, ``1``  [1, 2)
``3 bis unter 6 Jahre``         [3, 6)             half-open as written
``6 bis 9 Jahre``, ``6-9``      [6, 10)            *inclusive* upper bound
``6- bis 9-Jährige``            [6, 10)            inclusive upper bound
``75 Jahre und mehr``           [75, ∞)            also "und älter", "ab 75", "75+"
``90 und mehr``                 [90, ∞)
``Insgesamt``                   [0, ∞)             total over all ages
``Alter unbekannt``             ``None``           unknown age
==============================  =================  ==============================

Ungrouping (:func:`ungroup`) turns counts by age group into single years 0 … 99 and 100+
and always preserves every group sum (up to floating-point rounding, ~1e-12 relative):

* ``"monotone"`` (default): the cumulative count ``F(x)`` (persons younger than ``x``) is
  known exactly at each group boundary. It is interpolated by a monotone piecewise-cubic
  Hermite spline (PCHIP, Fritsch & Carlson 1980) and single-year counts are the
  differences ``F(x+1) − F(x)``. Because the interpolant passes through every boundary,
  group sums are preserved; because it is monotone, no count is negative; single-year
  groups are returned unchanged. This is a smooth, mass-preserving alternative to
  Sprague/Beers multipliers that also works for unequal group widths.
* ``"proportional"``: within each group, persons are distributed in proportion to a
  reference single-year structure (e.g. the Land or Germany), the method Destatis and
  city statistics offices use when a reliable reference exists. Groups whose reference
  sum is zero fall back to an even split.
* ``"uniform"``: piecewise-constant (even split within each closed group).

The **open last group** ``[a, ∞)`` (e.g. "90 Jahre und mehr" or "75 Jahre und mehr") is
spread over ages ``a … 99`` and ``100+`` as ``n(x) = c·r^(x−a)·l(x)/l(a)``: ``l`` is the
survivorship of a fixed Gompertz mortality ``μ(x) = 0.055·e^(0.11·(x−80))`` (close to
the German life table 2019/21, both sexes), ``r`` a cohort-size factor (bisection in
[0.3, 2]) chosen so that the first year continues the density of the closed groups just
below (monotone spline end slope), and ``c`` so that the group sum is preserved exactly.
In ``"proportional"`` mode the reference structure is used for the open group too when
it has persons there. Single years inside an open group are model estimates; sums over
``[a, ∞)`` and over any union of the original groups remain
exact, so e.g. the share of persons aged 80+ is exact when 80 is a group boundary.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from demography.core import MAX_AGE, N_AGES, Population


@dataclass(frozen=True, order=True)
class AgeInterval:
    """Half-open interval ``[lower, upper)`` of completed years; ``upper=None`` is open."""

    lower: int
    upper: int | None

    def __post_init__(self) -> None:
        if self.lower < 0 or (self.upper is not None and self.upper <= self.lower):
            raise ValueError(f"invalid age interval [{self.lower}, {self.upper})")

    @property
    def is_total(self) -> bool:
        return self.lower == 0 and self.upper is None

    @property
    def width(self) -> int | None:
        return None if self.upper is None else self.upper - self.lower

    def label_de(self) -> str:
        """The label in the wording of the Regionalstatistik."""
        if self.is_total:
            return "Insgesamt"
        if self.upper is None:
            return f"{self.lower} Jahre und mehr"
        if self.lower == 0:
            return f"unter {self.upper} Jahr{'' if self.upper == 1 else 'e'}"
        if self.upper == self.lower + 1:
            return f"{self.lower}-Jährige"
        return f"{self.lower} bis unter {self.upper} Jahre"

    def __str__(self) -> str:
        return f"[{self.lower}, {'∞' if self.upper is None else self.upper})"


TOTAL = AgeInterval(0, None)

_TOTAL_WORDS = {"insgesamt", "alle altersgruppen", "alle altersjahre", "zusammen", "gesamt"}
_UNKNOWN_WORDS = {"alter unbekannt", "unbekannt", "ohne angabe", "unbekanntes alter"}
_Y = r"(?:\s*(?:jahren|jahre|jahr|j\.))?"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"unter\s*(\d+){_Y}"), "under"),
    (re.compile(rf"(\d+){_Y}\s*bis\s*unter\s*(\d+){_Y}"), "half_open"),
    (re.compile(rf"(\d+)-?{_Y}\s*bis\s*(?:zu\s*)?(\d+)(?:-?jährige)?{_Y}"), "inclusive"),
    (re.compile(rf"(\d+)\s*[-–]\s*(\d+){_Y}(?:\s*-?jährige)?"), "inclusive"),
    (re.compile(rf"(\d+){_Y}\s*(?:und|u\.)\s*(?:mehr|älter|darüber|ä\.)"), "open"),
    (re.compile(rf"ab\s*(\d+){_Y}"), "open"),
    (re.compile(r"(\d+)\s*\+"), "open"),
    (re.compile(rf"(\d+)\s*-?\s*jährige{_Y}"), "single"),
    (re.compile(rf"(\d+){_Y}"), "single"),
]


def parse_age_label(label: str) -> AgeInterval | None:
    """Parse an official age label into an :class:`AgeInterval`.

    Returns ``None`` for "Alter unbekannt"; raises ``ValueError`` for anything else that
    is not an age label. See the module docstring for the accepted forms.
    """
    text = " ".join(label.replace("\u00a0", " ").split()).lower()
    text = text.replace("jaehrige", "jährige").replace("aelter", "älter")
    if text in _TOTAL_WORDS:
        return TOTAL
    if text in _UNKNOWN_WORDS:
        return None
    for pattern, kind in _PATTERNS:
        m = pattern.fullmatch(text)
        if not m:
            continue
        a = int(m.group(1))
        if kind == "under":
            return AgeInterval(0, a)
        if kind == "half_open":
            return AgeInterval(a, int(m.group(2)))
        if kind == "inclusive":
            return AgeInterval(a, int(m.group(2)) + 1)
        if kind == "open":
            return AgeInterval(a, None)
        return AgeInterval(a, a + 1)
    raise ValueError(f"not an age label: {label!r}")


class AgeBoundsError(ValueError):
    """An age bound that does not coincide with a group boundary of the data."""


@dataclass(frozen=True)
class AgeGrid:
    """A complete partition of ages into groups: ``[lowers[i], lowers[i+1])`` and the open
    last group ``[lowers[-1], ∞)``. ``lowers`` starts at 0 and increases strictly."""

    lowers: tuple[int, ...]

    def __post_init__(self) -> None:
        lw = tuple(int(x) for x in self.lowers)
        if not lw or lw[0] != 0 or any(b <= a for a, b in itertools.pairwise(lw)):
            raise ValueError(f"age groups must start at 0 and increase strictly: {lw}")
        object.__setattr__(self, "lowers", lw)

    @classmethod
    def from_intervals(cls, intervals: Iterable[AgeInterval]) -> AgeGrid:
        """Grid from intervals that tile ``[0, ∞)`` without gaps or overlaps (any order)."""
        items = sorted(i for i in intervals if not i.is_total)
        if not items:
            raise ValueError("no age groups")
        for a, b in itertools.pairwise(items):
            if a.upper != b.lower:
                raise ValueError(f"age groups {a} and {b} leave a gap or overlap")
        if items[0].lower != 0 or items[-1].upper is not None:
            raise ValueError("age groups must start at 0 and end with an open group")
        return cls(tuple(i.lower for i in items))

    @property
    def n(self) -> int:
        return len(self.lowers)

    @property
    def intervals(self) -> tuple[AgeInterval, ...]:
        uppers = (*self.lowers[1:], None)
        return tuple(AgeInterval(a, b) for a, b in zip(self.lowers, uppers, strict=True))

    @property
    def is_single_years(self) -> bool:
        return self.lowers == SINGLE_YEARS.lowers

    def group_slice(self, lo: int, hi: int | None = None) -> slice:
        """Groups covering exactly ``[lo, hi)`` (``hi=None``: to the end).

        Raises :class:`AgeBoundsError` when a bound falls inside a group, because a sum
        over a partial group cannot be computed exactly.
        """
        try:
            start = self.lowers.index(lo)
        except ValueError:
            raise AgeBoundsError(f"age {lo} is not a group boundary of {self.lowers}") from None
        if hi is None:
            return slice(start, self.n)
        try:
            stop = self.lowers.index(hi)
        except ValueError:
            raise AgeBoundsError(f"age {hi} is not a group boundary of {self.lowers}") from None
        return slice(start, stop)

    def midpoints(self, open_width: float = 10.0) -> np.ndarray:
        """Interval midpoints in exact years (``lower + width/2``); the open group is
        assumed ``open_width`` years wide (default 10: "90 und mehr" → 95)."""
        lw = np.asarray(self.lowers, dtype=np.float64)
        widths = np.append(np.diff(lw), open_width)
        return lw + widths / 2.0


SINGLE_YEARS = AgeGrid(tuple(range(N_AGES)))


def sum_ages(counts: np.ndarray, grid: AgeGrid, lo: int, hi: int | None = None) -> np.ndarray:
    """Sum of ``counts`` (last axis = groups of ``grid``) over ages ``[lo, hi)``."""
    return np.asarray(counts)[..., grid.group_slice(lo, hi)].sum(axis=-1)


def regroup(counts: np.ndarray, grid: AgeGrid, target: AgeGrid) -> np.ndarray:
    """Aggregate counts from ``grid`` into the coarser ``target`` grid (exact sums).

    Raises :class:`AgeBoundsError` if a target boundary is not a boundary of ``grid``.
    """
    counts = np.asarray(counts, dtype=np.float64)
    uppers = (*target.lowers[1:], None)
    parts = [sum_ages(counts, grid, lo, hi) for lo, hi in zip(target.lowers, uppers, strict=True)]
    return np.stack(parts, axis=-1)


# --------------------------------------------------------------------------- ungrouping


def _pchip_slopes(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Fritsch–Carlson monotone slopes for knots ``x`` (K+1,) and values ``y`` (..., K+1)."""
    h = np.diff(x)
    delta = np.diff(y, axis=-1) / h
    d = np.zeros_like(y)
    if len(h) == 1:
        d[..., 0] = d[..., 1] = delta[..., 0]
        return d
    w1 = 2 * h[1:] + h[:-1]
    w2 = h[1:] + 2 * h[:-1]
    dl, dr = delta[..., :-1], delta[..., 1:]
    same_sign = (dl * dr) > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        harmonic = (w1 + w2) / (w1 / dl + w2 / dr)
    d[..., 1:-1] = np.where(same_sign, harmonic, 0.0)

    def edge(h0: float, h1: float, d0: np.ndarray, d1: np.ndarray) -> np.ndarray:
        # one-sided three-point estimate, made shape preserving (as in SciPy's PCHIP)
        e = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1)
        e = np.where(np.sign(e) != np.sign(d0), 0.0, e)
        return np.where((np.sign(d0) != np.sign(d1)) & (np.abs(e) > 3 * np.abs(d0)), 3 * d0, e)

    d[..., 0] = edge(h[0], h[1], delta[..., 0], delta[..., 1])
    d[..., -1] = edge(h[-1], h[-2], delta[..., -1], delta[..., -2])
    return d


def _hermite(x: np.ndarray, y: np.ndarray, d: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Evaluate the cubic Hermite interpolant at points ``t`` (within ``[x0, xK]``)."""
    k = np.clip(np.searchsorted(x, t, side="right") - 1, 0, len(x) - 2)
    h = x[k + 1] - x[k]
    s = (t - x[k]) / h
    h00 = (1 + 2 * s) * (1 - s) ** 2
    h10 = s * (1 - s) ** 2
    h01 = s**2 * (3 - 2 * s)
    h11 = s**2 * (s - 1)
    return h00 * y[..., k] + h10 * h * d[..., k] + h01 * y[..., k + 1] + h11 * h * d[..., k + 1]


# Gompertz mortality used only to shape the open age group: mu(x) = A·exp(B·(x − 80)).
# A = 0.055 and B = 0.11 approximate the German life table 2019/21 (both sexes:
# q(80) ≈ 0.05, q(90) ≈ 0.16, q(100) ≈ 0.4). Cohort-size effects are fitted per region.
GOMPERTZ_A = 0.055
GOMPERTZ_B = 0.11
_TAIL_END = 121  # ages beyond 120 carry no weight


def _survivorship(start: int) -> np.ndarray:
    """l(x)/l(start) for x = start … 120 under the Gompertz hazard above."""
    x = np.arange(start, _TAIL_END, dtype=np.float64)
    cum_hazard = (
        GOMPERTZ_A
        / GOMPERTZ_B
        * (np.exp(GOMPERTZ_B * (x - 80.0)) - np.exp(GOMPERTZ_B * (start - 80.0)))
    )
    return np.exp(-cum_hazard)


def open_group_mean_age(start: int) -> float:
    """Mean exact age of persons in the open group ``[start, ∞)`` under the Gompertz
    survivorship above with constant cohort sizes (e.g. 100+ → about 101.6 years).

    Used by the mean age of grouped data so that the open group gets a realistic
    "midpoint" instead of an arbitrary one; the same model shapes :func:`ungroup`."""
    lx = _survivorship(start)
    k = np.arange(len(lx), dtype=np.float64)
    return float(start + ((k + 0.5) * lx).sum() / lx.sum())


def _tail_sum(r: np.ndarray, lx: np.ndarray) -> np.ndarray:
    """``Σ_k r^k · lx[k]`` for every element of ``r`` by Horner's scheme: one multiply-add
    per coefficient on arrays of the shape of ``r``, instead of a power per element and
    coefficient (the powers took 2.4 s of the import of 11,000 Gemeinden; both agree to
    rounding, about 1e-15 relative)."""
    value = np.full(r.shape, lx[-1])
    for coefficient in lx[-2::-1]:
        value *= r
        value += coefficient
    return value


def _open_group_tail(total: np.ndarray, first_year: np.ndarray, start: int) -> np.ndarray:
    """Spread ``total`` (...,) of the open group ``[start, ∞)`` over single years
    ``start … 99`` and 100+ (returns (..., 101 − start)).

    Shape: ``n(x) = c · r^(x − start) · l(x)/l(start)`` with Gompertz survivorship ``l``
    (see :data:`GOMPERTZ_A`) and a cohort-size factor ``r`` in [0.3, 2]. ``r`` is found by
    bisection so that the first single year matches ``first_year`` (the density continued
    from the closed groups below); ``c`` then makes the sum exactly ``total``.
    """
    lx = _survivorship(start)
    k = np.arange(len(lx), dtype=np.float64)
    total = np.asarray(total, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        target = np.where(first_year > 0, total / first_year, np.inf)  # = sum_k r^k l_k
    lo = np.full(total.shape, 0.3)
    hi = np.full(total.shape, 2.0)
    for _ in range(50):  # sum_k r^k l_k increases with r: bisection
        mid = (lo + hi) / 2
        too_small = _tail_sum(mid, lx) < target
        lo = np.where(too_small, mid, lo)
        hi = np.where(too_small, hi, mid)
    r = (lo + hi) / 2
    shape = r[..., None] ** k * lx
    years = total[..., None] * shape / shape.sum(axis=-1, keepdims=True)
    n_closed = MAX_AGE - start
    return np.concatenate(
        [years[..., :n_closed], years[..., n_closed:].sum(axis=-1, keepdims=True)], axis=-1
    )


def _normalise_groups(
    raw: np.ndarray, counts: np.ndarray, group_of_age: np.ndarray, n_groups: int
) -> np.ndarray:
    """Rescale ``raw`` single years so every group sums exactly to ``counts``; groups whose
    raw sum is 0 but whose count is positive are split evenly."""
    sums = np.zeros((*raw.shape[:-1], n_groups))
    for g in range(n_groups):
        sums[..., g] = raw[..., group_of_age == g].sum(axis=-1)
    sizes = np.bincount(group_of_age, minlength=n_groups).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(sums > 0, counts / sums, 0.0)
    even = np.where(sums > 0, 0.0, counts / sizes)
    return raw * factor[..., group_of_age] + even[..., group_of_age]


Method = Literal["monotone", "proportional", "uniform"]


def ungroup(
    counts: np.ndarray,
    grid: AgeGrid,
    *,
    method: Method = "monotone",
    reference: np.ndarray | None = None,
) -> np.ndarray:
    """Single-year counts (..., 101) from group counts (..., ``grid.n``).

    See the module docstring for the methods. ``reference`` (needed for
    ``"proportional"``) is a single-year structure broadcastable to (..., 101). Group
    sums are preserved; negative input is rejected; a row with any unknown (NaN) group
    is returned entirely as NaN, because the split of its neighbours depends on it.
    """
    counts = np.asarray(counts, dtype=np.float64)
    if counts.shape[-1] != grid.n:
        raise ValueError(f"last axis has {counts.shape[-1]} groups, grid has {grid.n}")
    if np.any(counts < 0):
        raise ValueError("negative counts cannot be ungrouped")
    # Everything at or above 100 belongs to the 100+ class of Population.
    if grid.lowers[-1] > MAX_AGE:
        if MAX_AGE not in grid.lowers:
            raise AgeBoundsError("a group straddles age 100; cannot map to 100+")
        merged = AgeGrid(tuple(a for a in grid.lowers if a <= MAX_AGE))
        counts, grid = regroup(counts, grid, merged), merged
    lowers = np.asarray(grid.lowers, dtype=np.float64)
    open_start = grid.lowers[-1]
    group_of_age = np.searchsorted(lowers, np.arange(N_AGES), side="right") - 1
    bad_rows = np.isnan(counts).any(axis=-1)
    work = np.where(np.isnan(counts), 0.0, counts)

    if method == "proportional":
        if reference is None:
            raise ValueError("method 'proportional' needs a reference structure")
        ref = np.broadcast_to(np.asarray(reference, dtype=np.float64), (*work.shape[:-1], N_AGES))
        ref = np.where(np.isfinite(ref) & (ref > 0), ref, 0.0)
        if open_start < MAX_AGE:
            # an open group without reference persons falls back to the geometric tail
            ref = ref.copy()
            tail_ref = ref[..., open_start:].sum(axis=-1)
            fallback = _open_group_tail(
                np.ones_like(tail_ref), np.full_like(tail_ref, 0.1), open_start
            )
            ref[..., open_start:] = np.where(
                tail_ref[..., None] > 0, ref[..., open_start:], fallback
            )
        raw = ref
    elif method in ("monotone", "uniform"):
        raw = np.zeros((*work.shape[:-1], N_AGES))
        if grid.n > 1:
            knots = lowers  # boundaries 0 … open_start
            cum = np.concatenate(
                [np.zeros((*work.shape[:-1], 1)), np.cumsum(work[..., :-1], axis=-1)], axis=-1
            )
            if method == "monotone" and len(knots) > 2:
                slopes = _pchip_slopes(knots, cum)
                at = np.arange(open_start + 1, dtype=np.float64)
                f = _hermite(knots, cum, slopes, at)
                raw[..., :open_start] = np.maximum(np.diff(f, axis=-1), 0.0)
                edge = slopes[..., -1]
            else:
                widths = np.diff(knots)
                per_year = work[..., :-1] / widths
                raw[..., :open_start] = per_year[..., group_of_age[:open_start]]
                edge = per_year[..., -1]
        else:
            edge = work[..., 0] / 80.0  # only "0 und mehr": roughly a life-table shape
        if open_start < MAX_AGE:
            raw[..., open_start:] = _open_group_tail(work[..., -1], edge, open_start)
        else:
            raw[..., MAX_AGE] = work[..., -1]
    else:
        raise ValueError(f"unknown ungrouping method {method!r}")

    result = _normalise_groups(raw, work, group_of_age, grid.n)
    result[bad_rows] = np.nan
    return result


def split_sexes(total: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Split single-year totals (..., 101) into (..., 2, 101) by the male/female ratio of
    ``reference`` (..., 2, 101) at each age; ages without reference persons are split
    51.3 % male (Germany's sex ratio at birth, 105.3 boys per 100 girls, a neutral
    fallback). Male + female equals ``total`` exactly."""
    ref = np.asarray(reference, dtype=np.float64)
    both = ref[..., 0, :] + ref[..., 1, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        male_share = np.where(both > 0, ref[..., 0, :] / both, 105.3 / 205.3)
    total = np.asarray(total, dtype=np.float64)
    male = total * male_share
    return np.stack([male, total - male], axis=-2)


@dataclass(frozen=True)
class GroupedPopulation:
    """Population by region × sex × age *group* at 31.12. of ``year``.

    ``counts`` has shape ``(regions, len(sexes), grid.n)``. ``sexes`` is
    ``("male", "female")`` or ``("total",)`` when the source has no breakdown by sex
    (e.g. GENESIS 12411-0017). NaN marks unknown values.
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    year: int
    grid: AgeGrid
    counts: np.ndarray
    sexes: tuple[str, ...] = ("male", "female")
    source: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        counts = np.asarray(self.counts, dtype=np.float64)
        if counts.shape != (len(self.codes), len(self.sexes), self.grid.n):
            raise ValueError(
                f"counts shape {counts.shape} does not match "
                f"({len(self.codes)}, {len(self.sexes)}, {self.grid.n})"
            )
        object.__setattr__(self, "counts", counts)

    @property
    def n_regions(self) -> int:
        return self.counts.shape[0]

    def both_sexes(self) -> np.ndarray:
        """Counts by region × age group, sexes added: shape (regions, groups)."""
        return self.counts.sum(axis=1)

    def totals(self) -> np.ndarray:
        return self.counts.sum(axis=(1, 2))

    def ungroup(
        self,
        *,
        method: Method = "monotone",
        reference: Population | np.ndarray | None = None,
    ) -> Population:
        """Single-year :class:`Population` with all group sums preserved.

        ``reference`` – a :class:`Population` with one region (applied to all) or with
        the same regions, or an array broadcastable to (regions, 2, 101) – supplies the
        age structure for ``method="proportional"`` and the sex ratio by age when this
        table has no breakdown by sex (required then).
        """
        ref = None
        if reference is not None:
            ref = reference.counts if isinstance(reference, Population) else np.asarray(reference)
            if isinstance(reference, Population) and reference.n_regions not in (1, self.n_regions):
                ref = reference.select(list(self.codes)).counts
            ref = np.broadcast_to(ref, (self.n_regions, 2, N_AGES))
        if self.sexes == ("total",):
            if ref is None:
                raise ValueError(
                    "Tabelle ohne Geschlecht: Aufteilung braucht eine Referenzbevölkerung / "
                    "table without sex breakdown: splitting needs a reference population"
                )
            age_ref = ref.sum(axis=1) if method == "proportional" else None
            single = ungroup(self.counts[:, 0, :], self.grid, method=method, reference=age_ref)
            counts = split_sexes(single, ref)
        else:
            age_ref = ref if method == "proportional" else None
            counts = ungroup(self.counts, self.grid, method=method, reference=age_ref)
        note = f"Altersjahre geschätzt aus {self.grid.n} Altersgruppen (Methode: {method})"
        return Population(
            codes=self.codes,
            names=self.names,
            year=self.year,
            counts=counts,
            source=self.source,
            notes=(*self.notes, note),
        )


def grid_from_labels(labels: Sequence[str]) -> tuple[AgeGrid, list[int | None]]:
    """Parse labels; return the grid and, per label, its group index (``None`` for total
    or unknown age). Raises ``ValueError`` if the groups do not tile all ages."""
    intervals = [parse_age_label(label) for label in labels]
    groups = [i for i in intervals if i is not None and not i.is_total]
    grid = AgeGrid.from_intervals(set(groups))
    pos = {iv: k for k, iv in enumerate(grid.intervals)}
    return grid, [None if (i is None or i.is_total) else pos[i] for i in intervals]
