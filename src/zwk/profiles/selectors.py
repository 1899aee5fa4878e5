"""Reads of the Kommunalprofil for other apps and pages.

``indicator_comparison`` is the interface the Situationsanalyse (SWOT suggestions), the
Werkzeugkoffer (recommendations) and the Austausch (related Kommunen) build on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a Kommune with its reference levels (None where unknown).

    ``key`` is the demography engine's registry key (e.g. ``old_age_dependency_ratio``);
    ``name``/``unit``/``definition`` come from the engine's registry; ``trend`` is the change
    against the previous available year in the indicator's unit.
    """

    key: str
    name: str
    unit: str
    definition: str
    year: int
    value: float | None
    trend: float | None = None
    kreis: float | None = None
    land: float | None = None
    bund: float | None = None
    peers: float | None = None


def indicator_comparison(municipality) -> list[IndicatorRow]:
    """Latest indicators of ``municipality`` with Kreis/Land/Bund/peer levels; [] without data.

    Implemented by the Kommunalprofil (statistics in the database); until statistics are
    imported for a Kommune it returns an empty list.
    """
    return []
