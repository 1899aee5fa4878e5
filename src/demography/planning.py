"""Functional age groups and planning demand derived from a projection.

Aussage
    Persons in the age groups used in municipal planning (Kita, school, old age) and the
    expected number of people in need of long-term care, per region and year.
Berechnung
    Age groups: sums of single years ``lower … upper`` (inclusive; ``upper=None`` = open).
    Care needs: ``Σ_{s,x} P_{s,x} · p_{s,x}`` with age/sex-specific care rates p
    ("Pflegequoten": share of persons receiving benefits of the Pflegeversicherung).
Quelle
    Default care rates: Pflegestatistik 2021, Statistisches Bundesamt; Pflegebedürftige
    (Anzahl und Quote) nach Alter und Geschlecht, Deutschland, 31.12.2021 (Tabelle der
    Gesundheitsberichterstattung des Bundes, gbe-bund.de): unter 75 Jahre 2,3 % (m 2,3 /
    w 2,3); 75–84 23,9 % (19,6 / 27,1); 85–89 54,1 % (43,2 / 60,6); 90 und älter 81,6 %
    (69,6 / 86,4). The coarse group "unter 75" (same rate for a child and a 74-year-old)
    is a limit of that table; replace the rates with finer local ones where available.
Einheit
    Persons; care rates as shares (0 … 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from demography.core import N_AGES

if TYPE_CHECKING:  # pragma: no cover - typing only
    from demography.projection import ProjectionResult


@dataclass(frozen=True)
class AgeGroups:
    """Contiguous age groups covering 0 … 100+; ``bounds`` are the lower ages.

    ``AgeGroups.from_bounds([0, 3, 6])`` gives 0–2, 3–5, 6+. Labels read "0-2", "80+".
    """

    bounds: tuple[int, ...]

    def __post_init__(self) -> None:
        b = self.bounds
        if not b or b[0] != 0 or any(x >= y for x, y in pairwise(b)):
            raise ValueError("Altersgruppen müssen bei 0 beginnen und aufsteigen")
        if b[-1] >= N_AGES:
            raise ValueError("Altersgrenzen müssen unter 101 liegen")

    @classmethod
    def from_bounds(cls, bounds: list[int] | tuple[int, ...]) -> AgeGroups:
        return cls(tuple(int(x) for x in bounds))

    @property
    def labels(self) -> tuple[str, ...]:
        out = []
        for i, lower in enumerate(self.bounds):
            if i + 1 < len(self.bounds):
                out.append(f"{lower}-{self.bounds[i + 1] - 1}")
            else:
                out.append(f"{lower}+")
        return tuple(out)

    def aggregate(self, counts: np.ndarray) -> np.ndarray:
        """Sum the last axis (101 single ages) into the groups: ``(..., G)``."""
        return np.add.reduceat(counts, np.asarray(self.bounds), axis=-1)


#: Functional age groups of municipal planning: 0–2, 3–5, 6–9, 10–15, 16–18, 19–24, 25–44,
#: 45–64, 65–79, 80+ (Krippe, Kindergarten, Grundschule, Sekundarstufe I, Sekundarstufe II /
#: Ausbildung, junge Erwachsene, Familiengründung, ältere Erwerbsfähige, junge Alte, Hochbetagte).
FUNCTIONAL_GROUPS = AgeGroups((0, 3, 6, 10, 16, 19, 25, 45, 65, 80))

#: Care rates (Pflegequoten) 2021 by sex and age group, see module docstring.
CARE_RATE_BOUNDS = (0, 75, 85, 90)
CARE_RATES_2021 = {
    "male": (0.023, 0.196, 0.432, 0.696),
    "female": (0.023, 0.271, 0.606, 0.864),
}


def care_rates_by_age(
    bounds: tuple[int, ...] = CARE_RATE_BOUNDS,
    rates: dict[str, tuple[float, ...]] | None = None,
) -> np.ndarray:
    """Expand grouped care rates to single ages: shape ``(2, 101)`` (male, female)."""
    rates = rates or CARE_RATES_2021
    out = np.empty((2, N_AGES))
    edges = [*bounds, N_AGES]
    for sex, key in enumerate(("male", "female")):
        values = rates[key]
        if len(values) != len(bounds):
            raise ValueError("Pflegequoten: je Altersgruppe genau ein Wert")
        for i, value in enumerate(values):
            out[sex, edges[i] : edges[i + 1]] = value
    return out


def planning_demand(
    result: ProjectionResult, care_rates: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """Planning figures per year and region, each an array of shape ``(years, regions)``.

    Keys: ``kita_0_2`` (Krippenalter), ``kita_3_5`` (Kindergartenalter), ``pupils_6_9``
    (Grundschulalter), ``pupils_10_15`` (Sekundarstufe I), ``age_80_plus`` (Hochbetagte),
    ``care_needs`` (expected Pflegebedürftige, persons, with ``care_rates`` of shape
    ``(2, 101)``; default :func:`care_rates_by_age`). Needs single-year results.
    """
    counts = result.single_years()
    both = counts.sum(axis=2)  # (T, R, 101)
    rates = care_rates_by_age() if care_rates is None else np.asarray(care_rates)
    return {
        "kita_0_2": both[..., 0:3].sum(axis=-1),
        "kita_3_5": both[..., 3:6].sum(axis=-1),
        "pupils_6_9": both[..., 6:10].sum(axis=-1),
        "pupils_10_15": both[..., 10:16].sum(axis=-1),
        "age_80_plus": both[..., 80:].sum(axis=-1),
        "care_needs": np.einsum("trsa,sa->tr", counts, rates),
    }
