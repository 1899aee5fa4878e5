"""The structured result every reader returns: a long table of values with dimensions.

A :class:`Table` stores one value per cell of the source (``values``, NaN if missing)
and, per dimension, a small tuple of *levels* plus an integer index per value. This keeps
a Gemeinde table with 600,000 cells compact and lets :meth:`Table.cube` build dense numpy
arrays without Python loops over cells.

Dimension names and their levels:

``region``      region code (``DG`` Deutschland, ``01`` Land, ``01001`` Kreis, AGS …)
``date``        reference date, ISO ``YYYY-MM-DD`` (Stichtag)
``year``        calendar year (int) for flows (births, deaths, migration)
``month``       1 … 12
``sex``         ``total``, ``male``, ``female``
``age``         :class:`~demography.agegroups.AgeInterval` (``TOTAL`` = all ages,
                ``None`` = age unknown)
``mother_age``  as ``age``, for births by age of the mother
``measure``     what is counted, e.g. ``Bevölkerungsstand``, ``Zuzüge``, ``Fortzüge``
other           any further GENESIS variable, named by its code, levels are labels
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from demography.errors import DataError


@dataclass(frozen=True)
class MissingCell:
    """A cell without a usable number: where it is, what it says and why it is missing."""

    line: int
    column: int
    sign: str
    reason: str
    key: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """Values of one file in long format (see module docstring)."""

    source: str
    layout: str
    values: np.ndarray
    levels: dict[str, tuple[Any, ...]]
    index: dict[str, np.ndarray]
    lines: np.ndarray
    columns: np.ndarray
    code: str = ""
    title: str = ""
    unit: str = ""
    region_names: dict[str, str] = field(default_factory=dict)
    missing: tuple[MissingCell, ...] = ()
    flagged: tuple[MissingCell, ...] = ()
    notes: tuple[str, ...] = ()
    stand: str = ""
    encoding: str = ""
    attributes: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def dims(self) -> tuple[str, ...]:
        return tuple(self.levels)

    def level_of(self, dim: str, i: int) -> Any:
        return self.levels[dim][self.index[dim][i]]

    def records(self) -> Iterator[dict[str, Any]]:
        """One dict per value (for inspection and small exports; slow for big tables)."""
        for i in range(self.n):
            row = {dim: self.level_of(dim, i) for dim in self.levels}
            row["value"] = float(self.values[i])
            yield row

    def mask(self, **fixed: Any) -> np.ndarray:
        """Boolean mask of values whose dimensions equal the given levels."""
        m = np.ones(self.n, dtype=bool)
        for dim, level in fixed.items():
            if dim not in self.levels:
                raise KeyError(dim)
            try:
                k = self.levels[dim].index(level)
            except ValueError:
                return np.zeros(self.n, dtype=bool)
            m &= self.index[dim] == k
        return m

    def check_unique(self) -> None:
        """Raise :class:`DataError` naming the line if two values share all dimensions.

        Sorts the index columns instead of building the dense cube, so it works for tables
        whose full cube would be huge (14,000 Gemeinden × dates × sexes × ages)."""
        if self.n < 2 or not self.levels:
            return
        keys = [self.index[d] for d in reversed(self.dims)]
        order = np.lexsort(keys)
        stacked = np.stack([k[order] for k in keys])
        same = np.all(stacked[:, 1:] == stacked[:, :-1], axis=0)
        if not same.any():
            return
        k = int(np.flatnonzero(same)[0])
        first, second = sorted((int(order[k]), int(order[k + 1])))
        raise DataError(
            self.source,
            "Doppelte Zeile: derselbe Wert ist mehrfach angegeben.",
            "duplicate row: the same cell occurs more than once.",
            line=int(self.lines[second]),
            found=", ".join(str(self.level_of(d, second)) for d in self.dims),
            expected_de=f"jede Kombination nur einmal (zuerst in Zeile {int(self.lines[first])})",
            expected_en=f"each combination once (first in line {int(self.lines[first])})",
        )

    def cube(
        self, dims: tuple[str, ...] | list[str], **fixed: Any
    ) -> tuple[np.ndarray, tuple[tuple[Any, ...], ...]]:
        """Dense array over ``dims`` (other dimensions fixed by ``fixed``).

        Returns ``(array, levels per dim)``; absent combinations are NaN. Every dimension
        not in ``dims`` must be fixed or have a single level. Two values for the same cell
        raise :class:`DataError` (duplicate rows in the source).
        """
        for dim in self.levels:
            if dim not in dims and dim not in fixed and len(self.levels[dim]) > 1:
                raise ValueError(f"dimension {dim!r} has several levels; fix it or include it")
        sel = np.flatnonzero(self.mask(**fixed))
        shape = tuple(len(self.levels[d]) for d in dims)
        flat = (
            np.ravel_multi_index(tuple(self.index[d][sel] for d in dims), shape)
            if dims
            else np.zeros(len(sel), dtype=np.intp)
        )
        counts = np.bincount(flat, minlength=int(np.prod(shape)))
        if np.any(counts > 1):
            dup = int(np.flatnonzero(counts > 1)[0])
            rows = sel[flat == dup]
            raise DataError(
                self.source,
                "Doppelte Zeile: derselbe Wert ist mehrfach angegeben.",
                "duplicate row: the same cell occurs more than once.",
                line=int(self.lines[rows[1]]),
                found=", ".join(str(self.level_of(d, int(rows[1]))) for d in dims),
                expected_de=f"jede Kombination nur einmal (zuerst in Zeile {int(self.lines[rows[0]])})",
                expected_en=f"each combination once (first in line {int(self.lines[rows[0]])})",
            )
        out = np.full(shape, np.nan)
        out.reshape(-1)[flat] = self.values[sel]
        return out, tuple(self.levels[d] for d in dims)
