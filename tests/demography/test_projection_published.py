"""Re-run of the 15. koordinierte Bevölkerungsvorausberechnung, variant G2L2W2.

Base: real population 31.12.2021 of the 16 Länder (GENESIS 12411-0013, ../shared/data),
summed to Germany. Published assumptions (Destatis, 02.12.2022): TFR 1.55 (G2);
life expectancy at birth 2070 boys 84.6 / girls 88.2 (L2) from 78.2 / 83.2 (Sterbetafel
2019/2021); net migration W2: 1.3 million in 2022, 250,000 per year from 2033, on average
290,000 per year 2022–2070. The published text gives only the average and the end points,
so 2023–2032 decline linearly from the value that makes the 2022–2070 mean exactly 290,000
(415,455 in 2023). Start levels of 2021 from the shipped series (TFR 1.58; e0 of the
Sterbetafel 2020/2022, 78.33 / 83.18); mean age at birth as the shipped series (ours).

Published figures (Destatis, "Demografischer Wandel – Bevölkerungsentwicklung" and press
release of 02.12.2022): population "bis 2031 auf 85 Millionen" then falling to 83 million
in 2070 (so 2041 lies between 83 and 85 million); 67+ 16.4 million in 2021 and "mindestens
20,0 Millionen" by the mid-2030s (all variants); 80+ "zwischen 5,8 und 6,7 Millionen" until
the mid-2030s. Tolerance 1.5 %: the published totals are rounded to whole millions (±0.6 %)
and our model simplifies (parametric schedules, migrants' births start the next year,
one national age profile of migration).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from demography.core import Population
from demography.projection import project
from demography.scenarios import Scenario

DATA = Path(
    os.environ.get("ZWK_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
)
FILE = DATA / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
TOL = 0.015
TOL_TOTAL = 0.01


def w2_path() -> list[float]:
    first = (14_210_000 - 1_300_000 - 38 * 250_000 - 4.5 * 250_000) / 5.5
    decline = [first + (250_000 - first) * k / 10 for k in range(10)]
    return [1_300_000.0, *decline, *([250_000.0] * 38)]


@pytest.fixture(scope="module")
def g2l2w2():
    if not FILE.exists():
        pytest.skip(f"Destatis-Datei fehlt: {FILE} (ZWK_SHARED_DATA setzen)")
    readers = pytest.importorskip("demography.readers")
    base = next(p for p in readers.read_population(FILE) if p.year == 2021)
    germany = Population(("DG",), ("Deutschland",), 2021, base.counts.sum(axis=0, keepdims=True))
    # base levels of 2021 from the shipped series (TFR 1.58, e0 Sterbetafel 2020/2022);
    # G2: TFR 1.55 from 2032 on; L2: e0 84.6 / 88.2 in 2070 (linear); W2 as above
    scenario = Scenario(
        name="G2L2W2",
        paths={"tfr": {2032: 1.55}, "e0_male": {2070: 84.6}, "e0_female": {2070: 88.2}},
        net_migration=tuple(w2_path()),
    )
    return project(germany, horizon=20, scenario=scenario)


def _at(result, year):
    return result.single_years()[year - 2021, 0].sum(axis=0)  # both sexes, 101 ages


def test_w2_path_has_published_average():
    path = w2_path()
    assert len(path) == 49 and np.mean(path) == pytest.approx(290_000)


def test_base_population_is_the_official_2021_total(g2l2w2):
    assert g2l2w2.totals[0, 0] == pytest.approx(83_237_124)
    assert _at(g2l2w2, 2021)[67:].sum() == pytest.approx(16.4e6, rel=0.01)


def test_total_2031_within_one_percent_of_85_million(g2l2w2):
    assert g2l2w2.totals[10, 0] == pytest.approx(85.0e6, rel=TOL_TOTAL)


def test_total_2041_between_published_2031_and_2070_levels(g2l2w2):
    total = g2l2w2.totals[20, 0]
    assert 83.0e6 * (1 - TOL) <= total <= 85.0e6 * (1 + TOL)


def test_pensioners_67_plus_reach_20_million_by_2035(g2l2w2):
    assert _at(g2l2w2, 2035)[67:].sum() >= 20.0e6 * (1 - TOL)


def test_very_old_80_plus_in_published_range_2031(g2l2w2):
    assert 5.8e6 * (1 - TOL) <= _at(g2l2w2, 2031)[80:].sum() <= 6.7e6 * (1 + TOL)


def test_accounting_identity_on_real_base(g2l2w2):
    assert np.abs(g2l2w2.accounting_residual()).max() < 1e-6


# --- hindcast 31.12.2015 → 31.12.2021 with the observed assumptions (same Zensus-2011 basis) ---

BIRTHS_FILE = DATA / "destatis_12612-0002_geburten_monate_1950-2022.csv"
DEATHS_FILE = DATA / "destatis_12613-0006_sterbefaelle_monate_1950-2022.csv"


def _yearly(path: Path, columns: int) -> dict[int, float]:
    """Yearly sums of the monthly counts (first ``columns`` value columns) of 12612/12613."""
    out: dict[int, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(";")
        if len(parts) > columns and parts[0].isdigit() and len(parts[0]) == 4:
            try:
                values = [float(v) for v in parts[2 : 2 + columns]]
            except ValueError:
                continue
            out[int(parts[0])] = out.get(int(parts[0]), 0.0) + sum(values)
    return out


@pytest.fixture(scope="module")
def hindcast():
    if not FILE.exists():
        pytest.skip(f"Destatis-Datei fehlt: {FILE} (ZWK_SHARED_DATA setzen)")
    from demography.assumptions import default_assumptions
    from demography.readers import read_population

    stocks = {
        p.year: Population(("DG",), ("Deutschland",), p.year, p.counts.sum(axis=0, keepdims=True))
        for p in read_population(FILE)
    }
    series = default_assumptions().series
    years = range(2016, 2022)
    paths = {
        key: {y: series[key][y]["value"] for y in years}
        for key in ("tfr", "e0_male", "e0_female", "net_migration")
    }
    result = project(stocks[2015], horizon=6, scenario=Scenario(name="beobachtet", paths=paths))
    return result, stocks


def test_hindcast_births_and_deaths_match_the_registered_counts(hindcast):
    result, _ = hindcast
    births = _yearly(BIRTHS_FILE, 2)  # männlich + weiblich
    deaths = _yearly(DEATHS_FILE, 2)
    for t, year in enumerate(range(2016, 2022)):
        assert result.births[t, 0].sum() == pytest.approx(births[year], rel=0.02), year
        assert result.deaths[t, 0].sum() == pytest.approx(deaths[year], rel=0.035), year


def test_hindcast_very_old_come_out_right(hindcast):
    """The base life table keeps mortality at 90+ steep: 80+ within 1.5 %, 90+ within 7 %
    after six years (with the Siler curve of before: far more, see the issue)."""
    result, stocks = hindcast
    projected = result.single_years()[6, 0].sum(axis=0)
    actual = stocks[2021].counts[0].sum(axis=0)
    assert projected.sum() == pytest.approx(actual.sum(), rel=0.002)
    assert projected[80:].sum() == pytest.approx(actual[80:].sum(), rel=0.015)
    assert projected[90:].sum() == pytest.approx(actual[90:].sum(), rel=0.07)
    share_80 = projected[80:].sum() / projected.sum() - actual[80:].sum() / actual.sum()
    assert abs(share_80) < 0.005


def test_default_from_a_2020_base_uses_the_fertility_of_2020(hindcast):
    _, stocks = hindcast
    births_2021 = _yearly(BIRTHS_FILE, 2)[2021]  # 795,492 registered
    default = project(stocks[2020], horizon=1)
    # TFR 2020 = 1.53 held (2021 was 1.58): about 3.5 % low, not the 15 % of 2023 rates
    assert default.births.sum() == pytest.approx(births_2021, rel=0.05)
    assert default.parameters.tfr[0] == pytest.approx(1.53)


def _observed(base: Population, end: int, assumptions) -> object:
    """``base`` projected to 31.12. of ``end`` with the observed TFR, e0 and net migration
    of each year (shipped series)."""
    series = assumptions.series
    years = range(base.year + 1, end + 1)
    paths = {
        key: {y: series[key][y]["value"] for y in years if y in series[key]}
        for key in ("tfr", "e0_male", "e0_female", "net_migration")
    }
    return project(
        base,
        horizon=end - base.year,
        scenario=Scenario(name="beobachtet", paths=paths),
        assumptions=assumptions,
    )


def test_siler_curve_fitted_to_e0_alone_overstates_90_plus_the_base_table_does_not(hindcast):
    """Same hindcast 2015 → 2021 against the registered 90+ of 2021 (846,443): the Siler
    curve calibrated to e0 alone is too flat at high ages (90+ about 30 % too high); the
    base life table by single age with improvement by age stays within 10 % (target of
    the issue), and the share 80+ within 0.5 percentage points."""
    import dataclasses

    from demography.assumptions import default_assumptions

    _, stocks = hindcast
    actual = stocks[2021].counts[0].sum(axis=0)
    base = default_assumptions()
    siler = _observed(stocks[2015], 2021, dataclasses.replace(base, mortality_model=None))
    table = _observed(stocks[2015], 2021, base)
    err = {}
    for name, result in (("siler", siler), ("table", table)):
        both = result.single_years()[6, 0].sum(axis=0)
        err[name] = both[90:].sum() / actual[90:].sum() - 1
        share = both[80:].sum() / both.sum() - actual[80:].sum() / actual.sum()
        if name == "table":
            assert abs(share) < 0.005
    assert err["siler"] > 0.2
    assert abs(err["table"]) < 0.10


GV_FILE = DATA / "destatis_gv_gemeinden_31122023_derived.csv"


def test_hindcast_2015_to_2023_total_within_one_percent_of_the_gemeindeverzeichnis(hindcast):
    """Eight years with the observed assumptions against the registered total of
    31.12.2023 (Gemeindeverzeichnis, sum over all Gemeinden = 84,669,326, Zensus-2011
    basis like the base of 2015)."""
    import csv

    from demography.assumptions import default_assumptions

    if not GV_FILE.exists():
        pytest.skip(f"Gemeindeverzeichnis fehlt: {GV_FILE}")
    with GV_FILE.open(encoding="utf-8", newline="") as fh:
        registered = sum(int(r["bev_insgesamt"]) for r in csv.DictReader(fh, delimiter=";"))
    assert registered == 84_669_326  # the official total of Germany, 31.12.2023
    _, stocks = hindcast
    result = _observed(stocks[2015], 2023, default_assumptions())
    assert result.totals[8, 0] == pytest.approx(registered, rel=0.01)
