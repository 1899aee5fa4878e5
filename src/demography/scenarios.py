"""Scenarios: named parameter sets and overrides, resolved into yearly paths.

A :class:`Scenario` states values for TFR, mean age at birth (completed years), life
expectancy at birth by sex and the net migration. A plain value holds from the base year on
(``--set tfr=1.55``); a path ``{year: value, …}`` (``--set tfr=1.55@2030`` or ``paths`` in the
assumptions file) runs linearly from the base level in the base year through the given
points and stays constant after the last. With ``target_year`` plain values are reached
linearly by that year (older behaviour). Base levels are those of the base year
(:meth:`~demography.assumptions.Assumptions.dated`). Named scenarios ("Basis", "hohe Zuwanderung", "niedrige Zuwanderung",
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

#: Keys accepted by :func:`with_overrides` (``--set KEY=VALUE`` or ``KEY=VALUE@YEAR``).
OVERRIDE_KEYS: dict[str, str] = {
    "tfr": "zusammengefasste Geburtenziffer (Kinder je Frau)",
    "mean_age_at_birth": "mittleres Alter der Mütter bei Geburt (vollendete Jahre)",
    "e0_male": "Lebenserwartung bei Geburt, Jungen (Jahre)",
    "e0_female": "Lebenserwartung bei Geburt, Mädchen (Jahre)",
    "net_migration": "Wanderungssaldo je Jahr für die oberste Ebene der Eingabe (Personen)",
    "net_migration_rate": "Wanderungssaldo je Jahr je 1 000 Einwohner der Eingabe",
    "sex_ratio_at_birth": "Jungen je Mädchen bei Geburt",
    "target_year": "Jahr, in dem Werte ohne @JAHR erreicht werden (ohne: konstant ab Basisjahr)",
}
#: Keys that take a path (``VALUE@YEAR``, or yearly values in the assumptions file).
PATH_KEYS = (
    "tfr",
    "mean_age_at_birth",
    "e0_male",
    "e0_female",
    "net_migration",
    "net_migration_rate",
)


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
    paths: Mapping[str, Mapping[int, float]] = dataclasses.field(default_factory=dict)
    net_migration_rate_start: float | None = None
    migration_convergence_years: int = 10


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
            net_migration_rate_start=a.recent_migration_rate,
            migration_convergence_years=int(spec.get("migration_convergence_years", 10)),
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


def _parse_value(key: str, raw: object) -> tuple[float, int | None]:
    """``1,55`` → (1.55, None); ``84.4@2060`` → (84.4, 2060)."""
    if isinstance(raw, str) and "@" in raw:
        value, _, year = raw.partition("@")
        if key not in PATH_KEYS:
            raise ValueError(f"--set {key}: @JAHR ist hier nicht erlaubt")
        try:
            when = int(year.strip())
        except ValueError:
            raise ValueError(
                f"--set {key}: „{year}“ ist kein Jahr (erwartet z. B. {key}=1,5@2040)"
            ) from None
        return _number(key, value.strip()), when
    return _number(key, raw), None


def with_overrides(scenario: Scenario, overrides: Mapping[str, object]) -> Scenario:
    """A copy of ``scenario`` with ``overrides`` (keys see :data:`OVERRIDE_KEYS`).

    Values may be numbers or strings with a decimal point or comma, optionally with
    ``@YEAR`` (reached linearly by YEAR, constant after). ``net_migration`` replaces any
    rate; a life expectancy value replaces the trend for that sex.
    """
    changes: dict[str, object] = {}
    paths = {k: dict(v) for k, v in scenario.paths.items()}
    for key, raw in overrides.items():
        if key not in OVERRIDE_KEYS:
            known = ", ".join(OVERRIDE_KEYS)
            raise ValueError(f"Unbekannter Parameter „{key}“ für --set. Erlaubt: {known}")
        value, year = _parse_value(key, raw)
        if key in ("net_migration", "net_migration_rate"):
            for other in ("net_migration", "net_migration_rate"):
                paths.pop(other, None)
                changes[other] = None
            changes["net_migration_rate_start"] = None
        if year is not None:
            paths[key] = {year: value}
            changes.setdefault(key, None)
        elif key == "target_year":
            changes[key] = int(value)
        else:
            paths.pop(key, None)
            changes[key] = value
    changes["paths"] = paths
    name = scenario.name
    if overrides:
        name += " (geändert: " + ", ".join(f"{k}={overrides[k]}" for k in overrides) + ")"
    return dataclasses.replace(scenario, name=name, **changes)  # type: ignore[arg-type]


def _piecewise(
    points: Mapping[int, float], years: np.ndarray, start_year: int, anchor: float
) -> np.ndarray:
    """Linear through ``(start_year, anchor)`` and the given points; constant after."""
    pts = sorted((int(y), float(v)) for y, v in points.items())
    if pts[0][0] > start_year:
        pts.insert(0, (start_year, anchor))
    xs = np.array([p[0] for p in pts], dtype=np.float64)
    ys = np.array([p[1] for p in pts], dtype=np.float64)
    return np.interp(years.astype(np.float64), xs, ys)


@dataclass(frozen=True)
class _Span:
    """The projection years of one ``resolve`` call and how far each is towards the target."""

    scenario: Scenario
    start_year: int
    horizon: int
    years: np.ndarray
    elapsed: np.ndarray  # years since the base year
    target_year: int
    frac: np.ndarray  # share of the way to the target year, 0 … 1
    paths: Mapping[str, Mapping[int, float]]

    def path(self, key: str, base: float, value: float | None, default: np.ndarray) -> np.ndarray:
        """A path given for ``key``, else the scenario's plain value (from the base year on,
        or reached by the target year), else ``default``."""
        if key in self.paths:
            return _piecewise(self.paths[key], self.years, self.start_year, base)
        if value is None:
            return default
        if self.scenario.target_year is None:
            return np.full(self.horizon, float(value))
        return base + (value - base) * self.frac


def _span(scenario: Scenario, start_year: int, horizon: int, a: Assumptions) -> _Span:
    years = np.arange(start_year + 1, start_year + horizon + 1)
    target_year = scenario.target_year or (start_year + horizon)
    if target_year <= start_year:
        raise ValueError("Das Zieljahr muss nach dem Basisjahr liegen")
    elapsed = (years - start_year).astype(np.float64)
    return _Span(
        scenario=scenario,
        start_year=start_year,
        horizon=horizon,
        years=years,
        elapsed=elapsed,
        target_year=target_year,
        frac=np.clip(elapsed / (target_year - start_year), 0.0, 1.0),
        paths={**a.paths, **scenario.paths},
    )


def _life_expectancy(span: _Span, a: Assumptions) -> np.ndarray:
    """e0 by year (rows) and sex (columns male, female): the base level plus the yearly gain
    up to the target year, unless a value or path is given."""
    scenario = span.scenario
    e0 = np.empty((span.horizon, 2))
    for sex, (key, base, target) in enumerate(
        (("e0_male", a.e0_male, scenario.e0_male), ("e0_female", a.e0_female, scenario.e0_female))
    ):
        years_of_gain = np.minimum(span.elapsed, span.target_year - span.start_year)
        trend = base + scenario.e0_gain_per_year[sex] * years_of_gain
        e0[:, sex] = span.path(key, base, target, trend)
    return e0


def _migration_rates(span: _Span, a: Assumptions) -> np.ndarray:
    """Net migration per 1,000 inhabitants by year: the scenario's rate (default: the national
    long-run level), converging from its start rate if it has one."""
    scenario = span.scenario
    rate = scenario.net_migration_rate
    if rate is None:
        rate = a.long_run_migration["W2"] / a.reference_population * 1000.0
    start_rate = scenario.net_migration_rate_start
    if start_rate is None:
        return np.full(span.horizon, rate)
    k = np.clip(span.elapsed / max(scenario.migration_convergence_years, 1), 0.0, 1.0)
    return start_rate + (rate - start_rate) * k


def _fixed_migration(net_migration, horizon: int) -> np.ndarray:
    """Persons per year: one number for every year, or one value per projection year."""
    if isinstance(net_migration, Sequence | np.ndarray):
        values = np.asarray(net_migration, dtype=np.float64)
        if values.size < horizon:
            raise ValueError(
                f"Wanderungssaldo: {values.size} Jahreswerte für {horizon} Jahre angegeben"
            )
        return values[:horizon].copy()
    return np.full(horizon, float(net_migration))


def _net_migration(span: _Span, a: Assumptions, base_population: float) -> np.ndarray:
    """Net migration in persons by year, in the order of precedence of the module docstring
    (paths first)."""
    scenario, paths, years, start_year = span.scenario, span.paths, span.years, span.start_year
    rates = _migration_rates(span, a)
    if "net_migration" in paths:
        default = rates * base_population / 1000.0
        return _piecewise(paths["net_migration"], years, start_year, default[0])
    if "net_migration_rate" in paths:
        per_1000 = _piecewise(paths["net_migration_rate"], years, start_year, rates[0])
        return per_1000 * base_population / 1000.0
    if scenario.net_migration is not None:
        return _fixed_migration(scenario.net_migration, span.horizon)
    if scenario.net_migration_rate is not None and scenario.net_migration_rate_start is None:
        return np.full(span.horizon, scenario.net_migration_rate * base_population / 1000.0)
    return rates * base_population / 1000.0


def resolve(
    scenario: Scenario,
    *,
    start_year: int,
    horizon: int,
    base_population: float,
    assumptions: Assumptions | None = None,
) -> YearlyParameters:
    """Yearly parameter paths for the projection years ``start_year+1 … start_year+horizon``.

    ``base_population`` is the total of the input at the base date (persons; for
    hierarchical input the top level only); it turns a migration rate into persons.
    Base levels come from ``assumptions`` as given (date them with
    :meth:`~demography.assumptions.Assumptions.dated` first).
    """
    if horizon < 1:
        raise ValueError("Der Vorausberechnungszeitraum muss mindestens 1 Jahr sein")
    a = assumptions or default_assumptions()
    span = _span(scenario, start_year, horizon, a)
    tfr = span.path("tfr", a.tfr, scenario.tfr, a.tfr + scenario.tfr_delta * span.frac)
    mab = span.path(
        "mean_age_at_birth",
        a.mean_age_at_birth,
        scenario.mean_age_at_birth,
        np.full(horizon, a.mean_age_at_birth),
    )
    srb = scenario.sex_ratio_at_birth or a.sex_ratio_at_birth
    return YearlyParameters(
        scenario=scenario,
        years=span.years,
        tfr=tfr,
        mean_age_at_birth=mab,
        sd_age_at_birth=a.sd_age_at_birth,
        e0=_life_expectancy(span, a),
        net_migration=_net_migration(span, a, base_population),
        sex_ratio_at_birth=float(srb),
    )
