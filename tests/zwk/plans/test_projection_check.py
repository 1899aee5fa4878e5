"""Projection check of the Zwischenbilanz (``plans/review/projection_check.py``), hand-checked numbers.

Stocks: in the baseline year 2020 each sex has 10 persons at every age 0–99 (nobody 100+):
2,000 persons; under 18: 18·20 = 360; 18–64: 47·20 = 940; 65–79: 15·20 = 300; 80+: 20·20 = 400.
Altenquotient = 65+ (35·20 = 700) per 100 aged 20–64 (45·20 = 900) = 77.78; Jugendquotient =
under 20 (400) per 100 aged 20–64 = 44.44; Durchschnittsalter = mean of x + 0.5 = 50.0.
In 2023 the 80–99-year-olds are 15 per sex and age: 80+ = 600, total 2,200, Altenquotient
(300 + 600) / 900 · 100 = 100.0.
"""

from datetime import UTC, date, datetime

import numpy as np
import pytest
from django.urls import reverse

from tests.zwk.plans.factories import make_goal
from zwk.plans import services
from zwk.plans.models import Indicator, Plan
from zwk.plans.review.projection_check import engine_projector, figures, projection_check
from zwk.profiles.models import PopulationStock, Region, StatisticsRelease

UNIFORM = [10.0] * 100 + [0.0]
OLDER = [10.0] * 80 + [15.0] * 20 + [0.0]


def _release(name, when):
    release = StatisticsRelease.objects.create(
        table_code="12411-0018", file_name=name, sha256=name.ljust(64, "0"), title=name
    )
    StatisticsRelease.objects.filter(pk=release.pk).update(imported_at=when)
    return release


def _stock(region, year, ages, release):
    for sex in ("male", "female"):
        PopulationStock.objects.create(
            region=region, year=year, sex=sex, total=sum(ages), ages=ages, release=release
        )


@pytest.fixture
def region(municipality):
    return Region.objects.create(code=municipality.ags, name=municipality.name, level="gemeinde")


def _baseline_only(region):
    _stock(region, 2020, UNIFORM, _release("bestand-2020.csv", datetime(2021, 6, 1, tzinfo=UTC)))


def _newer(region):
    _stock(region, 2023, OLDER, _release("bestand-2023.csv", datetime(2024, 6, 1, tzinfo=UTC)))


def _stub(calls):
    def projector(pop, year):
        calls.append((pop.year, year, float(pop.counts.sum())))
        return np.array([UNIFORM, UNIFORM])  # the projection expected no change at all

    return projector


def test_figures_of_a_stock_by_hand():
    f = figures(np.array([UNIFORM, UNIFORM]))
    assert f["population"] == 2000
    assert (f["under_18"], f["age_18_64"], f["age_65_79"], f["age_80_plus"]) == (360, 940, 300, 400)
    assert f["old_age_dependency_ratio"] == pytest.approx(700 / 900 * 100)  # 77.78
    assert f["youth_dependency_ratio"] == pytest.approx(400 / 900 * 100)  # 44.44
    assert f["mean_age"] == pytest.approx(50.0)


def test_observed_change_against_the_projection(municipality, region):
    _baseline_only(region)
    _newer(region)
    calls = []
    check = projection_check(municipality, baseline_year=2020, projector=_stub(calls))
    assert check.state == "ok"
    assert (check.baseline_year, check.latest_year) == (2020, 2023)
    assert calls == [(2020, 2023, 2000.0)]  # projected from the 2020 stock to 2023
    rows = {r.key: r for r in check.rows}
    pop = rows["population"]
    assert (pop.baseline, pop.observed, pop.expected) == (2000, 2200, 2000)
    assert (pop.observed_change, pop.expected_change, pop.difference) == (200, 0, 200)
    assert pop.difference_pct == pytest.approx(10.0)
    old = rows["age_80_plus"]
    assert (old.baseline, old.observed, old.expected, old.difference) == (400, 600, 400, 200)
    assert rows["under_18"].difference == 0
    quotient = rows["old_age_dependency_ratio"]
    assert quotient.baseline == pytest.approx(77.78, abs=0.01)
    assert quotient.observed == pytest.approx(100.0)
    assert quotient.difference == pytest.approx(22.22, abs=0.01)
    assert [r.file_name for r in check.releases] == ["bestand-2023.csv"]


def test_no_newer_statistics_is_said_honestly(municipality, region, client_for, coordinator):
    _baseline_only(region)
    services.plan_for(municipality)
    check = projection_check(municipality)
    assert (check.state, check.baseline_year, check.rows) == ("no_newer", 2020, [])
    page = client_for(coordinator).get(reverse("review:review", args=[municipality.slug]))
    assert "Seit dem Basisjahr 2020 wurde noch keine neuere Bevölkerungsstatistik" in (
        page.content.decode()
    )


def test_without_statistics_the_page_explains_it(municipality, client_for, coordinator):
    services.plan_for(municipality)
    assert projection_check(municipality).state == "no_data"
    page = client_for(coordinator).get(reverse("review:review", args=[municipality.slug]))
    assert "noch keine Statistiken mit Einzelaltersjahren" in page.content.decode()


def test_default_baseline_is_what_was_known_when_the_plan_was_made(municipality, region):
    _baseline_only(region)
    plan = services.plan_for(municipality)
    Plan.objects.filter(pk=plan.pk).update(created_at=datetime(2022, 3, 1, tzinfo=UTC))
    _newer(region)  # imported 2024, after the plan was made
    plan.refresh_from_db()
    check = projection_check(municipality, plan, projector=_stub([]))
    assert (check.state, check.baseline_year, check.latest_year) == ("ok", 2020, 2023)


def test_default_baseline_follows_the_engine_indicators(municipality, region, coordinator):
    _baseline_only(region)
    _stock(region, 2021, UNIFORM, _release("bestand-2021.csv", datetime(2022, 6, 1, tzinfo=UTC)))
    _newer(region)
    goal = make_goal(municipality, coordinator)
    Indicator.objects.create(
        goal=goal,
        kind="engine",
        engine_key="old_age_dependency_ratio",
        name="Altenquotient",
        baseline=77.78,
        baseline_date=date(2021, 12, 31),
    )
    check = projection_check(municipality, goal.plan, projector=_stub([]))
    assert check.baseline_year == 2021
    # An explicitly chosen year wins; an unknown year falls back to the default.
    assert (
        projection_check(
            municipality, goal.plan, baseline_year=2020, projector=_stub([])
        ).baseline_year
        == 2020
    )
    assert (
        projection_check(
            municipality, goal.plan, baseline_year=1999, projector=_stub([])
        ).baseline_year
        == 2021
    )


def test_engine_projection_is_the_basis_scenario(municipality, region):
    from demography.projection import project

    _baseline_only(region)
    _newer(region)
    check = projection_check(municipality, baseline_year=2020)
    expected = {r.key: r.expected for r in check.rows}["population"]
    from demography.core import Population

    base = Population(codes=("x",), names=("x",), year=2020, counts=np.array([[UNIFORM, UNIFORM]]))
    direct = project(base, horizon=3, scenario="Basis").totals[-1, 0]
    assert expected == pytest.approx(float(direct))
    assert engine_projector(base, 2023).shape == (2, 101)


def test_review_page_shows_the_check_and_refuses_a_bad_year(
    municipality, region, client_for, coordinator
):
    _baseline_only(region)
    _newer(region)
    services.plan_for(municipality)
    client = client_for(coordinator)
    url = reverse("review:review", args=[municipality.slug])
    page = client.get(url, {"basisjahr": "2020"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "2023 beobachtet" in html and "Altenquotient" in html
    assert "2.200" in html or "2200" in html
    assert client.get(url, {"basisjahr": "1999"}).status_code == 400
    assert client.get(url, {"basisjahr": "abc"}).status_code == 400
