"""Hand-calculated examples for every indicator (demography.indicators).

The example population (single years, both sexes): 10 persons aged 5, 20 aged 30,
30 aged 70 and 40 aged 85 – 100 persons. Expected values are worked out in each test.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from demography.agegroups import SINGLE_YEARS, AgeBoundsError, AgeGrid, open_group_mean_age, regroup
from demography.indicators import (
    MOTIVE_KEYS,
    REGISTRY,
    STRUCTURE_KEYS,
    average_over_years,
    change_percent,
    mean_age,
    median_age,
    migration_motive_per_1000,
    natural_balance_per_1000,
    net_migration_per_1000,
    old_age_dependency_ratio,
    oldest_old_share,
    share,
    structure_indicators,
    total_dependency_ratio,
    youth_dependency_ratio,
)


def example() -> np.ndarray:
    counts = np.zeros(101)
    counts[[5, 30, 70, 85]] = [10, 20, 30, 40]
    return counts


def test_mean_age_counts_completed_years_plus_half() -> None:
    # (5.5·10 + 30.5·20 + 70.5·30 + 85.5·40) / 100 = (55 + 610 + 2115 + 3420) / 100
    assert mean_age(example()) == pytest.approx(62.0)


def test_median_age_is_interpolated_within_the_median_year() -> None:
    # N/2 = 50; younger than 70: 10 + 20 = 30; 30 persons aged 70 → 70 + (50 − 30)/30
    assert median_age(example()) == pytest.approx(70 + 20 / 30)


def test_dependency_ratios() -> None:
    c = example()
    # under 20: 10; 20–64: 20; 65+: 30 + 40 = 70
    assert youth_dependency_ratio(c) == pytest.approx(10 / 20 * 100)
    assert old_age_dependency_ratio(c) == pytest.approx(70 / 20 * 100)
    assert total_dependency_ratio(c) == pytest.approx(80 / 20 * 100)
    # bounds are parameters: retirement at 67 leaves 70 and 85 in the old group, 30 working
    assert old_age_dependency_ratio(c, old_start=67) == pytest.approx(70 / 20 * 100)
    # nobody aged 31–64 in the example: the ratio has no base and is unknown, not infinite
    assert np.isnan(youth_dependency_ratio(c, young_end=31))


def test_shares_and_oldest_old_share() -> None:
    c = example()
    assert share(c, SINGLE_YEARS, 0, 18) == pytest.approx(10.0)
    assert share(c, SINGLE_YEARS, 18, 65) == pytest.approx(20.0)
    assert share(c, SINGLE_YEARS, 65, 80) == pytest.approx(30.0)
    assert share(c, SINGLE_YEARS, 80, None) == pytest.approx(40.0)
    assert oldest_old_share(c) == pytest.approx(40 / 70 * 100)  # 80+ per 100 aged 65+


def test_structure_indicators_returns_every_structure_key() -> None:
    result = structure_indicators(np.stack([example(), 2 * example()]))
    assert set(result) == set(STRUCTURE_KEYS)
    assert result["population"].tolist() == [100.0, 200.0]
    # ratios do not depend on the size of the population
    assert result["old_age_dependency_ratio"][0] == pytest.approx(
        result["old_age_dependency_ratio"][1]
    )


def test_population_change() -> None:
    assert change_percent(np.array([110.0, 95.0, 5.0]), np.array([100.0, 100.0, 0.0])).tolist()[
        :2
    ] == pytest.approx([10.0, -5.0])
    assert np.isnan(change_percent(np.array([5.0]), np.array([0.0]))[0])  # no base: unknown


def test_natural_balance_and_net_migration_per_1000() -> None:
    assert natural_balance_per_1000(8, 12, 2000) == pytest.approx((8 - 12) / 2000 * 1000)  # −2.0
    assert net_migration_per_1000(150, 100, 5000) == pytest.approx(50 / 5000 * 1000)  # 10.0


def test_migration_motives_per_1000_of_the_age_group() -> None:
    pop = np.full(101, 100.0)  # 100 persons in every year of age and 100 aged 100+
    net = np.zeros(101)
    net[[10, 40, 20, 27, 55, 70]] = [5, -3, 4, -2, 1, 6]
    # family: (5 − 3) / (18·100 + 20·100) · 1000
    assert migration_motive_per_1000(net, pop, "family") == pytest.approx(2 / 3800 * 1000)
    assert migration_motive_per_1000(net, pop, "education") == pytest.approx(4 / 700 * 1000)
    assert migration_motive_per_1000(net, pop, "career_start") == pytest.approx(-2 / 500 * 1000)
    assert migration_motive_per_1000(net, pop, "second_half_of_life") == pytest.approx(
        1 / 1500 * 1000
    )
    # 65+: ages 65 … 99 (35 × 100) plus 100 aged 100+
    assert migration_motive_per_1000(net, pop, "old_age") == pytest.approx(6 / 3600 * 1000)


def test_migration_motives_with_official_migration_age_groups() -> None:
    # migration published in the six motive groups, population in single years
    grid = AgeGrid((0, 18, 25, 30, 50, 65))
    net = np.array([18.0, 7.0, -5.0, 12.0, 3.0, -4.0])
    pop = np.full(101, 100.0)
    assert migration_motive_per_1000(net, pop, "family", migration_grid=grid) == pytest.approx(
        30 / 3800 * 1000
    )


def test_four_year_average_is_pooled() -> None:
    balance = np.array([[99.0], [-10.0], [-20.0], [-30.0], [-40.0]])  # five years, oldest first
    population = np.array([[1.0], [1000.0], [1000.0], [2000.0], [1000.0]])
    # last four years: (−10 − 20 − 30 − 40) / (1000 + 1000 + 2000 + 1000) · 1000 = −20
    assert average_over_years(balance, population)[0] == pytest.approx(-100 / 5000 * 1000)
    assert np.isnan(average_over_years(balance[:3], population[:3])[0])


def test_unknown_inputs_and_empty_regions_give_nan() -> None:
    c = np.stack([example(), example(), np.zeros(101)])
    c[1, 30] = np.nan  # unknown number of 30-year-olds
    result = structure_indicators(c)
    for key in STRUCTURE_KEYS:
        assert np.isfinite(result[key][0]), key
        if key != "population":
            assert np.isnan(result[key][2]), key  # nobody lives there: no ratio
        if key == "oldest_old_share":
            # 80+ per 65+ does not use age 30: it stays known
            assert result[key][1] == pytest.approx(40 / 70 * 100)
        else:
            assert np.isnan(result[key][1]), key


def test_grouped_data_use_group_midpoints() -> None:
    grid = AgeGrid((0, 20, 65, 80))
    grouped = regroup(example(), SINGLE_YEARS, grid)
    assert grouped.tolist() == [10, 20, 30, 40]
    # midpoints 10, 42.5, 72.5 and the open group's life-table mean age
    expected = (10 * 10 + 20 * 42.5 + 30 * 72.5 + 40 * open_group_mean_age(80)) / 100
    assert mean_age(grouped, grid) == pytest.approx(expected)
    # median: 30 younger than 65, the group 65–80 (30 persons, 15 years wide) holds it
    assert median_age(grouped, grid) == pytest.approx(65 + (50 - 30) / 30 * 15)
    # ratios on group boundaries are identical to the single-year result
    for key in ("youth_dependency_ratio", "old_age_dependency_ratio", "oldest_old_share"):
        assert structure_indicators(grouped, grid)[key] == pytest.approx(
            structure_indicators(example())[key]
        )


def test_bounds_inside_a_group_are_refused_not_guessed() -> None:
    grid = AgeGrid((0, 20, 65, 75))
    with pytest.raises(AgeBoundsError):
        share(np.ones(4), grid, 80, None)
    assert "share_80_plus" not in structure_indicators(np.ones(4), grid)


def test_registry_is_complete_for_the_ui() -> None:
    for key in (
        *STRUCTURE_KEYS,
        *MOTIVE_KEYS.values(),
        "natural_balance_per_1000",
        "net_migration_per_1000",
        "population_change_5y",
    ):
        assert key in REGISTRY
    for key, ind in REGISTRY.items():
        assert re.fullmatch(r"[a-z0-9_]+", key) and ind.key == key
        assert ind.name_de and ind.definition_de and ind.unit and ind.source


def test_user_documentation_defines_every_indicator() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "demography-readers.md").read_text(
        encoding="utf-8"
    )
    for key, ind in REGISTRY.items():
        assert f"`{key}`" in doc and ind.definition_de in doc, key
