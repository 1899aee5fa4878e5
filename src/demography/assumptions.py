"""Default assumptions of the projection, loaded from a documented parameter file.

The shipped file ``data/assumptions_de.json`` holds the latest published national figures
(TFR, mean age at birth, life expectancy at birth by sex, net migration, sex ratio at
birth), each with value, reference year and source, plus the model shapes and the named
scenarios. Users replace it by passing their own file (same keys) to
:func:`load_assumptions`, or by ``dataclasses.replace`` on the loaded object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from demography.lifetable import SilerShape
from demography.migration import age_sex_profile


@dataclass(frozen=True)
class Assumptions:
    """Base levels and model shapes (Basiswerte und Modellformen).

    Einheiten: ``tfr`` children per woman; ``mean_age_at_birth`` and ``sd_age_at_birth``
    years; ``e0_male``/``e0_female`` years; ``sex_ratio_at_birth`` boys per girl;
    ``net_migration`` persons per year (Germany, latest year); ``reference_population``
    persons (Germany) – used to turn national migration levels into rates per inhabitant.
    ``migration_profile`` has shape ``(2, 101)`` and sums to 1.
    """

    tfr: float
    mean_age_at_birth: float
    sd_age_at_birth: float
    e0_male: float
    e0_female: float
    sex_ratio_at_birth: float
    net_migration: float
    reference_population: float
    mortality_shapes: tuple[SilerShape, SilerShape]
    migration_profile: np.ndarray
    long_run_migration: dict[str, float]
    e0_trends: dict[str, tuple[float, float]]
    scenarios: dict[str, dict[str, Any]]
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def e0(self) -> tuple[float, float]:
        return (self.e0_male, self.e0_female)


def _value(node: dict[str, Any]) -> float:
    return float(node["value"])


def load_assumptions(path: str | Path | None = None) -> Assumptions:
    """Read the parameter file (default: the shipped German defaults)."""
    if path is None:
        text = (
            resources.files("demography")
            .joinpath("data/assumptions_de.json")
            .read_text(encoding="utf-8")
        )
    else:
        text = Path(path).read_text(encoding="utf-8")
    raw = json.loads(text)
    fert, mort, migr = raw["fertility"], raw["mortality"], raw["migration"]
    shapes = tuple(SilerShape(**mort["siler_shape"][sex]) for sex in ("male", "female"))
    trends = {
        name: (float(v["male"]), float(v["female"]))
        for name, v in raw["trends"].items()
        if not name.startswith("_")
    }
    sources = {
        "tfr": fert["tfr"]["source"],
        "mean_age_at_birth": fert["mean_age_at_birth"]["source"],
        "sex_ratio_at_birth": fert["sex_ratio_at_birth"]["source"],
        "e0_male": mort["e0_male"]["source"],
        "e0_female": mort["e0_female"]["source"],
        "net_migration": migr["net_migration"]["source"],
        "long_run_migration": migr["long_run"]["_about"],
        "migration_profile": migr["profile"]["_about"],
        "trends": raw["trends"]["_about"],
    }
    return Assumptions(
        tfr=_value(fert["tfr"]),
        mean_age_at_birth=_value(fert["mean_age_at_birth"]),
        sd_age_at_birth=_value(fert["sd_age_at_birth"]),
        e0_male=_value(mort["e0_male"]),
        e0_female=_value(mort["e0_female"]),
        sex_ratio_at_birth=_value(fert["sex_ratio_at_birth"]),
        net_migration=_value(migr["net_migration"]),
        reference_population=_value(migr["reference_population"]),
        mortality_shapes=shapes,  # type: ignore[arg-type]
        migration_profile=age_sex_profile(migr["profile"]),
        long_run_migration={k: float(v) for k, v in migr["long_run"].items() if k[0] != "_"},
        e0_trends=trends,
        scenarios=raw["scenarios"],
        sources=sources,
    )


_DEFAULT: Assumptions | None = None


def default_assumptions() -> Assumptions:
    """The shipped defaults, parsed once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_assumptions()
    return _DEFAULT
