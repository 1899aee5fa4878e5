"""Named scenarios, overrides and yearly paths."""

from pathlib import Path

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


def test_set_value_holds_from_the_base_year_and_value_at_year_is_reached_linearly():
    sc = with_overrides(
        get_scenario("Basis"), {"tfr": "1,55", "e0_male": "81.6@2033", "e0_female": "88@2028"}
    )
    p = resolve(sc, start_year=2023, horizon=10, base_population=1e6)
    a = default_assumptions()
    np.testing.assert_allclose(p.tfr, 1.55)  # constant from the first projection year
    np.testing.assert_allclose(np.diff(p.e0[:, 0]), (81.6 - a.e0_male) / 10)
    assert p.e0[-1, 0] == pytest.approx(81.6)
    assert p.e0[4, 1] == pytest.approx(88.0) and p.e0[-1, 1] == pytest.approx(88.0)
    assert p.e0[0, 1] == pytest.approx(a.e0_female + (88.0 - a.e0_female) / 5)


def test_yearly_paths_from_the_assumptions_file(tmp_path):
    import json

    from demography.assumptions import load_assumptions

    raw = json.loads(
        (Path(__file__).resolve().parents[2] / "src/demography/data/assumptions_de.json").read_text(
            encoding="utf-8"
        )
    )
    raw["paths"] = {"tfr": {"2025": 1.4, "2027": 1.6}, "net_migration": {"2024": 100, "2026": 300}}
    path = tmp_path / "annahmen.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    a = load_assumptions(path)
    p = resolve(
        get_scenario("Basis", a), start_year=2023, horizon=5, base_population=1e6, assumptions=a
    )
    np.testing.assert_allclose(p.tfr, [a.tfr + (1.4 - a.tfr) / 2, 1.4, 1.5, 1.6, 1.6])
    np.testing.assert_allclose(p.net_migration, [100, 200, 300, 300, 300])


def test_bad_year_in_set_is_a_german_error():
    with pytest.raises(ValueError, match="kein Jahr"):
        with_overrides(get_scenario("Basis"), {"tfr": "1.5@zwanzig"})


def test_defaults_belong_to_the_base_year():
    a = default_assumptions()
    d2015, d2020 = a.dated(2015), a.dated(2020)
    assert (d2015.tfr, d2020.tfr) == (1.50, 1.53)
    assert d2015.e0_male == pytest.approx(78.31) and d2015.e0_female == pytest.approx(83.20)
    assert "2014/2016" in d2015.sources["e0_male"]
    assert d2015.net_migration == 1_139_402
    # Basis migration starts at the mean of 2011–2015 per inhabitant
    recent = (279_330 + 368_945 + 428_607 + 550_483 + 1_139_402) / 5
    assert d2015.recent_migration_rate == pytest.approx(recent / a.reference_population * 1000)
    later = a.dated(2030)  # after the series: last value plus the L2 trend
    assert later.e0_male == pytest.approx(78.9 + 6 * 0.131)
    assert "Trend" in later.sources["e0_male"]


@pytest.mark.parametrize(
    ("year", "male", "female", "table"),
    [
        (1987, 71.75, 78.08, "1986/1988"),
        (1994, 73.0, 79.5, "1993/1995"),
        (2000, 75.1, 81.1, "1999/2001"),
        (2003, 75.9, 81.5, "2002/2004"),
        (2006, 76.9, 82.3, "2005/2007"),
        (2008, 77.33, 82.5, "2007/2009"),
        (2009, 77.51, 82.59, "2008/2010"),
    ],
)
def test_life_expectancy_of_early_base_years_is_the_sourced_sterbetafel(year, male, female, table):
    dated = default_assumptions().dated(year)
    assert (dated.e0_male, dated.e0_female) == (pytest.approx(male), pytest.approx(female))
    assert table in dated.sources["e0_male"] and table in dated.sources["e0_female"]


def test_life_expectancy_between_sourced_tables_is_interpolated_and_before_them_kept():
    a = default_assumptions()
    d1997 = a.dated(1997)  # halfway between 1993/1995 (1994) and 1999/2001 (2000)
    assert d1997.e0_male == pytest.approx((73.0 + 75.1) / 2)
    assert d1997.e0_female == pytest.approx((79.5 + 81.1) / 2)
    assert "linear interpoliert zwischen 1994 und 2000" in d1997.sources["e0_male"]
    d1983 = a.dated(1983)
    assert (d1983.e0_male, d1983.e0_female) == (pytest.approx(71.75), pytest.approx(78.08))
    assert "früheres Jahr fehlt" in d1983.sources["e0_female"]


def test_projection_from_1995_uses_the_mortality_of_the_nineties_not_of_2009():
    from demography.projection import example_population, project

    gain = default_assumptions().e0_trends["e0_gain_L2"]
    e0_1995 = project(example_population(3, year=1995), horizon=5).parameters.e0[0]
    e0_2009 = project(example_population(3, year=2009), horizon=5).parameters.e0[0]
    # first projected year = base year value (1994–2000 interpolated) + one year of trend
    assert e0_1995[0] == pytest.approx(73.0 + 2.1 / 6 + gain[0])
    assert e0_1995[1] == pytest.approx(79.5 + 1.6 / 6 + gain[1])
    assert e0_2009[0] - e0_1995[0] > 4.0 and e0_2009[1] - e0_1995[1] > 2.5


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
