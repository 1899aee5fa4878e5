"""Plausibility of the numbers every reader returns (refused with file, line, column).

* Non-finite numbers (an integer of 400 digits becomes ``inf``) are refused.
* Counts above :data:`MAX_COUNT` (10 billion, more than the world's population) are
  refused: no German table counts that many persons or events.
* Negative numbers are refused, except for measures that are differences by definition
  (``Wanderungssaldo``, ``Geburtenüberschuss bzw. -defizit``, ``Veränderung`` …).

Unknown cells (``.``, ``...`` …) are NaN and not affected.
"""

from __future__ import annotations

import numpy as np

from demography.errors import DataError
from demography.readers.table import Table

MAX_COUNT = 1e10
_SIGNED_WORDS = ("saldo", "überschuss", "defizit", "veränderung", "differenz", "bilanz")


def is_signed_measure(measure: object) -> bool:
    """True for measures that may be negative (balances, changes)."""
    text = str(measure).lower()
    return any(word in text for word in _SIGNED_WORDS)


def check_values(table: Table) -> Table:
    """Raise :class:`DataError` at the first impossible value; return ``table``."""
    values = table.values
    bad = np.isinf(values) | (np.abs(values) > MAX_COUNT)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _error(
            table,
            i,
            "Zahl ist keine endliche Zahl oder unplausibel groß.",
            "number is not finite or implausibly large.",
            f"eine Anzahl unter {MAX_COUNT:,.0f}".replace(",", "."),
            f"a count below {MAX_COUNT:,.0f}",
        )
    negative = values < 0
    if negative.any() and "measure" in table.levels:
        signed = np.array([is_signed_measure(m) for m in table.levels["measure"]], dtype=bool)
        negative &= ~signed[table.index["measure"]]
    if negative.any():
        i = int(np.flatnonzero(negative)[0])
        raise _error(
            table,
            i,
            "Negative Anzahl: Bestände und Ereignisse können nicht negativ sein.",
            "negative count: stocks and events cannot be negative.",
            "eine Anzahl ≥ 0 (negativ nur bei Salden)",
            "a count ≥ 0 (negative only for balances)",
        )
    return table


def _error(table: Table, i: int, de: str, en: str, exp_de: str, exp_en: str) -> DataError:
    line = int(table.lines[i]) if len(table.lines) else 0
    column = int(table.columns[i]) if len(table.columns) else 0
    return DataError(
        table.source,
        de,
        en,
        line=line or None,
        column=column or None,
        found=repr(float(table.values[i])),
        expected_de=exp_de,
        expected_en=exp_en,
    )
