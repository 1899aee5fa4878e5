"""Named scenarios, overrides and yearly paths."""

import numpy as np
import pytest

from demography.assumptions import default_assumptions, load_assumptions
from demography.scenarios import (
    SCENARIO_NAMES,
    Scenario,
    get_scenario,
    named_scenarios,
    resolve,
    with_overrides,
)


def test_parameter_file_has_sources_and_all_named_scenarios():
    a = load_assumptions()
    assert a.tfr == 1.35 and a.e0_male == 78.6 and a.e0_female == 83.3
    assert a.net_migration == 663000
    for key in ("tfr", "e0_male", "e0_female", "net_migration", "mean_age_at_birth"):
        assert "Destatis" in a.sources[key] or "GENESIS" in a.sources[key]
    assert set(SCENARIO_NAMES) == set(named_scenarios(a))
    assert a.migration_profile.sum() == pytest.approx(1.0)


def test_targets_are_reached_linearly_at_the_horizon():
    sc = with_overrides(get_scenario("Basis"), {"tfr": "1,55", "e0_male": 81.6})
    p = resolve(sc, start_year=2023, horizon=10, base_population=1e6)
    a = default_assumptions()
    assert p.tfr[-1] == pytest.approx(1.55)
    assert p.tfr[4] == pytest.approx(a.tfr + (1.55 - a.tfr) * 0.5)
    np.testing.assert_allclose(np.diff(p.e0[:, 0]), (81.6 - a.e0_male) / 10)
    assert p.e0[-1, 0] == pytest.approx(81.6)


def test_net_migration_absolute_or_rate():
    basis = get_scenario("Basis")
    p = resolve(basis, start_year=2023, horizon=3, base_population=84_669_326)
    np.testing.assert_allclose(p.net_migration, 290_000)
    high = resolve(
        get_scenario("hohe Zuwanderung"), start_year=2023, horizon=3, base_population=1000
    )
    assert high.net_migration[0] == pytest.approx(400_000 / 84_669_326 * 1000)
    fixed = with_overrides(basis, {"net_migration": "-500"})
    assert resolve(
        fixed, start_year=2023, horizon=2, base_population=1e6
    ).net_migration.tolist() == [-500, -500]


def test_sequence_of_migration_values_and_target_year():
    sc = Scenario(net_migration=(1.0, 2.0, 3.0), e0_male=90.0, target_year=2033)
    p = resolve(sc, start_year=2023, horizon=3, base_population=1)
    assert p.net_migration.tolist() == [1.0, 2.0, 3.0]
    a = default_assumptions()
    assert p.e0[0, 0] == pytest.approx(a.e0_male + (90 - a.e0_male) / 10)
    with pytest.raises(ValueError, match="Jahreswerte"):
        resolve(sc, start_year=2023, horizon=5, base_population=1)


def test_scenarios_differ_in_the_intended_direction():
    def path(name):
        return resolve(get_scenario(name), start_year=2023, horizon=20, base_population=1e6)

    basis = path("Basis")
    assert path("höhere Geburtenrate").tfr[-1] == pytest.approx(basis.tfr[-1] + 0.2)
    assert (path("längeres Leben").e0[-1] > basis.e0[-1]).all()
    assert path("niedrige Zuwanderung").net_migration[0] < basis.net_migration[0]


def test_unknown_keys_and_names_raise_german_errors():
    with pytest.raises(ValueError, match="Unbekannter Parameter"):
        with_overrides(get_scenario("Basis"), {"fertility": 1})
    with pytest.raises(KeyError, match="Unbekanntes Szenario"):
        get_scenario("Utopia")
