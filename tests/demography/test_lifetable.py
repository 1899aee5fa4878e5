"""Life table, e0 calibration and survival ratios."""

import numpy as np
import pytest

from demography.assumptions import default_assumptions
from demography.lifetable import (
    life_table,
    mortality_for_e0,
    split_open_interval,
    survival_ratios,
)


def test_constant_hazard_gives_known_life_expectancy():
    # With m = 0.1 at every age, q = 0.1/1.05 per year; e0 can be summed by hand
    mx = np.full(101, 0.1)
    lt = life_table(mx, 1)
    q = 0.1 / 1.05
    assert lt.qx[5] == pytest.approx(q)
    assert lt.lx[3] / lt.lx[1] == pytest.approx((1 - q) ** 2)
    assert lt.Lx[100] == pytest.approx(lt.lx[100] / 0.1)
    assert lt.e0 == pytest.approx(lt.Lx.sum())


@pytest.mark.parametrize(("sex", "e0"), [(0, 78.6), (1, 83.3), (0, 84.6), (1, 88.2)])
def test_mortality_reproduces_target_e0(sex, e0):
    shape = default_assumptions().mortality_shapes[sex]
    mx = mortality_for_e0(e0, shape, sex)
    assert life_table(mx, sex).e0 == pytest.approx(e0, abs=1e-8)


def test_e0_outside_model_range_is_refused():
    with pytest.raises(ValueError, match="Lebenserwartung"):
        mortality_for_e0(150.0, default_assumptions().mortality_shapes[0], 0)


def test_survival_ratios_reproduce_stationary_population():
    # A stationary population (L_x) survives into itself: L_x · s_x = L_{x+1}
    mx = mortality_for_e0(80.0, default_assumptions().mortality_shapes[1], 1)
    lt = life_table(mx, 1)
    s_birth, s = survival_ratios(lt)
    np.testing.assert_allclose(lt.Lx[:99] * s[:99], lt.Lx[1:100], rtol=1e-12)
    assert (lt.Lx[99] + lt.Lx[100]) * s[99] == pytest.approx(lt.Lx[100])
    assert s_birth == pytest.approx(lt.Lx[0])


def test_split_open_interval_preserves_mass():
    counts = np.zeros((2, 101))
    counts[:, 90] = [1000.0, 2500.0]
    lx = life_table(mortality_for_e0(80.0, default_assumptions().mortality_shapes[0], 0), 0).Lx
    out = split_open_interval(counts, 90, lx)
    np.testing.assert_allclose(out[:, 90:].sum(axis=1), [1000.0, 2500.0])
    assert (np.diff(out[0, 90:100]) < 0).all()


def test_base_life_table_matches_the_published_sterbetafel_2015_2017():
    """The shipped base table (derived from deaths 2015 and stocks 2015–2019) has the
    e0 of the Destatis Sterbetafel 2015/2017 (78.36 / 83.18) within 0.1 years."""
    from demography.lifetable import MortalityModel

    model = default_assumptions().mortality_model
    assert isinstance(model, MortalityModel)
    e0_m, e0_f = model.e0()
    assert e0_m == pytest.approx(78.36, abs=0.1) and e0_f == pytest.approx(83.18, abs=0.1)


def test_rising_life_expectancy_lowers_mortality_at_90_far_less_than_at_60():
    from demography.lifetable import mortality_for_e0_model

    model = default_assumptions().mortality_model
    now, later = mortality_for_e0_model(np.array([78.6, 84.6]), model, 0)
    assert life_table(later, 0).e0 == pytest.approx(84.6, abs=1e-6)
    drop = 1 - later / now
    assert drop[60] > 0.3 and drop[90] < drop[60] / 2 and drop[100] < drop[90]
