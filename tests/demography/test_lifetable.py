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
