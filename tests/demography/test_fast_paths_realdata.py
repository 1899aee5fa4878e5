"""The speed-ups of issue 15 give the numbers of the straightforward code on the real
Gemeinde files of ``../shared/data`` (skipped with a reason when the folder is absent):

* the projection kernel with tiled survival ratios and cache blocks equals one broadcast
  multiply over all 10,800 Gemeinden in one block (single years from 12411-02-03-5-B);
* the open age group split by Horner's scheme equals the sum of powers;
* ``parse_cells`` (one parse per distinct text) equals ``parse_cell`` cell by cell;
* the import records built once over all regions equal those built region by region;
* ``top_level`` without its loop for codes of one length.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from demography import agegroups, kernel
from demography.migration import top_level
from demography.projection import prepare, project_arrays
from demography.readers import read_table, table_to_populations
from demography.values import parse_cell, parse_cells

AGES_FILE = "regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv"


@pytest.fixture(scope="module")
def gemeinden(shared_data: Path) -> Path:
    folder = shared_data / "gemeinden_2008-2015"
    if not (folder / AGES_FILE).is_file():
        pytest.skip(f"{AGES_FILE} not found in {folder}")
    return folder


@pytest.fixture(scope="module")
def population(gemeinden: Path):
    (pop,) = table_to_populations(read_table(gemeinden / AGES_FILE))
    known = ~np.isnan(pop.counts).any(axis=(1, 2))
    return pop.select(tuple(c for c, k in zip(pop.codes, known, strict=True) if k))


def _straightforward(monkeypatch, pop, schedules, **kwargs):
    """One block over all regions, one thread, survival broadcast per region and sex."""
    monkeypatch.setattr(kernel, "CACHE_BLOCK", 10**9)
    monkeypatch.setattr(kernel, "TILE", 10**9)
    return project_arrays(pop.counts, schedules, codes=pop.codes, threads=1, **kwargs)


@pytest.mark.parametrize("net", [None, -400_000.0])
def test_fast_kernel_equals_straightforward_run_on_all_gemeinden(monkeypatch, population, net):
    pop = population
    assert len(pop.codes) > 10_000
    overrides = None if net is None else {"net_migration": net}
    _, sch = prepare(pop, horizon=12, overrides=overrides)
    fast = project_arrays(pop.counts, sch, codes=pop.codes)  # tiles, blocks, threads
    slow = _straightforward(monkeypatch, pop, sch)
    if net is not None:
        assert slow["unrealised_migration"].sum() > 0  # the cap on small Gemeinden is hit
    for key in ("counts", "by_sex", "births", "deaths", "net_migration"):
        np.testing.assert_allclose(fast[key], slow[key], rtol=1e-12, atol=1e-9, err_msg=key)
    # a user sees totals: the 2040 population of every Gemeinde is the same
    np.testing.assert_allclose(
        fast["by_sex"][-1].sum(axis=1), slow["by_sex"][-1].sum(axis=1), rtol=1e-13
    )


def test_fast_kernel_with_regional_levels_equals_straightforward_run(monkeypatch, population):
    pop = population.select(population.codes[:3000])
    rng = np.random.default_rng(3)
    levels = {
        "fertility_level": rng.lognormal(0.0, 0.1, len(pop.codes)),
        "mortality_level": rng.lognormal(0.0, 0.1, (len(pop.codes), 2)),
    }
    _, sch = prepare(pop, horizon=15)
    fast = project_arrays(pop.counts, sch, codes=pop.codes, **levels)
    slow = _straightforward(monkeypatch, pop, sch, **levels)
    np.testing.assert_allclose(fast["counts"], slow["counts"], rtol=1e-12, atol=1e-9)


def _tail_by_powers(total, first_year, start):
    """The open group split as written before issue 15's speed-up (sum of powers)."""
    lx = agegroups._survivorship(start)
    k = np.arange(len(lx), dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        target = np.where(first_year > 0, total / first_year, np.inf)
    lo, hi = np.full(total.shape, 0.3), np.full(total.shape, 2.0)
    for _ in range(50):
        mid = (lo + hi) / 2
        too_small = (mid[..., None] ** k * lx).sum(axis=-1) < target
        lo, hi = np.where(too_small, mid, lo), np.where(too_small, hi, mid)
    r = (lo + hi) / 2
    shape = r[..., None] ** k * lx
    years = total[..., None] * shape / shape.sum(axis=-1, keepdims=True)
    n_closed = agegroups.MAX_AGE - start
    return np.concatenate(
        [years[..., :n_closed], years[..., n_closed:].sum(axis=-1, keepdims=True)], axis=-1
    )


def test_open_group_split_equals_the_sum_of_powers_on_real_75_plus(population):
    counts = population.counts
    total = counts[:, :, 75:].sum(axis=2)  # the 75+ of every Gemeinde and sex
    first = counts[:, :, 74]
    fast = agegroups._open_group_tail(total, first, 75)
    slow = _tail_by_powers(total, first, 75)
    np.testing.assert_allclose(fast, slow, rtol=1e-11, atol=1e-9)
    np.testing.assert_allclose(fast.sum(axis=-1), total, rtol=1e-12)


def _parses(text: str) -> bool:
    try:
        parse_cell(text)
    except ValueError:
        return False
    return True


def _value_cells(path: Path) -> list[str]:
    """The cells of the data rows after the region code, without the region names."""
    with path.open(encoding="latin-1", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter=";") if r and r[0][:2].isdigit()]
    return [cell for row in rows for cell in row[1:] if _parses(cell)]


def test_parse_cells_equals_parse_cell_per_cell_on_every_gemeinde_file(gemeinden):
    seen_signs = set()
    for path in sorted(gemeinden.glob("*.csv")):
        cells = _value_cells(path)
        parsed = parse_cells(cells)
        one_by_one = [parse_cell(c) for c in cells]
        expected = np.array([c.value for c in one_by_one])
        np.testing.assert_array_equal(parsed.values, expected, err_msg=path.name)
        missing = [
            (i, t.strip(), c.reason)
            for i, (t, c) in enumerate(zip(cells, one_by_one, strict=True))
            if c.reason
        ]
        flagged = [
            (i, t.strip(), c.flag)
            for i, (t, c) in enumerate(zip(cells, one_by_one, strict=True))
            if c.flag and not c.reason
        ]
        assert parsed.missing == missing, path.name
        assert parsed.flagged == flagged, path.name
        seen_signs |= {t for _, t, _ in missing}
    assert "." in seen_signs  # the files do have secret cells, so the slow path is exercised


def test_parse_cells_names_the_first_bad_cell():
    with pytest.raises(ValueError) as info:
        parse_cells(["12", "-", "abc", "7", "xyz", "abc"])
    assert info.value.index == 2


def test_import_records_equal_region_by_region(gemeinden, population):
    from demography.official import extract

    out = extract(gemeinden / AGES_FILE)
    by_key = {(r.code, r.sex): r for r in out.stocks}
    pop = population
    for i in range(0, len(pop.codes), 97):  # every 97th Gemeinde, region by region
        code = pop.codes[i]
        for s, sex in enumerate(("male", "female")):
            rec = by_key[(code, sex)]
            assert rec.total == float(pop.counts[i, s].sum())
            assert rec.ages == [round(float(v), 4) for v in pop.counts[i, s]]
        both = pop.counts[i].sum(axis=0)
        assert by_key[(code, "total")].total == float(both.sum())
        assert all(
            math.isclose(a, round(float(b), 4), abs_tol=1e-9)
            for a, b in zip(by_key[(code, "total")].ages, both, strict=True)
        )


def test_top_level_without_loop_for_codes_of_one_length(population):
    codes = population.codes
    assert top_level(codes).all()
    # a Kreis among its Gemeinden still takes them out of the top level
    mixed = (codes[0][:5], *codes[:50])
    mask = top_level(mixed)
    assert mask[0] and not mask[1:][[c.startswith(codes[0][:5]) for c in codes[:50]]].any()


def _split_per_region(counts, lowers, reference):
    """split_groups as written before: the reference copied to every region first."""
    from demography.history_split import N_AGES

    ref = np.maximum(
        np.broadcast_to(np.asarray(reference, float), (*counts.shape[:-1], N_AGES)), 0.0
    )
    lw = np.minimum(np.asarray(lowers), N_AGES - 1)
    group_of_age = np.searchsorted(lw, np.arange(N_AGES), side="right") - 1
    ref_sum = np.add.reduceat(ref, lw, axis=-1)
    width = np.diff(np.append(lw, N_AGES)).astype(float)
    even = ref_sum <= 0
    factor = np.where(even, counts / width, counts / np.where(even, 1.0, ref_sum))
    return np.where(even[..., group_of_age], 1.0, ref) * factor[..., group_of_age]


def test_split_with_one_national_reference_equals_the_split_per_gemeinde(population):
    """The 17 groups of every Gemeinde split by Germany's structure (computed once for all
    regions) and by a reference aged per Gemeinde: the same numbers as the reference
    copied to each region; a group without reference people is spread evenly."""
    from demography.history_split import group_sums, national_shape, split_groups

    lowers = (0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75)
    grouped = group_sums(population.counts, lowers)
    nat = national_shape(2015)
    np.testing.assert_array_equal(
        split_groups(grouped, lowers, nat), _split_per_region(grouped, lowers, nat)
    )
    own = population.counts.copy()
    own[:5, :, 20:25] = 0.0  # no 20–24-year-olds in the reference of five Gemeinden
    own[5, 0, 30] = -1.0  # a negative cell counts as 0
    np.testing.assert_array_equal(
        split_groups(grouped, lowers, own), _split_per_region(grouped, lowers, own)
    )
    assert np.all(split_groups(grouped, lowers, own)[:5, :, 20:25] > 0)  # evenly spread
