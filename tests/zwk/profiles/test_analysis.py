"""What zwk.profiles.analysis offers other apps instead of the engine itself."""

import numpy as np
import pytest

from zwk.profiles import analysis

# 10 persons per single year 0 … 99, none aged 100+: shares and ratios can be counted by hand
UNIFORM = np.array([10.0] * 100 + [0.0])


def test_indicator_choices_are_the_engines_indicators_sorted_by_german_name():
    choices = analysis.indicator_choices()
    names = [name for _key, name in choices]
    assert names == sorted(names)
    assert dict(choices)["old_age_dependency_ratio"] == "Altenquotient"


def test_indicator_info_gives_name_and_unit_and_none_for_an_unknown_key():
    info = analysis.indicator_info("mean_age")
    assert (info.key, info.name, info.unit) == ("mean_age", "Durchschnittsalter", "Jahre")
    assert analysis.indicator_info("no_such_indicator") is None
    assert analysis.indicator_info("") is None
    assert analysis.indicator_info(None) is None


def test_structure_indicators_of_one_age_structure():
    values = analysis.age_structure_indicators(UNIFORM)
    assert values["old_age_dependency_ratio"] == pytest.approx(350 / 450 * 100)
    assert values["youth_dependency_ratio"] == pytest.approx(200 / 450 * 100)
    assert values["mean_age"] == pytest.approx(50.0)


def test_no_z_values_without_typology_data():
    assert analysis.indicator_z_values(None) == {}
