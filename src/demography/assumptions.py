"""Default assumptions of the projection, loaded from a documented parameter file.

The shipped file ``data/assumptions_de.json`` holds the latest published national figures
(TFR, mean age at birth, life expectancy at birth by sex, net migration, sex ratio at
birth), each with value, reference year and source, plus the model shapes and the named
scenarios. Users replace it by passing their own file (same keys) to
:func:`load_assumptions`, or by ``dataclasses.replace`` on the loaded object.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from demography.lifetable import MortalityModel, SilerShape
from demography.migration import age_sex_profile

#: Offset from a mean age at birth in completed years (as published and as given by
#: ``--set mean_age_at_birth``) to the mean exact age used by the fertility model: a woman
#: aged x in completed years gives birth at exact age x + 0.5 on average.
COMPLETED_TO_EXACT = 0.5


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
    mortality_model: MortalityModel | None = None
    series: dict[str, dict[int, Any]] | None = None
    paths: dict[str, dict[int, float]] = field(default_factory=dict)
    base_year: int | None = None
    recent_migration_rate: float | None = None

    @property
    def e0(self) -> tuple[float, float]:
        return (self.e0_male, self.e0_female)

    def dated(self, year: int) -> Assumptions:
        """The assumptions of base year ``year``: TFR, mean age at birth, e0 and recent net
        migration taken from the shipped series (see :func:`series_value`), not today's.

        Without series (a user file without ``series``) the values stay as they are.
        ``recent_migration_rate`` = mean net migration of the five years up to ``year`` per
        1,000 inhabitants of Germany (the start of the Basis migration path).
        """
        if not self.series or self.base_year == year:
            return self
        ser = self.series
        changes: dict[str, Any] = {"base_year": year}
        notes = dict(self.sources)
        if ser.get("tfr"):
            changes["tfr"], notes["tfr"] = series_value(ser["tfr"], year)
        if ser.get("mean_age_at_birth"):
            value, src = series_value(ser["mean_age_at_birth"], year)
            changes["mean_age_at_birth"], notes["mean_age_at_birth"] = value, src
        if ser.get("e0_male") and ser.get("e0_female"):
            gain = self.e0_trends.get("e0_gain_L2", (0.0, 0.0))
            for sex, key in enumerate(("e0_male", "e0_female")):
                changes[key], notes[key] = series_value(ser[key], year, trend=gain[sex])
        if ser.get("net_migration"):
            recent = [series_value(ser["net_migration"], y)[0] for y in range(year - 4, year + 1)]
            changes["net_migration"], notes["net_migration"] = series_value(
                ser["net_migration"], year
            )
            changes["recent_migration_rate"] = (
                float(np.mean(recent)) / self.reference_population * 1000.0
            )
        return dataclasses.replace(self, sources=notes, **changes)


def series_value(series: dict[int, Any], year: int, *, trend: float = 0.0) -> tuple[float, str]:
    """Value of a yearly series for ``year`` and where it comes from.

    Exact year: the published value and its source. Between two published years: linear
    interpolation (source says so). Before the first year: the first value; after the last:
    the last value plus ``trend`` per year (e.g. the L2 gain in life expectancy).
    """
    years = sorted(series)
    if year in series:
        node = series[year]
        return float(node["value"]), str(node["source"])
    if year < years[0]:
        node = series[years[0]]
        return float(node["value"]), f"{node['source']} (Wert {years[0]}, früheres Jahr fehlt)"
    if year > years[-1]:
        node = series[years[-1]]
        value = float(node["value"]) + trend * (year - years[-1])
        extra = f" + Trend {trend:+.3f} je Jahr" if trend else ""
        return value, f"{node['source']} (Wert {years[-1]}{extra})"
    lo = max(y for y in years if y < year)
    hi = min(y for y in years if y > year)
    w = (year - lo) / (hi - lo)
    value = (1 - w) * float(series[lo]["value"]) + w * float(series[hi]["value"])
    return (
        value,
        f"linear interpoliert zwischen {lo} und {hi} ({series[lo]['source']}; {series[hi]['source']})",
    )


def _value(node: dict[str, Any]) -> float:
    return float(node["value"])


def _shipped(name: str) -> dict[str, Any]:
    return json.loads(
        resources.files("demography").joinpath(f"data/{name}").read_text(encoding="utf-8")
    )


def _series(raw: dict[str, Any]) -> dict[str, dict[int, Any]]:
    """Yearly series keyed by int year; e0 split into e0_male / e0_female."""
    out: dict[str, dict[int, Any]] = {}
    for key, node in raw.items():
        if key.startswith("_"):
            continue
        years = {int(y): v for y, v in node.items() if not y.startswith("_")}
        if key == "e0":
            for sex in ("male", "female"):
                out[f"e0_{sex}"] = {
                    y: {"value": v[sex], "source": v["source"]} for y, v in years.items()
                }
        else:
            out[key] = years
    return out


def mortality_model(raw: dict[str, Any] | None = None) -> MortalityModel:
    """Base life table and improvement profile (shipped files unless ``raw`` gives them).

    ``raw`` may hold ``base_mx`` {male: [101], female: [101]} and ``improvement`` as knots
    {age: rate} (linear between knots); both default to the shipped
    ``data/base_lifetable_de.json`` and the improvement knots of ``assumptions_de.json``.
    """
    raw = raw or {}
    table = raw.get("base_mx") or _shipped("base_lifetable_de.json")["mx"]
    knots = raw.get("improvement") or _shipped("assumptions_de.json")["mortality"]["improvement"]
    ages = np.arange(101, dtype=np.float64)
    improvement = np.empty((2, 101))
    base = np.empty((2, 101))
    for sex, key in enumerate(("male", "female")):
        k = knots.get(key, knots)
        xs = sorted((int(a), float(v)) for a, v in k.items() if not str(a).startswith("_"))
        improvement[sex] = np.interp(ages, [a for a, _ in xs], [v for _, v in xs])
        base[sex] = np.asarray(table[key], dtype=np.float64)
    if base.shape != (2, 101) or np.any(base <= 0):
        raise ValueError("Basis-Sterbetafel: je Geschlecht 101 positive Sterberaten erwartet")
    return MortalityModel(base_mx=base, improvement=improvement)


def load_assumptions(path: str | Path | None = None) -> Assumptions:
    """Read the parameter file (default: the shipped German defaults).

    A user file without ``series`` keeps its own levels for every base year; with the
    shipped file the levels come from ``data/series_de.json`` for the base year
    (:meth:`Assumptions.dated`). ``paths`` (optional) holds yearly paths
    {"tfr": {"2030": 1.5, …}, "net_migration": {…}} applied like ``--set VALUE@YEAR``.
    """
    if path is None:
        raw = _shipped("assumptions_de.json")
        series_raw: dict[str, Any] | None = _shipped("series_de.json")
    else:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        series_raw = raw.get("series")
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
        mortality_model=mortality_model(mort),
        series=_series(series_raw) if series_raw else None,
        paths={
            key: {int(y): float(v) for y, v in node.items() if not str(y).startswith("_")}
            for key, node in raw.get("paths", {}).items()
            if not key.startswith("_")
        },
    )


_DEFAULT: Assumptions | None = None


def default_assumptions() -> Assumptions:
    """The shipped defaults, parsed once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_assumptions()
    return _DEFAULT
