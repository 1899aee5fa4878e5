"""Age labels, age grids and mass-preserving ungrouping (demography.agegroups)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from demography.agegroups import (
    SINGLE_YEARS,
    TOTAL,
    AgeGrid,
    AgeInterval,
    GroupedPopulation,
    parse_age_label,
    regroup,
    split_sexes,
    ungroup,
)


@pytest.mark.parametrize(
    ("label", "lower", "upper"),
    [
        ("unter 1 Jahr", 0, 1),
        ("1-Jährige", 1, 2),
        ("89-Jährige", 89, 90),
        ("unter 3 Jahre", 0, 3),
        ("3 bis unter 6 Jahre", 3, 6),
        ("74 bis unter 75 Jahre", 74, 75),
        ("75 Jahre und mehr", 75, None),
        ("90 und mehr", 90, None),
        ("90 Jahre und mehr", 90, None),
        ("50 Jahre und mehr", 50, None),
        ("unter 15 Jahre", 0, 15),
        ("6 bis 9 Jahre", 6, 10),  # inclusive upper bound as in municipal reports
        ("0-2", 0, 3),
        ("65 und älter", 65, None),
        ("100+", 100, None),
    ],
)
def test_official_labels(label: str, lower: int, upper: int | None) -> None:
    assert parse_age_label(label) == AgeInterval(lower, upper)


def test_total_and_unknown_age() -> None:
    assert parse_age_label("Insgesamt") == TOTAL
    assert parse_age_label("Alter unbekannt") is None


@pytest.mark.parametrize(
    "label", ["Flensburg, kreisfreie Stadt", "über 65", "jung", "80 bis unter 75 Jahre"]
)
def test_non_labels_are_refused(label: str) -> None:
    with pytest.raises(ValueError):
        parse_age_label(label)


def test_grid_needs_complete_tiling() -> None:
    with pytest.raises(ValueError):
        AgeGrid.from_intervals([AgeInterval(0, 5), AgeInterval(6, None)])  # gap
    with pytest.raises(ValueError):
        AgeGrid.from_intervals([AgeInterval(0, 5), AgeInterval(3, None)])  # overlap
    assert AgeGrid.from_intervals([AgeInterval(5, None), AgeInterval(0, 5)]).lowers == (0, 5)


@st.composite
def grouped_counts(draw: st.DrawFn) -> tuple[AgeGrid, np.ndarray]:
    inner = draw(st.lists(st.integers(1, 100), unique=True, max_size=15))
    grid = AgeGrid(tuple(sorted({0, *inner})))
    counts = draw(
        st.lists(
            st.lists(st.integers(0, 10**6), min_size=grid.n, max_size=grid.n),
            min_size=1,
            max_size=4,
        )
    )
    return grid, np.asarray(counts, dtype=np.float64)


@settings(max_examples=150, deadline=None)
@given(grouped_counts(), st.sampled_from(["monotone", "uniform", "proportional"]))
def test_ungroup_preserves_every_group_sum_and_never_goes_negative(case, method) -> None:
    grid, counts = case
    reference = np.linspace(2.0, 1.0, 101) if method == "proportional" else None
    single = ungroup(counts, grid, method=method, reference=reference)
    assert single.shape == (counts.shape[0], 101)
    assert (single >= 0).all()
    np.testing.assert_allclose(regroup(single, SINGLE_YEARS, grid), counts, rtol=1e-9, atol=1e-6)


def test_ungroup_recovers_a_uniform_population_exactly() -> None:
    single = np.full(101, 100.0)
    grid = AgeGrid((0, 3, 6, 10, 15, 18, 20, 25, 30, 40, 60, 90))
    back = ungroup(regroup(single, SINGLE_YEARS, grid), grid)
    np.testing.assert_allclose(back[:90], 100.0, rtol=1e-9)


def test_proportional_ungrouping_reproduces_the_reference() -> None:
    rng = np.random.default_rng(1)
    reference = rng.uniform(50, 150, 101)
    grid = AgeGrid((0, 5, 20, 65, 80))
    back = ungroup(
        regroup(reference, SINGLE_YEARS, grid), grid, method="proportional", reference=reference
    )
    np.testing.assert_allclose(back, reference, rtol=1e-12)


def test_open_group_tail_is_plausible_for_germany_90_plus() -> None:
    # Germany 31.12.2020 (Kreise file): 85–89 = 1,662,241, 90+ = 843,691
    grid = AgeGrid((0, 80, 85, 90))
    counts = np.array([75_218_597.0, 3_430_502.0, 1_662_241.0, 843_691.0])
    single = ungroup(counts, grid)
    assert single[90:].sum() == pytest.approx(843_691)
    assert 0.005 < single[100] / 843_691 < 0.06  # about 20,000 persons aged 100+ in 2020
    assert np.all(np.diff(single[90:100]) < 0)  # numbers fall with age


def test_unknown_group_makes_the_region_unknown() -> None:
    grid = AgeGrid((0, 50))
    single = ungroup(np.array([[10.0, np.nan], [10.0, 5.0]]), grid)
    assert np.isnan(single[0]).all() and np.isfinite(single[1]).all()


def test_sex_split_by_reference_keeps_totals() -> None:
    total = np.full(101, 10.0)
    ref = np.stack([np.full(101, 1.0), np.full(101, 3.0)])
    ref[:, 100] = 0  # no reference persons: neutral sex ratio at birth
    both = split_sexes(total, ref)
    np.testing.assert_allclose(both.sum(axis=0), total)
    assert both[0, 0] == pytest.approx(2.5)
    assert both[0, 100] == pytest.approx(10 * 105.3 / 205.3)


def test_grouped_population_without_sex_needs_a_reference() -> None:
    grid = AgeGrid((0, 18, 65))
    g = GroupedPopulation(
        ("A",), ("A",), 2021, grid, np.array([[[18.0, 47.0, 35.0]]]), sexes=("total",)
    )
    with pytest.raises(ValueError, match="Referenz"):
        g.ungroup()
    ref = np.ones((2, 101))
    pop = g.ungroup(reference=ref)
    assert pop.totals()[0] == pytest.approx(100.0)
    assert pop.counts[0, 0].sum() == pytest.approx(50.0)
