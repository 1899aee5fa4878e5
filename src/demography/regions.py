"""Official German region keys: levels, the Länder, Bund as the sum of the Länder, size classes.

The Amtlicher Gemeindeschlüssel (AGS, Destatis) nests the levels in its digits: 2 digits Land,
1 Regierungsbezirk, 2 Kreis, 3 Gemeinde. A Land key has 2 digits, a Regierungsbezirk 3, a
Kreis 5, a Gemeinde 8; GENESIS writes Deutschland as ``DG``. Keys that are none of these
(e.g. the areas of a Kommune's own register data) have no official level.

This module is the one place that lists the Länder; the table readers, the import of official
tables and the validation of a Kommune's AGS all read :data:`LAENDER`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

#: GENESIS code for Deutschland (the Bund).
BUND = "DG"
BUND_NAME = "Deutschland"

#: The 16 Länder: official two-digit key → name as Destatis writes it, in key order.
LAENDER: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}

#: Name → key for the Länder and Deutschland, as GENESIS tables write them in headers.
CODE_BY_NAME: dict[str, str] = {name: code for code, name in LAENDER.items()} | {BUND_NAME: BUND}

#: Number of digits of an official key → its level.
LEVEL_BY_LENGTH = {2: "land", 3: "regbez", 5: "kreis", 8: "gemeinde"}


def level_of_code(code: str) -> str | None:
    """Level of an official region key (``bund``, ``land``, ``regbez``, ``kreis``,
    ``gemeinde``); ``None`` if the key is not an official one."""
    if code == BUND:
        return "bund"
    if not code.isdigit():
        return None
    return LEVEL_BY_LENGTH.get(len(code))


def land_of(code: str) -> str | None:
    """Key of the Land an official key lies in (``None`` for the Bund and unofficial keys)."""
    if code == BUND or level_of_code(code) is None or code[:2] not in LAENDER:
        return None
    return code[:2]


def bund_from_laender(values: Mapping[str, np.ndarray | float]) -> np.ndarray | None:
    """Deutschland as the sum of the 16 Länder.

    ``values`` maps region keys to figures of one year and sex (a total or an age structure of
    equal shape); keys other than Land keys are ignored. Returns ``None`` unless all 16 Länder
    are present: a partial sum would silently understate the Bund.
    """
    laender = [values[code] for code in LAENDER if code in values]
    if len(laender) != len(LAENDER):
        return None
    return np.sum(np.asarray(laender, dtype=np.float64), axis=0)


# Size classes as in the BBSR's Stadt- und Gemeindetypen (Einwohner), and for Kreise in three
# bands, so that "regions of the same size class and type" is a fixed, explainable group.
SIZE_CLASSES: dict[str, tuple[tuple[float, float, str], ...]] = {
    "gemeinde": (
        (0, 5_000, "Landgemeinden unter 5.000 Einwohnern"),
        (5_000, 20_000, "Kleinstädte und Gemeinden mit 5.000 bis 20.000 Einwohnern"),
        (20_000, 100_000, "Mittelstädte mit 20.000 bis 100.000 Einwohnern"),
        (100_000, float("inf"), "Großstädte ab 100.000 Einwohnern"),
    ),
    "kreis": (
        (0, 150_000, "Kreise unter 150.000 Einwohnern"),
        (150_000, 250_000, "Kreise mit 150.000 bis 250.000 Einwohnern"),
        (250_000, float("inf"), "Kreise ab 250.000 Einwohnern"),
    ),
}


def size_class(level: str, population: float | None) -> tuple[float, float, str] | None:
    """(lower, upper, German label) of the size class of a region, None if it has none.

    Einheit: Einwohner; lower bound inclusive, upper bound exclusive.
    """
    if population is None:
        return None
    for low, high, label in SIZE_CLASSES.get(level, ()):
        if low <= population < high:
            return low, high, label
    return None
