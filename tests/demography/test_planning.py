"""Functional age groups and planning demand."""

import numpy as np
import pytest

from demography.planning import (
    FUNCTIONAL_GROUPS,
    AgeGroups,
    care_rates_by_age,
    planning_demand,
)
from demography.projection import example_population, project


def test_functional_groups_and_labels():
    assert FUNCTIONAL_GROUPS.labels == (
        "0-2",
        "3-5",
        "6-9",
        "10-15",
        "16-18",
        "19-24",
        "25-44",
        "45-64",
        "65-79",
        "80+",
    )
    counts = np.arange(101.0)
    g = FUNCTIONAL_GROUPS.aggregate(counts)
    assert g[0] == 0 + 1 + 2 and g[-1] == sum(range(80, 101))
    assert g.sum() == counts.sum()


def test_configurable_groups_and_validation():
    assert AgeGroups.from_bounds([0, 18, 65]).labels == ("0-17", "18-64", "65+")
    with pytest.raises(ValueError):
        AgeGroups.from_bounds([3, 10])


def test_planning_demand_by_hand():
    pop = example_population(2, seed=3)
    res = project(pop, horizon=3)
    demand = planning_demand(res)
    counts = res.single_years()
    assert demand["kita_0_2"].shape == (4, 2)
    assert demand["kita_3_5"][2, 1] == pytest.approx(counts[2, 1, :, 3:6].sum())
    assert demand["pupils_10_15"][0, 0] == pytest.approx(counts[0, 0, :, 10:16].sum())
    rates = care_rates_by_age()
    assert rates[1, 90] == 0.864 and rates[0, 80] == 0.196 and rates[0, 10] == 0.023
    expected = (counts[1, 0] * rates).sum()
    assert demand["care_needs"][1, 0] == pytest.approx(expected)
