"""Indicators on the real Destatis files: different tables must tell the same story."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from demography.agegroups import SINGLE_YEARS, AgeGrid, regroup
from demography.indicators import mean_age, old_age_dependency_ratio, structure_indicators
from demography.readers import read_grouped_population, read_population

GRID_0017 = AgeGrid((0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75))


def test_old_age_dependency_ratio_of_laender_agrees_between_0013_and_0012(
    shared_data: Path,
) -> None:
    (g0012,) = read_grouped_population(
        shared_data / "destatis_12411-0012_laender_altersjahre_2021.csv"
    )
    g0013 = read_grouped_population(
        shared_data / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
    )[-1]
    assert g0013.year == g0012.year == 2021 and g0013.codes == g0012.codes
    a = old_age_dependency_ratio(g0012.both_sexes(), g0012.grid)
    b = old_age_dependency_ratio(g0013.both_sexes(), g0013.grid)
    np.testing.assert_allclose(a, b, rtol=1e-12)
    # Länder 2021: from Hamburg (28.8) to Sachsen-Anhalt (49.5)
    assert a.min() == pytest.approx(28.8, abs=0.05) and a.max() == pytest.approx(49.5, abs=0.05)


def test_germany_2020_mean_and_median_age(kreise_2020: Path) -> None:
    (pop,) = read_population(kreise_2020)
    both = pop.counts.sum(axis=1)
    de = pop.index("DG")
    result = structure_indicators(both[de])
    assert result["mean_age"] == pytest.approx(44.6, abs=0.1)  # Destatis: 44.6 years (2020)
    assert result["median_age"] == pytest.approx(45.9, abs=0.1)


def test_grouped_and_single_year_results_agree_for_every_kreis(kreise_2020: Path) -> None:
    (pop,) = read_population(kreise_2020)
    single = pop.counts.sum(axis=1)
    grouped = regroup(single, SINGLE_YEARS, GRID_0017)
    s = structure_indicators(single)
    g = structure_indicators(grouped, GRID_0017)
    known = np.isfinite(s["population"])
    for key in (
        "population",
        "youth_dependency_ratio",
        "old_age_dependency_ratio",
        "share_under_18",
    ):
        np.testing.assert_allclose(g[key][known], s[key][known], rtol=1e-9)
    # the midpoint method is an approximation: within half a year for every Kreis
    assert np.abs(mean_age(grouped, GRID_0017) - s["mean_age"])[known].max() < 0.5


def test_ungrouped_kreise_keep_the_published_80_plus_share(kreise_2020: Path) -> None:
    (grouped,) = read_grouped_population(kreise_2020)
    (pop,) = read_population(kreise_2020)
    a = structure_indicators(grouped.both_sexes(), grouped.grid)["share_80_plus"]
    b = structure_indicators(pop.counts.sum(axis=1))["share_80_plus"]
    np.testing.assert_allclose(a, b, rtol=1e-9)
