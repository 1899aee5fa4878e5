"""The projection's band comes from the same scenario as its line (issue 16.2): after a
slider moved, the low/high migration runs take the same birth, life-expectancy and housing
values, and with the migration slider set the band lies around the chosen value."""

import numpy as np
import pytest

from demography.core import Population
from zwk.profiles import analysis


def _pop() -> Population:
    ages = np.arange(101)
    per_age = np.where(ages < 80, 80.0, 30.0)
    counts = np.stack([per_age, per_age * 1.02])[None, :, :]
    return Population(("01001000",), ("Beispielhausen",), 2023, counts)


@pytest.mark.parametrize(
    "params",
    [
        analysis.ScenarioParams(),
        analysis.ScenarioParams(tfr=2.1),
        analysis.ScenarioParams(tfr=1.0, e0_gain=4.0),
        analysis.ScenarioParams(migration_per_1000=12.0),
        analysis.ScenarioParams(migration_per_1000=-8.0, tfr=1.9, dwellings=20),
    ],
)
def test_the_main_line_stays_inside_its_band(params):
    result = analysis.project_scenario(_pop(), params)
    main = result.main.totals[:, 0]
    low, high = result.low.totals[:, 0], result.high.totals[:, 0]
    assert np.all(np.minimum(low, high) <= main + 1e-6), (low, main)
    assert np.all(main <= np.maximum(low, high) + 1e-6), (high, main)
    # the band is a band, not the line itself
    assert float(np.max(np.abs(high - low))) > 1
