"""Fertility schedule from TFR and mean age at birth."""

import numpy as np
import pytest

from demography.fertility import asfr, boys_share, mean_age_of, tfr_of


@pytest.mark.parametrize(("tfr", "mab"), [(1.35, 31.9), (1.55, 31.8), (2.1, 28.0)])
def test_schedule_has_requested_tfr_and_mean_age(tfr, mab):
    rates = asfr(tfr, mab)
    assert rates.shape == (35,)
    assert tfr_of(rates) == pytest.approx(tfr, rel=1e-12)
    assert mean_age_of(rates) == pytest.approx(mab, abs=1e-9)
    assert (rates >= 0).all()


def test_vectorised_over_years():
    rates = asfr(np.array([1.3, 1.5]), np.array([30.0, 33.0]))
    np.testing.assert_allclose(tfr_of(rates), [1.3, 1.5])
    np.testing.assert_allclose(mean_age_of(rates), [30.0, 33.0], atol=1e-9)


def test_invalid_inputs_are_refused():
    with pytest.raises(ValueError):
        asfr(1.4, 50.0)
    with pytest.raises(ValueError):
        asfr(-1.0, 30.0)


def test_boys_share_from_sex_ratio():
    assert boys_share(1.056) == pytest.approx(1.056 / 2.056)
