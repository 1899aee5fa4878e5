"""The profile's Basis projection from a Gemeinde's official history (issue 15).

Small synthetic Länder keep these tests fast; the real data are in test_real_gemeinde.py."""

import numpy as np
import pytest

from zwk.profiles import analysis, estimates, history, pages
from zwk.profiles.history import HistoryInfo
from zwk.profiles.models import Movement, PopulationStock, Region, StatisticsRelease

OWN = "09180999"  # the municipality fixture's AGS
#: yearly growth of the other Gemeinden of the Kreis
OTHERS = (-0.02, -0.01, 0.0, 0.01, 0.005, -0.005)


def _info(years, estimated=True):
    return HistoryInfo(2023, estimated, tuple(years), "Fortschreibung", 7, "09")


def test_label_names_the_years_used_the_basis_and_the_stichtag():
    info = _info([2008, 2009, 2011, 2012, 2013, 2014])
    assert info.span == "2008–2010 und 2011–2015"  # the 2010 → 2011 break is left out
    assert "Veränderung der Einwohnerzahl 2008–2010 und 2011–2015" in info.label
    assert "Ausgangsbestand 31.12.2023 (Schätzung), Bevölkerungsbasis: Fortschreibung" in info.label
    assert "(Schätzung)" not in _info([2011, 2012], estimated=False).label


def _land(years, *, growth, base_ages_year, summary_bases=None, scale=1.0, others=OTHERS):
    """Seven Gemeinden of one Kreis (the own one first): totals for ``years`` (basis
    Zensus 2011), ages of ``base_ages_year``, births and deaths. The own Gemeinde grows by
    ``growth`` per year, the others by ``others`` (default: different rates around zero, so
    that the Gemeinden differ and the shrinkage keeps part of each one's own migration).
    ``scale``: persons per Gemeinde as a multiple of about 5,000."""
    release = StatisticsRelease.objects.create(
        table_code="12411",
        file_name="t.csv",
        sha256="t",
        summary={"official": True, "bases": summary_bases or {}},
    )
    rows, moves = [], []
    codes = [OWN] + [f"09180{n:03d}" for n in range(1, 7)]
    for n, code in enumerate(codes):
        region = Region.objects.create(code=code, name=f"G{n}", level="gemeinde")
        shape = np.linspace(40 + n, 10, 101) * scale
        rate = growth if n == 0 else others[n - 1]
        for y in years:
            total = 2 * shape.sum() * (1 + rate) ** (y - years[0])
            rows.append(PopulationStock(region=region, year=y, sex="total", total=total,
                                        release=release))  # fmt: skip
            for kind, value in (("births", total * 0.008), ("deaths", total * 0.011)):
                moves.append(Movement(region=region, year=y, kind=kind, value=value,
                                      release=release))  # fmt: skip
        scale = (1 + rate) ** (base_ages_year - years[0])
        for sex in ("male", "female"):
            rows.append(PopulationStock(region=region, year=base_ages_year, sex=sex,
                                        total=shape.sum() * scale,
                                        ages=(shape * scale).tolist(), release=release))  # fmt: skip
    PopulationStock.objects.bulk_create(rows)
    Movement.objects.bulk_create(moves)


def _own():
    rd = analysis.load_regions([OWN])[OWN]
    estimates.label(rd)
    return rd


@pytest.mark.django_db
def test_a_gemeinde_with_history_is_projected_from_it_with_the_empirical_band():
    _land(range(2011, 2016), growth=0.02, base_ages_year=2015)
    own = _own()
    assert history.eligible(own)
    result = analysis.history_scenario(own, analysis.ScenarioParams())
    assert result is not None and result.history is not None
    assert result.history.change_years == (2011, 2012, 2013, 2014)
    assert result.history.regions == 7 and not result.history.estimated
    main = result.main
    assert main.codes == (OWN,) and int(main.years[0]) == 2015
    assert main.totals[0, 0] == pytest.approx(own.totals[2015])
    low, high = result.interval
    assert low[0] == high[0] == pytest.approx(main.totals[0, 0])  # no width at the base
    assert low[-1] < main.totals[-1, 0] < high[-1]
    assert result.low is None and result.high is None  # the band is the interval
    assert set(result.demand) >= {"kita_0_2", "care_needs"}


@pytest.mark.django_db
def test_a_gemeinde_of_a_large_land_carries_the_lands_migration_trend_on():
    """The platform projects all Gemeinden of the Land in one engine run, so the engine's
    default trend weight (by the size of the input, since 08.12.2026) is that of the Land:
    a Land of 35,000 people (w = 0) stays at its total, one of 10.6 million (w = 1) keeps
    growing as in 2011–2015 (every Gemeinde +1.5 % a year)."""
    growth = {}
    for scale in (1.0, 300.0):
        _land(range(2011, 2016), growth=0.015, base_ages_year=2015, scale=scale,
              others=(0.015,) * 6)  # fmt: skip
        main = analysis.history_scenario(_own(), analysis.ScenarioParams()).main
        assert int(main.years[10]) == 2025
        growth[scale] = main.totals[10, 0] / main.totals[0, 0] - 1.0
        for model in (Movement, PopulationStock, Region, StatisticsRelease):
            model.objects.all().delete()
    assert abs(growth[1.0]) < 0.02
    assert growth[300.0] > 0.10


@pytest.mark.django_db
def test_moved_sliders_and_kommunen_without_history_use_the_scenario_projection(
    municipality,
):
    _land(range(2014, 2016), growth=0.0, base_ages_year=2015)  # one yearly change only
    own = _own()
    assert not history.eligible(own)
    assert analysis.history_scenario(own, analysis.ScenarioParams()) is None
    page = pages.build(municipality)
    assert page.projection.can_project and page.projection.scenario.history is None


@pytest.mark.django_db
def test_sliders_switch_to_the_scenario_projection(municipality):
    _land(range(2011, 2016), growth=0.0, base_ages_year=2015)
    assert pages.build(municipality).projection.scenario.history is not None
    moved = analysis.ScenarioParams(tfr=1.6)
    page = pages.build(municipality, moved)
    assert page.projection.scenario.history is None
    assert page.projection.scenario.params == moved


@pytest.mark.django_db
def test_changes_across_a_break_of_the_population_basis_are_not_migration():
    bases = {"2009": "vz1987", "2010": "vz1987"}
    _land(range(2009, 2016), growth=0.01, base_ages_year=2015, summary_bases=bases)
    own = _own()
    assert own.bases[2010] == "vz1987" and own.bases[2011] == "zensus2011"
    result = analysis.history_scenario(own, analysis.ScenarioParams())
    assert 2010 not in result.history.change_years
    assert result.history.span == "2009–2010 und 2011–2015"


@pytest.mark.django_db
def test_a_kommune_created_after_the_import_has_its_projection_stored_at_once(
    django_capture_on_commit_callbacks,
):
    """Issue 15: a real Gemeinde created by the office shows its full profile right after
    the import – its history projection is stored when it is created, not computed by its
    first page view (a whole Land)."""
    from tests.factories import MunicipalityFactory
    from zwk.profiles import derived

    _land(range(2011, 2016), growth=0.02, base_ages_year=2015)
    key = "history:09180003:2015"
    version = analysis.data_version()
    assert derived.load(key, version) is None
    with django_capture_on_commit_callbacks(execute=True):
        MunicipalityFactory(name="Neudorf", slug="neudorf", ags="09180003")
    stored = derived.load(key, version)
    assert stored, "no history projection stored for the new Kommune"
    result, info = stored
    assert result.codes == ("09180003",) and info.regions == 7


@pytest.mark.django_db
def test_results_stored_by_an_older_method_are_not_reused(monkeypatch):
    """An update that changes a default of the engine (``demography.METHOD_VERSION``)
    changes the data version, so stored projections and types are computed anew."""
    import demography

    before = analysis.data_version()
    monkeypatch.setattr(demography, "METHOD_VERSION", "a-later-method")
    assert analysis.data_version() != before
    assert analysis.data_version().endswith("a-later-method")
