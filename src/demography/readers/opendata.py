"""Municipal open data of the kind Stadt Konstanz publishes ("Konstanz in Zahlen", CC0).

Comma-separated, one header line, empty cell = 0 (the publisher's convention):

=====================================  ================================================
header                                 content
=====================================  ================================================
``alter,maenner_nichtdeutsch,``        population by single year of age (``0_bis_unter_1``
``frauen_nichtdeutsch,maenner_deutsch,``  … ``104``, ``105``; ages from 100 are added to
``frauen_deutsch``                     100+) × sex × nationality; one file per year, the
                                       year comes from the file name (``pyramide_2015``)
``jahr,gesamt,davon_frauen,…``         population total and by sex per year
``jahr,bis_18,bis_30,…,ueber_60``      population by six age groups per year
``jahr,geburten,sterbefaelle``         live births and deaths per year
``jahr,zuzug,wegzug``                  moves into and out of the city per year
=====================================  ================================================

Stocks refer to 31.12. of the year. The files name no region: the region code is the
8-digit AGS found in the path (``konstanz_08335043/…``), else ``Gemeinde``. These are
**register** figures (Melderegister, basis ``melderegister``), not the official
Fortschreibung – see :mod:`demography.readers.basis`.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np

from demography.agegroups import TOTAL, AgeInterval
from demography.core import MAX_AGE, N_AGES
from demography.errors import DataError
from demography.readers.ages import parse_age
from demography.readers.checks import MAX_COUNT
from demography.readers.table import Table
from demography.values import ValueParseError, parse_cell

PYRAMID = (
    "alter",
    "maenner_nichtdeutsch",
    "frauen_nichtdeutsch",
    "maenner_deutsch",
    "frauen_deutsch",
)
#: per-year columns -> (kind, measure, sex, age interval); kind: stock (31.12.) or flow
YEAR_COLUMNS: dict[str, tuple[str, str, str, AgeInterval]] = {
    "gesamt": ("stock", "Bevölkerungsstand", "total", TOTAL),
    "davon_frauen": ("stock", "Bevölkerungsstand", "female", TOTAL),
    "davon_maenner": ("stock", "Bevölkerungsstand", "male", TOTAL),
    "bis_18": ("stock", "Bevölkerungsstand", "total", AgeInterval(0, 18)),
    "bis_30": ("stock", "Bevölkerungsstand", "total", AgeInterval(18, 30)),
    "bis_40": ("stock", "Bevölkerungsstand", "total", AgeInterval(30, 40)),
    "bis_50": ("stock", "Bevölkerungsstand", "total", AgeInterval(40, 50)),
    "bis_60": ("stock", "Bevölkerungsstand", "total", AgeInterval(50, 60)),
    "ueber_60": ("stock", "Bevölkerungsstand", "total", AgeInterval(60, None)),
    "geburten": ("flow", "Lebendgeborene", "total", TOTAL),
    "sterbefaelle": ("flow", "Gestorbene", "total", TOTAL),
    "zuzug": ("flow", "Zuzüge", "total", TOTAL),
    "wegzug": ("flow", "Fortzüge", "total", TOTAL),
}
_AGS_IN_PATH = re.compile(r"(?<!\d)(\d{8})(?!\d)")
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def is_opendata_header(first_line: str) -> bool:
    cols = [c.strip().lower() for c in first_line.lstrip("\ufeff").split(",")]
    if tuple(cols) == PYRAMID:
        return True
    return (
        len(cols) > 1
        and cols[0] == "jahr"
        and any(c in YEAR_COLUMNS for c in cols[1:])
        and all(c in YEAR_COLUMNS or c.startswith("darunter_") for c in cols[1:])
    )


def _region(name: str) -> tuple[str, str]:
    m = _AGS_IN_PATH.search(name)
    if not m:
        return "Gemeinde", "Gemeinde"
    folder = next((p for p in Path(name).parts if m.group(1) in p), m.group(1))
    label = folder.replace(m.group(1), "").strip("_- ").replace("_", " ").title()
    return m.group(1), label or m.group(1)


def _rows(text: str, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(text), delimiter=",")
    try:
        header = [h.strip().lower() for h in next(reader)]
        rows = [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise DataError(name, f"CSV nicht lesbar ({exc}).", f"CSV not readable ({exc}).") from None
    for line, row in rows:
        if len(row) != len(header):
            raise DataError(
                name,
                "Falsche Anzahl von Feldern.",
                "wrong number of fields.",
                line=line,
                found=f"{len(row)} Felder/fields",
                expected_de=f"{len(header)} durch ',' getrennte Felder",
                expected_en=f"{len(header)} comma-separated fields",
            )
    if not rows:
        raise DataError(name, "Die Datei enthält keine Datenzeilen.", "the file has no data lines.")
    return header, rows


def _count(text: str, name: str, line: int, column: int) -> float:
    try:
        cell = parse_cell(text) if text.strip() else None
    except ValueParseError:
        cell = None
        ok = False
    else:
        ok = cell is None or cell.reason is None
    if not ok or (
        cell is not None and not (0 <= cell.value <= MAX_COUNT and cell.value == round(cell.value))
    ):
        raise DataError(
            name,
            "Ungültige Anzahl.",
            "invalid count.",
            line=line,
            column=column,
            found=text[:40],
            expected_de="eine ganze Zahl ≥ 0 oder ein leeres Feld (= 0)",
            expected_en="a whole number ≥ 0 or an empty cell (= 0)",
        )
    return 0.0 if cell is None else cell.value


def _build(
    name: str,
    dims: dict[str, tuple[object, ...]],
    cube: np.ndarray,
    line_cube: np.ndarray,
    col_cube: np.ndarray,
    region_name: str,
    encoding: str,
) -> Table:
    grids = np.indices(cube.shape).reshape(len(dims), -1)
    return Table(
        source=name,
        layout="opendata",
        values=cube.reshape(-1).astype(np.float64),
        levels=dims,
        index={d: grids[k].astype(np.int32) for k, d in enumerate(dims)},
        lines=line_cube.reshape(-1).astype(np.int64),
        columns=col_cube.reshape(-1).astype(np.int64),
        code="Melderegister",
        title="Einwohner aus dem Melderegister der Gemeinde (offene Daten)",
        unit="Anzahl",
        region_names={dims["region"][0]: region_name},
        encoding=encoding,
        attributes={"basis": "melderegister"},
    )


def read_opendata(text: str, name: str, encoding: str = "") -> Table:
    """Read one of the layouts in the module docstring."""
    header, rows = _rows(text, name)
    code, region_name = _region(name)
    if tuple(header) == PYRAMID:
        return _pyramid(rows, name, code, region_name, encoding)
    return _per_year(header, rows, name, code, region_name, encoding)


def _pyramid(rows, name: str, code: str, region_name: str, encoding: str) -> Table:
    m = _YEAR_IN_NAME.search(Path(name).name)
    if not m:
        raise DataError(
            name,
            "Stichtag unbekannt: der Dateiname enthält kein Jahr.",
            "reference date unknown: the file name holds no year.",
            expected_de="einen Dateinamen wie pyramide_2015.csv (Stand 31.12.2015)",
            expected_en="a file name such as pyramide_2015.csv (as of 31.12.2015)",
        )
    # nat (Insgesamt, Deutsche, Ausländer) × sex (male, female) × age 0 … 100+
    cube = np.zeros((3, 2, N_AGES))
    lines = np.zeros((3, 2, N_AGES), dtype=np.int64)
    cols = np.zeros((3, 2, N_AGES), dtype=np.int64)
    seen: dict[int, int] = {}
    for line, row in rows:
        try:
            iv = parse_age(row[0])
        except ValueError:
            iv = None
        if iv is None or (iv.upper is not None and iv.upper != iv.lower + 1):
            raise DataError(
                name,
                "Ungültiges Alter.",
                "invalid age.",
                line=line,
                column=1,
                found=row[0][:40],
                expected_de="ein Altersjahr wie 0_bis_unter_1 oder 104",
                expected_en="a single year of age such as 0_bis_unter_1 or 104",
            )
        age = min(iv.lower, MAX_AGE)
        if age in seen and age < MAX_AGE:
            raise DataError(
                name,
                "Doppelte Zeile für dasselbe Alter.",
                "duplicate row for the same age.",
                line=line,
                found=row[0],
                expected_de=f"jedes Alter nur einmal (zuerst in Zeile {seen[age]})",
                expected_en=f"each age once (first in line {seen[age]})",
            )
        seen.setdefault(age, line)
        for k, (nat, sex) in enumerate(((2, 0), (2, 1), (1, 0), (1, 1)), start=1):
            cube[nat, sex, age] += _count(row[k], name, line, k + 1)
            lines[nat, sex, age], cols[nat, sex, age] = line, k + 1
    absent = sorted(set(range(MAX_AGE)) - set(seen))
    if absent:
        raise DataError(
            name,
            f"Altersjahre fehlen ({', '.join(map(str, absent[:10]))}).",
            f"ages missing ({', '.join(map(str, absent[:10]))}).",
            expected_de="alle Altersjahre 0 … 99",
            expected_en="all ages 0 … 99",
        )
    cube[0] = cube[1] + cube[2]
    lines[0] = lines[1]
    ages = (*(AgeInterval(a, a + 1) for a in range(MAX_AGE)), AgeInterval(MAX_AGE, None))
    dims = {
        "region": (code,),
        "date": (f"{m.group(1)}-12-31",),
        "measure": ("Bevölkerungsstand",),
        "nat": ("Insgesamt", "Deutsche", "Ausländer"),
        "sex": ("male", "female"),
        "age": ages,
    }
    shape = (1, 1, 1, 3, 2, N_AGES)
    return _build(
        name,
        dims,
        cube.reshape(shape),
        lines.reshape(shape),
        cols.reshape(shape),
        region_name,
        encoding,
    )


def _per_year(header, rows, name: str, code: str, region_name: str, encoding: str) -> Table:
    used = [(j, YEAR_COLUMNS[h]) for j, h in enumerate(header) if h in YEAR_COLUMNS]
    kinds = {kind for _, (kind, *_rest) in used}
    if len(kinds) != 1:
        raise DataError(
            name,
            "Bestände und Bewegungen in einer Datei gemischt.",
            "stocks and flows mixed in one file.",
            line=1,
        )
    years: list[int] = []
    for line, row in rows:
        if not row[0].strip().isdigit() or len(row[0].strip()) != 4:
            raise DataError(
                name, "Ungültiges Jahr.", "invalid year.", line=line, column=1, found=row[0][:20]
            )
        years.append(int(row[0]))
    if len(set(years)) != len(years):
        raise DataError(
            name, "Ein Jahr kommt doppelt vor.", "a year occurs twice.", line=rows[-1][0]
        )
    measures = tuple(dict.fromkeys(spec[1] for _, spec in used))
    sexes = tuple(dict.fromkeys(spec[2] for _, spec in used))
    ages = tuple(dict.fromkeys(spec[3] for _, spec in used))
    time_dim = "date" if kinds == {"stock"} else "year"
    times = tuple(f"{y}-12-31" for y in years) if time_dim == "date" else tuple(years)
    shape = (1, len(times), len(measures), len(sexes), len(ages))
    cube = np.full(shape, np.nan)
    lines = np.zeros(shape, dtype=np.int64)
    cols = np.zeros(shape, dtype=np.int64)
    for t, (line, row) in enumerate(rows):
        for j, (_, measure, sex, age) in used:
            at = (0, t, measures.index(measure), sexes.index(sex), ages.index(age))
            cube[at] = _count(row[j], name, line, j + 1)
            lines[at], cols[at] = line, j + 1
    dims = {"region": (code,), time_dim: times, "measure": measures, "sex": sexes, "age": ages}
    table = _build(name, dims, cube, lines, cols, region_name, encoding)
    # combinations the file does not have (e.g. women by age group) are not values
    known = ~np.isnan(table.values)
    if known.all():
        return table
    from dataclasses import replace

    return replace(
        table,
        values=table.values[known],
        index={d: i[known] for d, i in table.index.items()},
        lines=table.lines[known],
        columns=table.columns[known],
    )
