"""``python -m demography indicators FILE [--format json|csv]``.

Reads any accepted file (see :mod:`demography.readers`) and prints indicators per region
and year found in it:

* tables by age (single years or groups): population, age-structure indicators and –
  when the file holds earlier reference dates – the change over 1, 5 and 10 years;
* tables of total population by date (e.g. 12411-0015, Gemeindeverzeichnis): population
  and its change;
* tables of births, deaths or migration: yearly totals (months added up; a year with an
  unknown month stays unknown).

JSON is a list of objects with ``region`` (code), ``name``, ``year``, ``date``, ``basis``
(population basis of stocks, :mod:`demography.readers.basis`; changes across a break of the
basis are ``null``) and one key per indicator (keys of :data:`demography.indicators.REGISTRY`; ``null`` where a value is
unknown or cannot be computed from the file's age groups). Several files: the rows of all
files that could be read; a file that cannot be read is reported on stderr in German and
English and skipped, and the command ends with a summary and exit code 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from typing import Any

import numpy as np

from demography.agegroups import TOTAL
from demography.cli import finish, read_each
from demography.errors import DataError
from demography.indicators import STRUCTURE_KEYS, change_percent, structure_indicators
from demography.readers import read_table, table_to_grouped
from demography.readers.basis import basis_of
from demography.readers.history import flow_kind
from demography.readers.table import Table

HELP = "Indikatoren je Region und Jahr aus einer Datei berechnen / indicators per region and year"

CHANGE_KEYS = {1: "population_change_1y", 5: "population_change_5y", 10: "population_change_10y"}
#: flow kind (:func:`demography.readers.history.flow_kind`) -> output key
MOVEMENT_KEYS = {
    "births": "births",
    "deaths": "deaths",
    "in": "migration_in",
    "out": "migration_out",
    "net": "net_migration",
    "in_abroad": "migration_in_abroad",
    "out_abroad": "migration_out_abroad",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        nargs="+",
        help="CSV/XLSX-Datei(en); eine nicht lesbare Datei wird gemeldet und übersprungen",
    )
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="Ausgabeformat")


def _clean(value: Any) -> Any:
    if isinstance(value, float | np.floating):
        v = float(value)
        if math.isnan(v):
            return None
        return int(v) if v.is_integer() and abs(v) < 1e15 else round(v, 4)
    return value


def _rows_with_changes(
    table: Table, per_date: list[tuple[str, int, list[str], list[str], dict[str, np.ndarray]]]
) -> list[dict[str, Any]]:
    """Attach 1/5/10-year changes by matching the same region at earlier dates of the same
    population basis; across a break of the basis (e.g. 2010 → 2011) the change is null."""
    bases = {date: basis_of(table, date) for date, *_ in per_date}
    totals_by_year = {
        year: (bases[date], dict(zip(codes, values["population"], strict=True)))
        for date, year, codes, _, values in per_date
    }
    rows = []
    for date, year, codes, names, values in per_date:
        for k, key in CHANGE_KEYS.items():
            basis, earlier = totals_by_year.get(year - k, ("", {}))
            same = basis == bases[date]
            prev = np.array([earlier.get(c, np.nan) if same else np.nan for c in codes])
            values[key] = change_percent(values["population"], prev)
        for i, (code, name) in enumerate(zip(codes, names, strict=True)):
            row: dict[str, Any] = {
                "region": code,
                "name": name,
                "year": year,
                "date": date,
                "basis": bases[date],
            }
            for key in (*STRUCTURE_KEYS, *CHANGE_KEYS.values()):
                row[key] = _clean(values[key][i]) if key in values else None
            rows.append(row)
    return rows


def indicator_rows(table: Table) -> list[dict[str, Any]]:
    """Indicator rows for every region and reference date/year of ``table``."""
    if any(flow_kind(m) for m in table.levels.get("measure", ())):
        return _movement_rows(table)
    if "age" in table.levels:
        per_date = []
        when = (
            [str(d) for d in table.levels["date"]]
            if "date" in table.levels
            else [f"{y}-12-31" for y in table.levels.get("year", ())]
        )
        for g, date in zip(table_to_grouped(table), when, strict=True):
            values = structure_indicators(g.both_sexes(), g.grid)
            per_date.append((date, g.year, list(g.codes), list(g.names), values))
        return _rows_with_changes(table, per_date)
    # total population by region (and date), e.g. 12411-0015 or the Gemeindeverzeichnis
    fixed = {}
    if "sex" in table.levels:
        fixed["sex"] = "total"
    if "date" not in table.levels:
        raise DataError(
            table.source, "Kein Stichtag in der Tabelle.", "no reference date in the table."
        )
    cube, (codes, dates) = table.cube(("region", "date"), **fixed)
    per_date = []
    for j, date in enumerate(dates):
        known = ~np.all(cube == 0, axis=1)  # drop areas that did not exist ('-' only)
        codes_k = [c for c, k in zip(codes, known, strict=True) if k]
        per_date.append(
            (
                date,
                int(str(date)[:4]),
                codes_k,
                [table.region_names.get(c, c) for c in codes_k],
                {"population": cube[known, j]},
            )
        )
    return _rows_with_changes(table, per_date)


def _movement_rows(table: Table) -> list[dict[str, Any]]:
    """Yearly totals of births, deaths and migration by region."""
    if "year" not in table.levels:
        raise DataError(table.source, "Kein Berichtsjahr in der Tabelle.", "no year in the table.")
    # Other dimensions: take their total where the table has one; otherwise (deaths by
    # sex without a total column, births by birth order and age of the mother) add up
    # the categories, which in GENESIS tables are exhaustive and do not overlap.
    fixed: dict[str, Any] = {}
    dims = ["region", "year", "measure"]
    for dim, levels in table.levels.items():
        if dim in dims or len(levels) == 1:
            continue
        total = next((lv for lv in levels if lv in ("total", "Insgesamt", TOTAL)), None)
        if total is not None and dim != "month":
            fixed[dim] = total
        else:
            dims.append(dim)
    cube, levels = table.cube(tuple(dims), **fixed)
    # add everything beyond (region, year, measure); unknown parts keep the sum unknown
    summed = cube.reshape((*cube.shape[:3], -1)).sum(axis=-1)
    codes, years, measures = levels[:3]
    rows = []
    for i, code in enumerate(codes):
        for j, year in enumerate(years):
            row: dict[str, Any] = {
                "region": code,
                "name": table.region_names.get(code, code),
                "year": int(year),
                "date": None,
            }
            for k, m in enumerate(measures):
                kind = flow_kind(m)
                if kind is not None and MOVEMENT_KEYS[kind] not in row:
                    row[MOVEMENT_KEYS[kind]] = _clean(summed[i, j, k])
            if "births" in row and "deaths" in row:
                b, d = row["births"], row["deaths"]
                row["natural_balance"] = None if b is None or d is None else b - d
            rows.append(row)
    return rows


def run(args: argparse.Namespace) -> int:
    """Indicators of every file; a file that cannot be read is reported (German and
    English, no traceback) and skipped; exit code 2 at the end if any file failed."""
    done, failed = read_each(args.file, lambda path: indicator_rows(read_table(path)))
    rows = [row for _, file_rows in done for row in file_rows]
    if done:
        _write(rows, args.format)
    return finish(len(args.file), failed)


def _write(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    fields = list(dict.fromkeys(k for row in rows for k in row))
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, delimiter=";", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
