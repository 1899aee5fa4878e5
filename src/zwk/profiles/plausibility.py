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

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from demography.regions import BUND

#: No German region has this many inhabitants or events in a year (Germany: ~84 million).
MAX_COUNT = 200_000_000
#: A year-to-year change beyond this factor (either way) is flagged as implausible.
JUMP_FACTOR = 1.5
#: … unless fewer people than this differ (small Quartiere do change by a few hundred).
JUMP_MIN_PERSONS = 1_000
#: Warnings listed one by one in an import's summary; the rest are counted.
MAX_WARNINGS_LISTED = 50

#: labels of the messages (marked for translation, translated where a message is built)
KIND_LABELS = {
    "births": gettext_noop("Lebendgeborene"),
    "deaths": gettext_noop("Gestorbene"),
    "migration_in": gettext_noop("Zuzüge"),
    "migration_out": gettext_noop("Fortzüge"),
    "net_migration": gettext_noop("Wanderungssaldo"),
}
SEX_LABELS = {
    "total": gettext_noop("insgesamt"),
    "male": gettext_noop("männlich"),
    "female": gettext_noop("weiblich"),
}

Totals = Mapping[tuple[str, int], float]  # (region code, year) → inhabitants (both sexes)


def _fmt(value: float) -> str:
    if not math.isfinite(value) or abs(value) >= 1e15:
        return repr(value)
    return f"{value:,.0f}".replace(",", ".")


def _problem(value: float, *, may_be_negative: bool = False) -> str | None:
    if not math.isfinite(value):
        return _("keine endliche Zahl")
    if value < 0 and not may_be_negative:
        return _("negative Anzahl")
    if abs(value) > MAX_COUNT:
        return _("unmöglich groß (mehr als 200 Millionen)")
    return None


def _all_possible(values: list) -> bool:
    """True when every value is a count from 0 to :data:`MAX_COUNT` (C-level min, max and
    sum; a NaN or an infinity makes the sum not finite and the values are checked one by
    one)."""
    try:
        total = math.fsum(values)
    except OverflowError:  # huge finite values: checked one by one
        return False
    return math.isfinite(total) and min(values) >= 0 and max(values) <= MAX_COUNT


def impossible_values(stocks: Iterable, movements: Iterable, *, file_name: str) -> list[str]:
    """German messages for values no statistics can hold (empty: the file may be imported).

    Each names the file, the region, the year and the measure, so that the office finds the
    cell; the readers already refuse unreadable cells with line and column.
    """
    found: list[str] = []
    for rec in stocks:
        values = [rec.total, *(rec.ages or ())]
        if _all_possible(values):
            continue
        for position, value in enumerate(values):
            problem = _problem(float(value))
            if problem:
                # the label is translated only for the value reported: translating one
                # label per age took 9 of 10 parts of importing 11,000 Gemeinden by age
                label = (
                    _("Einwohner") if position == 0 else _("Alter %(age)s") % {"age": position - 1}
                )
                found.append(
                    _(
                        "%(file)s: Gebiet %(code)s %(name)s, Jahr %(year)s, %(label)s "
                        "(%(sex)s): %(problem)s – gefunden %(value)s. Erwartet: eine Anzahl "
                        "von 0 bis 200 Millionen."
                    )
                    % {
                        "file": file_name,
                        "code": rec.code,
                        "name": rec.name,
                        "year": rec.year,
                        "label": label,
                        "sex": _(SEX_LABELS[rec.sex]) if rec.sex in SEX_LABELS else rec.sex,
                        "problem": problem,
                        "value": _fmt(float(value)),
                    }
                )
                break
    for rec in movements:
        problem = _problem(float(rec.value), may_be_negative=rec.kind == "net_migration")
        if problem:
            found.append(
                _(
                    "%(file)s: Gebiet %(code)s %(name)s, Jahr %(year)s, %(label)s: "
                    "%(problem)s – gefunden %(value)s. Erwartet: eine Anzahl von 0 bis 200 "
                    "Millionen."
                )
                % {
                    "file": file_name,
                    "code": rec.code,
                    "name": rec.name,
                    "year": rec.year,
                    "label": _(KIND_LABELS[rec.kind]) if rec.kind in KIND_LABELS else rec.kind,
                    "problem": problem,
                    "value": _fmt(float(rec.value)),
                }
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
                _(
                    "Gebiet %(label)s, Jahr %(year)s: %(value)s Einwohner – mehr als das "
                    "übergeordnete Gebiet %(parent)s (%(parent_value)s)."
                )
                % {
                    "label": label,
                    "year": year,
                    "value": _fmt(value),
                    "parent": parent,
                    "parent_value": _fmt(parent_value),
                }
            )
        for other_year in (year - 1, year + 1):
            other = merged.get((code, other_year))
            if other is None or (other_year == year + 1 and (code, other_year) in file_totals):
                continue  # each pair of years once
            low, high = sorted((value, other))
            if high - low >= JUMP_MIN_PERSONS and (low <= 0 or high / low > JUMP_FACTOR):
                first, second = sorted(((year, value), (other_year, other)))
                out.append(
                    _(
                        "Gebiet %(label)s: %(a)s Einwohner %(year_a)s, %(b)s Einwohner "
                        "%(year_b)s – Sprung um mehr als das %(factor)s-Fache."
                    )
                    % {
                        "label": label,
                        "a": _fmt(first[1]),
                        "year_a": first[0],
                        "b": _fmt(second[1]),
                        "year_b": second[0],
                        "factor": str(JUMP_FACTOR).replace(".", ","),
                    }
                )
    return out
