"""Own rate tables: a user's age-specific fertility and mortality instead of the defaults.

Aussage: a statistics office or a Kommune often has its own schedules (e.g. from a state
office's projection or an own life table). This module reads them and turns them into the
projection's schedules, so that the parametric defaults of ``data/assumptions_de.json`` are
replaced, not merely re-levelled.

Format (CSV, ``;`` separator, UTF-8 or latin-1, decimal comma or point, one header line)::

    alter;geburtenrate;sterberate_maennlich;sterberate_weiblich
    0;0;0,00331;0,00282
    …
    100;0;0,52;0,47

* ``alter``: completed age 0 … 100 (100 = 100 and older); every age exactly once.
* ``geburtenrate``: live births per woman of that age per year (ASFR); empty = 0. Only ages
  15 … 49 may be non-zero (the fertile ages of the projection, as in Destatis' TFR).
* ``sterberate_*``: central death rate m(x) = deaths / mean population of that age and sex
  (Destatis life tables publish q(x); convert with m = q / (1 − q/2) or use q(x) for ages
  below 100 – the difference is below 0.1 % of e0 at today's levels).

Einheit: rates per person and year. Quelle: supplied by the user; the table is used unchanged
for every projection year. With ``tfr`` set as scenario override, the fertility rates are
scaled to that total fertility rate (shape kept).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from demography.core import N_AGES
from demography.errors import DataError
from demography.fertility import FERTILE_MAX, FERTILE_MIN
from demography.lifetable import life_table, survival_ratios
from demography.readers.text import decode, load_bytes
from demography.values import ValueParseError, parse_number

COLUMNS = ("alter", "geburtenrate", "sterberate_maennlich", "sterberate_weiblich")
FERTILE_AGES = range(FERTILE_MIN, FERTILE_MAX + 1)


@dataclass(frozen=True)
class RateTable:
    """``asfr`` (35,) births per woman and year at ages 15 … 49; ``mx`` (2, 101) central
    death rates by sex (0 male, 1 female) and age."""

    asfr: np.ndarray
    mx: np.ndarray
    source: str

    @property
    def tfr(self) -> float:
        return float(self.asfr.sum())

    @property
    def e0(self) -> tuple[float, float]:
        table = life_table(self.mx, np.array([0, 1]))
        return float(table.e0[0]), float(table.e0[1])


def _error(name: str, de: str, en: str, **kw) -> DataError:
    return DataError(file=name, message_de=de, message_en=en, **kw)


def read_rate_table(path: str | Path) -> RateTable:
    """Read an own rate table (format in the module docstring); raises :class:`DataError`."""
    name = Path(path).name
    text, _encoding = decode(load_bytes(path), name)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    _check_header(rows, name)
    asfr = np.zeros(N_AGES)
    mx = np.full((2, N_AGES), np.nan)
    seen: set[int] = set()
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        age = _age(row, line_no, name, seen)
        seen.add(age)
        births, male, female = _rates(row, line_no, age, name)
        if births is not None:
            asfr[age] = births
        mx[0, age], mx[1, age] = male, female
    _check_complete(seen, asfr, name)
    return RateTable(asfr=asfr[FERTILE_MIN : FERTILE_MAX + 1].copy(), mx=mx, source=name)


def _check_header(rows: list[list[str]], name: str) -> None:
    if not rows:
        raise _error(name, "Die Datei ist leer.", "The file is empty.")
    header = [c.strip().lower() for c in rows[0]]
    if tuple(header[:4]) != COLUMNS:
        raise _error(
            name,
            "Unerwartete Spaltenüberschriften.",
            "Unexpected column headers.",
            line=1,
            found=";".join(rows[0]),
            expected_de=";".join(COLUMNS),
            expected_en=";".join(COLUMNS),
        )


def _age(row: list[str], line_no: int, name: str, seen: set[int]) -> int:
    """The age of a data row (0–100, each once)."""
    if len(row) < 4:
        raise _error(
            name,
            "Zu wenige Spalten.",
            "Too few columns.",
            line=line_no,
            found=";".join(row),
            expected_de="4 Spalten",
            expected_en="4 columns",
        )
    try:
        age = int(row[0].strip())
    except ValueError:
        raise _error(
            name,
            "Das Alter ist keine ganze Zahl.",
            "Age is not an integer.",
            line=line_no,
            column=1,
            found=row[0],
            expected_de="0 bis 100",
            expected_en="0 to 100",
        ) from None
    if not 0 <= age <= 100 or age in seen:
        raise _error(
            name,
            "Alter außerhalb 0–100 oder doppelt.",
            "Age out of 0–100 or repeated.",
            line=line_no,
            column=1,
            found=row[0],
            expected_de="jedes Alter 0 bis 100 genau einmal",
            expected_en="each age 0 to 100 exactly once",
        )
    return age


def _rates(row: list[str], line_no: int, age: int, name: str) -> list[float | None]:
    """Birth rate (None when empty), male and female death rate of a data row, checked."""
    out: list[float | None] = []
    for col, (low, high) in ((1, (0.0, 0.5)), (2, (0.0, 5.0)), (3, (0.0, 5.0))):
        cell = row[col].strip()
        if col == 1 and cell == "":
            out.append(None)
            continue
        try:
            value = parse_number(cell)
        except ValueParseError:
            value = float("nan")
        if not (low <= value <= high) or (col == 1 and value > 0 and age not in FERTILE_AGES):
            raise _error(
                name,
                "Ungültige Rate.",
                "Invalid rate.",
                line=line_no,
                column=col + 1,
                found=cell,
                expected_de=f"Zahl von {low} bis {high}"
                + (" (Geburten nur im Alter 15–49)" if col == 1 else ""),
                expected_en=f"number from {low} to {high}"
                + (" (births only at ages 15–49)" if col == 1 else ""),
            )
        out.append(value)
    return out


def _check_complete(seen: set[int], asfr: np.ndarray, name: str) -> None:
    missing = sorted(set(range(N_AGES)) - seen)
    if missing:
        raise _error(
            name,
            "Es fehlen Altersjahre.",
            "Ages are missing.",
            found=", ".join(map(str, missing[:10])),
            expected_de="alle Alter 0 bis 100",
            expected_en="all ages 0 to 100",
        )
    if asfr.sum() == 0:
        raise _error(
            name,
            "Alle Geburtenraten sind 0.",
            "All birth rates are 0.",
            column=2,
            expected_de="Geburtenraten für die Alter 15–49",
            expected_en="birth rates for ages 15–49",
        )


def apply_rate_table(schedules, table: RateTable, *, tfr: np.ndarray | None = None):
    """Schedules with the table's fertility and survival for every projection year.

    ``schedules`` is a :class:`demography.projection.Schedules`; migration and the sex ratio
    stay as resolved from the scenario. ``tfr`` (H,) rescales the table's rates per year.
    """
    h = schedules.years.size
    scale = np.ones(h) if tfr is None else np.asarray(tfr, dtype=np.float64) / table.tfr
    asfr = scale[:, None] * table.asfr[None, :]
    birth_survival, survival = survival_ratios(life_table(table.mx, np.array([0, 1])))
    return replace(
        schedules,
        asfr=asfr,
        survival=np.broadcast_to(survival, (h, 2, N_AGES)).copy(),
        birth_survival=np.broadcast_to(birth_survival, (h, 2)).copy(),
    )
