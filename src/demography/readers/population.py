"""From a :class:`Table` to :class:`Population` / :class:`GroupedPopulation` objects.

Conventions:

* One object per reference date; ``year`` is the year of the Stichtag (31.12.).
* Regions whose every cell is ``-`` (the area did not exist at that date, e.g. Kreise
  before a merger that GENESIS still lists) are dropped; a note names them.
* Rows for "Insgesamt" (all ages / both sexes) are not stored but *checked*: if the
  parts do not add up to the published total, a note says where (from 2025 on Destatis
  perturbs cells with the Cell-Key method, so small gaps can be genuine).
* Persons of unknown age ("Alter unbekannt") are not assigned; a note gives their number.
* Other dimensions (nationality, …) are fixed to their "Insgesamt" level.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from demography.agegroups import TOTAL, AgeGrid, GroupedPopulation, Method
from demography.core import Population
from demography.errors import DataError
from demography.readers.basis import basis_of
from demography.readers.table import Table

_TOTAL_LEVELS = ("Insgesamt", "total", "Deutschland")


def _dates(table: Table) -> list[tuple[object, int]]:
    if "date" in table.levels:
        return [(d, int(str(d)[:4])) for d in table.levels["date"]]
    if "year" in table.levels:
        return [(y, int(y)) for y in table.levels["year"]]
    raise DataError(
        table.source,
        "Kein Stichtag in der Tabelle.",
        "no reference date in the table.",
        expected_de="eine Tabelle mit Stichtag (z. B. 'Stichtag: 31.12.2020')",
        expected_en="a table with a reference date",
    )


def table_to_grouped(table: Table) -> list[GroupedPopulation]:
    """Population by region × sex × age group, one per reference date."""
    if "age" not in table.levels:
        raise DataError(
            table.source,
            "Die Tabelle hat keine Altersgliederung.",
            "the table has no breakdown by age.",
            expected_de="eine Tabelle nach Altersjahren oder Altersgruppen",
            expected_en="a table by single years or groups of age",
        )
    if "region" not in table.levels:
        raise DataError(
            table.source, "Die Tabelle hat keine Regionen.", "the table has no regions."
        )
    date_dim = "date" if "date" in table.levels else "year"
    fixed: dict[str, object] = {}
    for dim, levels in table.levels.items():
        if dim in ("region", "age", "sex", date_dim) or len(levels) == 1:
            continue
        total = next((lv for lv in levels if lv in _TOTAL_LEVELS), None)
        if total is None:
            raise DataError(
                table.source,
                f"Dimension '{dim}' hat keine Summe 'Insgesamt'.",
                f"dimension '{dim}' has no total level.",
            )
        fixed[dim] = total
    ages = table.levels["age"]
    groups = [a for a in ages if a is not None and a != TOTAL]
    try:
        grid = AgeGrid.from_intervals(set(groups))
    except ValueError as exc:
        raise DataError(
            table.source,
            f"Die Altersgruppen decken nicht alle Alter lückenlos ab ({exc}).",
            f"the age groups do not tile all ages ({exc}).",
        ) from None
    age_pos = [ages.index(iv) for iv in grid.intervals]
    sexes_in = table.levels.get("sex", ("total",))
    if "male" in sexes_in and "female" in sexes_in:
        sexes: tuple[str, ...] = ("male", "female")
    else:
        sexes = ("total",)
    out = []
    for date, year in _dates(table):
        dims = ("region", "sex", "age") if "sex" in table.levels else ("region", "age")
        cube, _ = table.cube(dims, **{date_dim: date}, **fixed)
        if "sex" not in table.levels:
            cube = cube[:, None, :]
        grouped = _grouped_at(table, cube, year, grid, age_pos, sexes_in, sexes)
        out.append(replace(grouped, notes=(*_date_notes(table, date), *grouped.notes)))
    return out


def _date_notes(table: Table, date: object) -> tuple[str, ...]:
    """The population basis of a stock, and its Stichtag when it is not 31.12."""
    if not (isinstance(date, str) and len(date) == 10):
        return ()
    notes = [f"Bevölkerungsbasis: {basis_of(table, date)}"]
    if not date.endswith("-12-31"):
        notes.append(f"Stichtag {date[8:10]}.{date[5:7]}.{date[:4]} (nicht 31.12.)")
    return tuple(notes)


def _grouped_at(
    table: Table,
    cube: np.ndarray,
    year: int,
    grid: AgeGrid,
    age_pos: list[int],
    sexes_in: tuple[object, ...],
    sexes: tuple[str, ...],
) -> GroupedPopulation:
    """One date: check the published totals, drop areas that did not exist."""
    ages = table.levels["age"]
    sex_pos = [sexes_in.index(s) for s in sexes]
    counts = cube[:, sex_pos][:, :, age_pos]
    codes = list(table.levels["region"])
    notes = _total_problems(cube, ages, age_pos, codes, sexes_in, sexes, counts)
    unknown = [ages.index(a) for a in ages if a is None]
    if unknown:
        n_unknown = np.nansum(cube[:, :, unknown])
        notes.append(f"{n_unknown:.0f} Personen mit unbekanntem Alter nicht zugeordnet")
    # drop areas that did not exist (all cells exactly 0 from '-')
    keep = ~np.all(cube == 0, axis=(1, 2))
    dropped = [c for c, k in zip(codes, keep, strict=True) if not k]
    if dropped:
        notes.append(
            "Gebiete ohne Bevölkerung (nur '-', am Stichtag nicht bestehend) entfernt: "
            + ", ".join(dropped)
        )
    kept = [c for c, k in zip(codes, keep, strict=True) if k]
    return GroupedPopulation(
        codes=tuple(kept),
        names=tuple(table.region_names.get(c, c) for c in kept),
        year=year,
        grid=grid,
        counts=counts[keep],
        sexes=sexes,
        source=f"{table.code} ({Path(table.source).name})",
        notes=tuple(notes),
    )


def _total_problems(cube, ages, age_pos, codes, sexes_in, sexes, counts) -> list[str]:
    """Notes where the parts do not add up to the published totals."""
    problems = []
    if TOTAL in ages:
        published = cube[:, :, ages.index(TOTAL)]
        parts = cube[:, :, age_pos].sum(axis=2)
        bad = np.argwhere(np.abs(parts - published) > 0.5)
        if len(bad):
            r, s = bad[0]
            problems.append(
                f"{len(bad)} Summen nach Alter weichen ab, z. B. {codes[r]} "
                f"({sexes_in[s]}): {parts[r, s]:.0f} statt {published[r, s]:.0f}"
            )
    if "total" in sexes_in and sexes == ("male", "female"):
        t = cube[:, sexes_in.index("total")][:, age_pos]
        diff = np.abs(counts.sum(axis=1) - t)
        if np.any(diff > 0.5):
            problems.append(f"{int((diff > 0.5).sum())} Summen männlich+weiblich weichen ab")
    return problems


def table_to_populations(table: Table, *, method: Method = "monotone") -> list[Population]:
    """Single-year :class:`Population` per date; groups above the last single year are
    ungrouped with ``method`` (see :mod:`demography.agegroups`)."""
    result = []
    for grouped in table_to_grouped(table):
        if grouped.sexes != ("male", "female"):
            raise DataError(
                table.source,
                "Die Tabelle ist nicht nach Geschlecht gegliedert; für eine Population nach "
                "Geschlecht read_grouped_population(...).ungroup(reference=...) verwenden.",
                "the table has no breakdown by sex; use "
                "read_grouped_population(...).ungroup(reference=...) with a reference.",
            )
        if grouped.grid.is_single_years:
            result.append(
                Population(
                    codes=grouped.codes,
                    names=grouped.names,
                    year=grouped.year,
                    counts=grouped.counts,
                    source=grouped.source,
                    notes=grouped.notes,
                )
            )
        else:
            result.append(grouped.ungroup(method=method))
    return result


def read_population(path: str | Path, *, method: Method = "monotone") -> list[Population]:
    """Read a file with population by single year of age and sex (any accepted layout)
    and return one :class:`Population` per reference date, oldest first."""
    from demography.readers import read_table

    pops = table_to_populations(read_table(path), method=method)
    return sorted(pops, key=lambda p: p.year)


def read_grouped_population(path: str | Path) -> list[GroupedPopulation]:
    """Read a file with population by age group (with or without sex), one object per
    reference date, oldest first."""
    from demography.readers import read_table

    return sorted(table_to_grouped(read_table(path)), key=lambda p: p.year)
