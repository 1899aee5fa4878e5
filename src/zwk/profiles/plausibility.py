"""Plausibility of imported statistics: impossible values refuse a file, odd ones warn.

Pure functions on the records of :func:`demography.official.extract` (no database): the
service passes the totals it already holds for the regions and years around the file.

* **Refused** (:func:`impossible_values`): a count that is not a finite number, a negative
  count (births, deaths, moves, inhabitants; only the migration balance may be negative) and
  a count above :data:`MAX_COUNT` – more people than live in Germany twice over.
* **Warned** (:func:`warnings_for`): a region with more inhabitants than the region it lies
  in (Gemeinde > Kreis, Kreis > Land, Land > Deutschland, Quartier > its Gemeinde) in the
  same year, and a change from one year to the next by more than :data:`JUMP_FACTOR`
  (e.g. 10,000 → 16,000 or → 6,000) where at least :data:`JUMP_MIN_PERSONS` people differ.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from demography.regions import BUND

#: No German region has this many inhabitants or events in a year (Germany: ~84 million).
MAX_COUNT = 200_000_000
#: A year-to-year change beyond this factor (either way) is flagged as implausible.
JUMP_FACTOR = 1.5
#: … unless fewer people than this differ (small Quartiere do change by a few hundred).
JUMP_MIN_PERSONS = 1_000
#: Warnings listed one by one in an import's summary; the rest are counted.
MAX_WARNINGS_LISTED = 50

KIND_LABELS = {
    "births": "Lebendgeborene",
    "deaths": "Gestorbene",
    "migration_in": "Zuzüge",
    "migration_out": "Fortzüge",
    "net_migration": "Wanderungssaldo",
}
SEX_LABELS = {"total": "insgesamt", "male": "männlich", "female": "weiblich"}

Totals = Mapping[tuple[str, int], float]  # (region code, year) → inhabitants (both sexes)


def _fmt(value: float) -> str:
    if not math.isfinite(value) or abs(value) >= 1e15:
        return repr(value)
    return f"{value:,.0f}".replace(",", ".")


def _problem(value: float, *, may_be_negative: bool = False) -> str | None:
    if not math.isfinite(value):
        return "keine endliche Zahl"
    if value < 0 and not may_be_negative:
        return "negative Anzahl"
    if abs(value) > MAX_COUNT:
        return "unmöglich groß (mehr als 200 Millionen)"
    return None


def impossible_values(stocks: Iterable, movements: Iterable, *, file_name: str) -> list[str]:
    """German messages for values no statistics can hold (empty: the file may be imported).

    Each names the file, the region, the year and the measure, so that the office finds the
    cell; the readers already refuse unreadable cells with line and column.
    """
    found: list[str] = []
    for rec in stocks:
        values = [("Einwohner", rec.total)]
        values += [(f"Alter {a}", v) for a, v in enumerate(rec.ages or ())]
        for label, value in values:
            problem = _problem(float(value))
            if problem:
                found.append(
                    f"{file_name}: Gebiet {rec.code} {rec.name}, Jahr {rec.year}, "
                    f"{label} ({SEX_LABELS.get(rec.sex, rec.sex)}): {problem} – gefunden "
                    f"{_fmt(float(value))}. Erwartet: eine Anzahl von 0 bis 200 Millionen."
                )
                break
    for rec in movements:
        problem = _problem(float(rec.value), may_be_negative=rec.kind == "net_migration")
        if problem:
            found.append(
                f"{file_name}: Gebiet {rec.code} {rec.name}, Jahr {rec.year}, "
                f"{KIND_LABELS.get(rec.kind, rec.kind)}: {problem} – gefunden "
                f"{_fmt(float(rec.value))}. Erwartet: eine Anzahl von 0 bis 200 Millionen."
            )
    return found


def parent_of(code: str) -> str | None:
    """The region an official key (or a register area ``AGS/Gebiet``) lies in."""
    if "/" in code:
        return code.split("/", 1)[0]
    if code == BUND or not code.isdigit():
        return None
    return {2: BUND, 3: code[:2], 5: code[:2], 8: code[:5]}.get(len(code))


def totals_of(stocks: Iterable) -> dict[tuple[str, int], float]:
    """(code, year) → inhabitants of both sexes from the file's records."""
    totals: dict[tuple[str, int], float] = {}
    by_sex: dict[tuple[str, int], dict[str, float]] = {}
    for rec in stocks:
        if rec.sex == "total":
            totals[(rec.code, rec.year)] = rec.total
        else:
            by_sex.setdefault((rec.code, rec.year), {})[rec.sex] = rec.total
    for key, sexes in by_sex.items():
        if key not in totals and {"male", "female"} <= set(sexes):
            totals[key] = sexes["male"] + sexes["female"]
    return totals


def warnings_for(file_totals: Totals, known: Totals, *, names: Mapping[str, str]) -> list[str]:
    """Implausible but possible values of the file, as German sentences.

    ``file_totals`` are the file's inhabitants per (code, year), ``known`` those already
    stored for the parents and neighbouring years (the file's own values win).
    """
    merged = {**known, **file_totals}
    out: list[str] = []
    for (code, year), value in sorted(file_totals.items()):
        label = f"{code} {names.get(code, '')}".strip()
        parent = parent_of(code)
        parent_value = merged.get((parent, year)) if parent else None
        if parent_value is not None and value > parent_value * 1.0001 + 1:
            out.append(
                f"Gebiet {label}, Jahr {year}: {_fmt(value)} Einwohner – mehr als das "
                f"übergeordnete Gebiet {parent} ({_fmt(parent_value)})."
            )
        for other_year in (year - 1, year + 1):
            other = merged.get((code, other_year))
            if other is None or (other_year == year + 1 and (code, other_year) in file_totals):
                continue  # each pair of years once
            low, high = sorted((value, other))
            if high - low >= JUMP_MIN_PERSONS and (low <= 0 or high / low > JUMP_FACTOR):
                first, second = sorted(((year, value), (other_year, other)))
                out.append(
                    f"Gebiet {label}: {_fmt(first[1])} Einwohner {first[0]}, "
                    f"{_fmt(second[1])} Einwohner {second[0]} – Sprung um mehr als das "
                    f"{str(JUMP_FACTOR).replace('.', ',')}-Fache."
                )
    return out
