"""The shortcuts of the projection from history (issue 15, performance) give the numbers
of the straightforward code: leaf detection with only the prefix lengths that occur,
zero age-pattern counts as one row, the common migration rate broadcast instead of copied
to every region, and the kernel's components computed after the year loop when net
migration changes sign."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import numpy as np

from demography import history_projection as hp
from demography.history_projection import GroupedStock, group_sums
from demography.history_shrink import leaves
from demography.migration import region_weights
from demography.projection import example_population, prepare, project_arrays

ROOT = Path(__file__).resolve().parents[2]
L17 = (0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75)


def _leaves_all_prefixes(codes):
    """leaves() as written before: every AGS prefix length of every code."""
    present = set(codes)
    prefixes = {c[:n] for c in present if c.isdigit() for n in (1, 2, 3, 5, 7, 9) if n < len(c)}
    return np.array([not (c in prefixes or c in ("DG", "DE")) for c in codes])


def test_leaves_equal_the_search_over_all_prefix_lengths():
    codes = (
        "DG", "08", "09", "081", "08111", "08111000", "081110000", "0811100001",
        "08115", "081155001", "08115001", "0811500", "09162000", "12", "120", "K1",
    )  # fmt: skip
    np.testing.assert_array_equal(leaves(codes), _leaves_all_prefixes(codes))
    assert leaves(codes).tolist().count(True) == 7
    gemeinden = tuple(f"08{i:06d}" for i in range(3000))
    assert leaves(gemeinden).all()


def _stocks(n: int):
    pop = example_population(n, seed=7, median_size=900.0)
    earlier = project_arrays(pop.counts, prepare(pop, horizon=5)[1])["counts"]
    stocks = [
        GroupedStock(pop.year, L17, group_sums(earlier[0], L17)),
        GroupedStock(pop.year + 5, L17, group_sums(earlier[5], L17)),
    ]
    return stocks, [f"08{i % 7:03d}{i:03d}" for i in range(n)]


def test_projection_without_age_pattern_equals_the_one_with_zero_pattern_counts(monkeypatch):
    stocks, codes = _stocks(400)
    fast, _ = hp.project_history(stocks, codes=codes, horizon=15)
    fit = hp.fit_history(stocks[0], stocks[1], codes)

    def straightforward(*args, **kwargs):
        migration = trend(*args, **kwargs)
        return {
            **migration,
            "net_counts": hp.pattern_counts(fit.base, fit.top_rate, fit.interval, 0.0),
            "out_rates": np.broadcast_to(migration["out_rates"], fit.rates.shape).copy(),
        }

    trend = hp._trend_migration
    monkeypatch.setattr(hp, "_trend_migration", straightforward)
    slow, _ = hp.project_history(stocks, codes=codes, horizon=15)
    for key in ("counts", "by_sex", "births", "deaths", "net_migration"):
        np.testing.assert_array_equal(getattr(fast, key), getattr(slow, key), err_msg=key)


def _reference():
    spec = importlib.util.spec_from_file_location(
        "reference_projection", ROOT / "bench" / "reference_projection.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.project_reference


def test_migration_changing_sign_equals_the_pure_python_reference():
    """Years with inflows only take the stock by sex from its components after the loop,
    years with out-migration are capped in the loop: mixed in one run, every year still
    equals the loops of the reference (and the cap is hit)."""
    pop = example_population(12, seed=3, median_size=300.0)
    _, sch = prepare(pop, horizon=16)
    sch = replace(sch, net_migration=np.linspace(5_000.0, -60_000.0, 16))
    fast = project_arrays(pop.counts, sch)
    slow = _reference()(
        pop.counts.tolist(),
        sch.survival.tolist(),
        sch.birth_survival.tolist(),
        sch.asfr.tolist(),
        sch.boys_share,
        sch.net_migration.tolist(),
        sch.migration_profile.tolist(),
        region_weights(pop.counts).tolist(),
    )
    assert np.array(slow["unrealised_migration"])[-1].sum() > 0
    for key in ("counts", "births", "deaths", "net_migration", "unrealised_migration"):
        np.testing.assert_allclose(np.array(slow[key]), fast[key], rtol=1e-11, atol=1e-9)
    np.testing.assert_allclose(
        fast["by_sex"], np.array(slow["counts"]).sum(axis=3), rtol=1e-11, err_msg="by_sex"
    )
