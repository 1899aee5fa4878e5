"""Scenarios: named parameter sets and overrides, resolved into yearly paths.

A :class:`Scenario` states *targets* (TFR, mean age at birth, life expectancy at birth by
sex) reached in ``target_year`` (default: the last projection year) and the net migration.
Paths run linearly from the base level (the :class:`~demography.assumptions.Assumptions`,
i.e. the latest published figures) in the base year to the target, and stay constant after
the target year. Named scenarios ("Basis", "hohe Zuwanderung", "niedrige Zuwanderung",
"höhere Geburtenrate", "längeres Leben") are defined in the parameter file.

Net migration, in order of precedence:

* ``net_migration`` – persons per year for the whole input (all regions together); a number
  (the same every year) or a sequence with one value per projection year;
* ``net_migration_rate`` – persons per year per 1,000 inhabitants of the input at the base
  date (the named scenarios use the national long-run level of the 15. koordinierte
  Bevölkerungsvorausberechnung divided by the national population, so a Gemeinde gets its
  population share of the national balance).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from demography.assumptions import Assumptions, default_assumptions

SCENARIO_NAMES = (
    "Basis",
    "hohe Zuwanderung",
    "niedrige Zuwanderung",
    "höhere Geburtenrate",
    "längeres Leben",
)

#: Keys accepted by :func:`with_overrides` (``--set KEY=VALUE``) and their meaning.
OVERRIDE_KEYS: dict[str, str] = {
    "tfr": "zusammengefasste Geburtenziffer im Zieljahr (Kinder je Frau)",
    "mean_age_at_birth": "mittleres Alter der Mütter bei Geburt im Zieljahr (Jahre)",
    "e0_male": "Lebenserwartung bei Geburt, Jungen, im Zieljahr (Jahre)",
    "e0_female": "Lebenserwartung bei Geburt, Mädchen, im Zieljahr (Jahre)",
    "net_migration": "Wanderungssaldo je Jahr für die gesamte Eingabe (Personen)",
    "net_migration_rate": "Wanderungssaldo je Jahr je 1 000 Einwohner der Eingabe",
    "sex_ratio_at_birth": "Jungen je Mädchen bei Geburt",
    "target_year": "Jahr, in dem die Zielwerte erreicht werden (Standard: Ende des Zeitraums)",
}


@dataclass(frozen=True)
class Scenario:
    """A set of projection assumptions (targets and migration); ``None`` = base level.

    ``e0_gain_per_year`` (male, female; years of life expectancy per calendar year) is used
    for a sex whose ``e0_*`` target is ``None``; ``tfr_delta`` (children per woman) is added
    to the base TFR by the target year when ``tfr`` is ``None``.
    """

    name: str = "Basis"
    description: str = ""
    tfr: float | None = None
    tfr_delta: float = 0.0
    mean_age_at_birth: float | None = None
    e0_male: float | None = None
    e0_female: float | None = None
    e0_gain_per_year: tuple[float, float] = (0.0, 0.0)
    net_migration: float | tuple[float, ...] | None = None
    net_migration_rate: float | None = None
    sex_ratio_at_birth: float | None = None
    target_year: int | None = None


@dataclass(frozen=True)
class YearlyParameters:
    """Resolved scenario: one value per projection year ``years[t]`` (events of that year).

    ``tfr`` (H,), ``mean_age_at_birth`` (H,), ``e0`` (H, 2) male/female, ``net_migration``
    (H,) persons for the whole input, ``sex_ratio_at_birth`` boys per girl.
    """

    scenario: Scenario
    years: np.ndarray
    tfr: np.ndarray
    mean_age_at_birth: np.ndarray
    sd_age_at_birth: float
    e0: np.ndarray
    net_migration: np.ndarray
    sex_ratio_at_birth: float

    def as_dict(self) -> dict[str, object]:
        """Plain-Python view (for JSON output and the UI)."""
        return {
            "scenario": self.scenario.name,
            "description": self.scenario.description,
            "years": self.years.tolist(),
            "tfr": np.round(self.tfr, 4).tolist(),
            "mean_age_at_birth": np.round(self.mean_age_at_birth, 3).tolist(),
            "e0_male": np.round(self.e0[:, 0], 3).tolist(),
            "e0_female": np.round(self.e0[:, 1], 3).tolist(),
            "net_migration": np.round(self.net_migration, 1).tolist(),
            "sex_ratio_at_birth": self.sex_ratio_at_birth,
        }


def named_scenarios(assumptions: Assumptions | None = None) -> dict[str, Scenario]:
    """The named scenarios of the parameter file as :class:`Scenario` objects."""
    a = assumptions or default_assumptions()
    out: dict[str, Scenario] = {}
    for name, spec in a.scenarios.items():
        level = spec.get("migration_level", "W2")
        rate = a.long_run_migration[level] / a.reference_population * 1000.0
        out[name] = Scenario(
            name=name,
            description=spec.get("description", ""),
            tfr_delta=float(spec.get("tfr_delta", 0.0)),
            e0_gain_per_year=a.e0_trends[spec.get("e0_trend", "e0_gain_L2")],
            net_migration_rate=rate,
        )
    return out


def get_scenario(name: str, assumptions: Assumptions | None = None) -> Scenario:
    """Named scenario; raises ``KeyError`` with the known names in German."""
    scenarios = named_scenarios(assumptions)
    if name not in scenarios:
        known = ", ".join(f"„{n}“" for n in scenarios)
        raise KeyError(f"Unbekanntes Szenario „{name}“. Bekannt: {known}")
    return scenarios[name]


def _number(key: str, value: object) -> float:
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except ValueError:
        raise ValueError(f"--set {key}: „{value}“ ist keine Zahl") from None
    if not math.isfinite(number):
        raise ValueError(f"--set {key}: „{value}“ ist keine endliche Zahl")
    return number


def with_overrides(scenario: Scenario, overrides: Mapping[str, object]) -> Scenario:
    """A copy of ``scenario`` with ``overrides`` (keys see :data:`OVERRIDE_KEYS`).

    Values may be numbers or strings with a decimal point or comma. ``net_migration``
    replaces any rate; a life expectancy target replaces the trend for that sex.
    """
    changes: dict[str, object] = {}
    for key, raw in overrides.items():
        if key not in OVERRIDE_KEYS:
            known = ", ".join(OVERRIDE_KEYS)
            raise ValueError(f"Unbekannter Parameter „{key}“ für --set. Erlaubt: {known}")
        value = _number(key, raw)
        if key == "target_year":
            changes[key] = int(value)
        elif key == "net_migration":
            changes["net_migration"] = value
            changes["net_migration_rate"] = None
        else:
            changes[key] = value
    name = scenario.name
    if changes:
        name += " (geändert: " + ", ".join(f"{k}={overrides[k]}" for k in overrides) + ")"
    return dataclasses.replace(scenario, name=name, **changes)  # type: ignore[arg-type]


def resolve(
    scenario: Scenario,
    *,
    start_year: int,
    horizon: int,
    base_population: float,
    assumptions: Assumptions | None = None,
) -> YearlyParameters:
    """Yearly parameter paths for the projection years ``start_year+1 … start_year+horizon``.

    ``base_population`` is the total of the input at the base date (persons); it turns a
    migration rate into persons per year.
    """
    if horizon < 1:
        raise ValueError("Der Vorausberechnungszeitraum muss mindestens 1 Jahr sein")
    a = assumptions or default_assumptions()
    years = np.arange(start_year + 1, start_year + horizon + 1)
    target_year = scenario.target_year or (start_year + horizon)
    if target_year <= start_year:
        raise ValueError("Das Zieljahr muss nach dem Basisjahr liegen")
    elapsed = (years - start_year).astype(np.float64)
    frac = np.clip(elapsed / (target_year - start_year), 0.0, 1.0)

    def path(base: float, target: float | None, delta: float = 0.0) -> np.ndarray:
        goal = base + delta if target is None else target
        return base + (goal - base) * frac

    tfr = path(a.tfr, scenario.tfr, scenario.tfr_delta)
    mab = path(a.mean_age_at_birth, scenario.mean_age_at_birth)
    e0 = np.empty((horizon, 2))
    for sex, (base, target) in enumerate(
        ((a.e0_male, scenario.e0_male), (a.e0_female, scenario.e0_female))
    ):
        if target is None:
            years_of_gain = np.minimum(elapsed, target_year - start_year)
            e0[:, sex] = base + scenario.e0_gain_per_year[sex] * years_of_gain
        else:
            e0[:, sex] = path(base, target)

    if scenario.net_migration is not None:
        nm = scenario.net_migration
        if isinstance(nm, Sequence | np.ndarray):
            values = np.asarray(nm, dtype=np.float64)
            if values.size < horizon:
                raise ValueError(
                    f"Wanderungssaldo: {values.size} Jahreswerte für {horizon} Jahre angegeben"
                )
            migration = values[:horizon].copy()
        else:
            migration = np.full(horizon, float(nm))
    else:
        rate = scenario.net_migration_rate
        if rate is None:
            rate = a.long_run_migration["W2"] / a.reference_population * 1000.0
        migration = np.full(horizon, rate * base_population / 1000.0)

    srb = scenario.sex_ratio_at_birth or a.sex_ratio_at_birth
    return YearlyParameters(
        scenario=scenario,
        years=years,
        tfr=tfr,
        mean_age_at_birth=mab,
        sd_age_at_birth=a.sd_age_at_birth,
        e0=e0,
        net_migration=migration,
        sex_ratio_at_birth=float(srb),
    )
