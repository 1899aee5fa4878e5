"""Re-run of the 15. koordinierte Bevölkerungsvorausberechnung, variant G2L2W2.

Base: real population 31.12.2021 of the 16 Länder (GENESIS 12411-0013, ../shared/data),
summed to Germany. Published assumptions (Destatis, 02.12.2022): TFR 1.55 (G2);
life expectancy at birth 2070 boys 84.6 / girls 88.2 (L2) from 78.2 / 83.2 (Sterbetafel
2019/2021); net migration W2: 1.3 million in 2022, 250,000 per year from 2033, on average
290,000 per year 2022–2070. The published text gives only the average and the end points,
so 2023–2032 decline linearly from the value that makes the 2022–2070 mean exactly 290,000
(415,455 in 2023). Mean age at birth 31.8 years (not varied in G2; our assumption).

Published figures (Destatis, "Demografischer Wandel – Bevölkerungsentwicklung" and press
release of 02.12.2022): population "bis 2031 auf 85 Millionen" then falling to 83 million
in 2070 (so 2041 lies between 83 and 85 million); 67+ 16.4 million in 2021 and "mindestens
20,0 Millionen" by the mid-2030s (all variants); 80+ "zwischen 5,8 und 6,7 Millionen" until
the mid-2030s. Tolerance 1.5 %: the published totals are rounded to whole millions (±0.6 %)
and our model simplifies (parametric schedules, migrants' births start the next year,
one national age profile of migration).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import numpy as np
import pytest

from demography.assumptions import default_assumptions
from demography.core import Population
from demography.projection import project
from demography.scenarios import Scenario

DATA = Path(
    os.environ.get("ZWK_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
)
FILE = DATA / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
TOL = 0.015


def w2_path() -> list[float]:
    first = (14_210_000 - 1_300_000 - 38 * 250_000 - 4.5 * 250_000) / 5.5
    decline = [first + (250_000 - first) * k / 10 for k in range(10)]
    return [1_300_000.0, *decline, *([250_000.0] * 38)]


@pytest.fixture(scope="module")
def g2l2w2():
    if not FILE.exists():
        pytest.skip(f"Destatis-Datei fehlt: {FILE} (ZWK_SHARED_DATA setzen)")
    readers = pytest.importorskip("demography.readers")
    base = next(p for p in readers.read_population(FILE) if p.year == 2021)
    germany = Population(("DG",), ("Deutschland",), 2021, base.counts.sum(axis=0, keepdims=True))
    assumptions = dataclasses.replace(
        default_assumptions(), tfr=1.55, mean_age_at_birth=31.8, e0_male=78.2, e0_female=83.2
    )
    scenario = Scenario(
        name="G2L2W2",
        tfr=1.55,
        e0_male=84.6,
        e0_female=88.2,
        target_year=2070,
        net_migration=tuple(w2_path()),
    )
    return project(germany, horizon=20, scenario=scenario, assumptions=assumptions)


def _at(result, year):
    return result.single_years()[year - 2021, 0].sum(axis=0)  # both sexes, 101 ages


def test_w2_path_has_published_average():
    path = w2_path()
    assert len(path) == 49 and np.mean(path) == pytest.approx(290_000)


def test_base_population_is_the_official_2021_total(g2l2w2):
    assert g2l2w2.totals[0, 0] == pytest.approx(83_237_124)
    assert _at(g2l2w2, 2021)[67:].sum() == pytest.approx(16.4e6, rel=0.01)


def test_total_2031_within_tolerance_of_85_million(g2l2w2):
    assert g2l2w2.totals[10, 0] == pytest.approx(85.0e6, rel=TOL)


def test_total_2041_between_published_2031_and_2070_levels(g2l2w2):
    total = g2l2w2.totals[20, 0]
    assert 83.0e6 * (1 - TOL) <= total <= 85.0e6 * (1 + TOL)


def test_pensioners_67_plus_reach_20_million_by_2035(g2l2w2):
    assert _at(g2l2w2, 2035)[67:].sum() >= 20.0e6 * (1 - TOL)


def test_very_old_80_plus_in_published_range_2031(g2l2w2):
    assert 5.8e6 * (1 - TOL) <= _at(g2l2w2, 2031)[80:].sum() <= 6.7e6 * (1 + TOL)


def test_accounting_identity_on_real_base(g2l2w2):
    assert np.abs(g2l2w2.accounting_residual()).max() < 1e-6
