"""New-build in-migration and internal moves."""

import numpy as np
import pytest

from demography.housing import (
    HousingParameters,
    InternalMigration,
    housing_migration,
    new_build_profile,
)
from demography.projection import example_population, project


def test_new_dwellings_bring_dwellings_times_occupancy_times_quote():
    params = HousingParameters(occupancy=2.0, external_share=0.6)
    m = housing_migration(np.array([100.0, 0.0]), horizon=3, n_regions=2, params=params)
    assert m.shape == (3, 2, 2, 101)
    np.testing.assert_allclose(m.sum(axis=(2, 3)), [[120.0, 0.0]] * 3)
    assert new_build_profile().sum() == pytest.approx(1.0)


def test_housing_migration_enters_the_projection():
    pop = example_population(2, seed=1)
    extra = housing_migration(np.array([50.0, 0.0]), horizon=5, n_regions=2)
    base = project(pop, horizon=5, overrides={"net_migration": 0})
    built = project(pop, horizon=5, overrides={"net_migration": 0}, extra_migration=extra)
    np.testing.assert_allclose(built.net_migration.sum(axis=2)[:, 0], 50 * 2.2 * 0.5)
    assert built.totals[-1, 0] > base.totals[-1, 0]
    assert built.totals[-1, 1] == pytest.approx(base.totals[-1, 1])
    assert np.abs(built.accounting_residual()).max() < 1e-9


def test_internal_moves_redistribute_without_changing_the_total():
    pop = example_population(3, seed=2)
    moves = InternalMigration(
        out_rates=np.full((2, 101), 0.05),
        destinations=np.array([[0, 0.5, 0.5], [1.0, 0, 0], [0.5, 0.5, 0]]),
    )
    base = project(pop, horizon=4, overrides={"net_migration": 0})
    moved = project(pop, horizon=4, overrides={"net_migration": 0}, internal=moves)
    np.testing.assert_allclose(moved.totals.sum(axis=1), base.totals.sum(axis=1), rtol=1e-12)
    assert not np.allclose(moved.totals, base.totals)
    np.testing.assert_allclose(moved.net_migration.sum(axis=(1, 2)), 0, atol=1e-8)


def test_invalid_destination_matrix_is_refused():
    with pytest.raises(ValueError, match="Zielmatrix"):
        InternalMigration(np.full((2, 101), 0.1), np.array([[0.5, 0.5], [1.0, 0.0]]))
