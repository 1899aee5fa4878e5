"""Zwischenbilanz with both paths (``effects.reality_check``): which path is reality closer to.

Baseline 31.12.2020: 10 persons per sex and age 0–99 (known when the plan was made); observed
2023: the same plus 30 persons at ages 30–34 per sex (300 more people). The plan's
Neubaugebiet brings 2021–2023 about 3 · 20 · 2.2 · 0.5 = 66 persons, so "mit Plan" expects
more people than "ohne Plan" – the observed 2,300 are closer to it.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.zwk.plans.factories import make_measure
from zwk.plans import effects, services
from zwk.plans.models import MeasureEffect
from zwk.profiles.models import PopulationStock, Region, StatisticsRelease

UNIFORM = [10.0] * 100 + [0.0]
MORE = [10.0] * 30 + [40.0] * 5 + [10.0] * 65 + [0.0]


def _release(name, when):
    release = StatisticsRelease.objects.create(
        table_code="12411-0018", file_name=name, sha256=name.ljust(64, "0"), title=name
    )
    StatisticsRelease.objects.filter(pk=release.pk).update(imported_at=when)
    return release


@pytest.fixture
def plan(municipality, coordinator):
    region = Region.objects.create(code=municipality.ags, name=municipality.name, level="gemeinde")
    old = _release("bestand-2020.csv", datetime(2021, 6, 1, tzinfo=UTC))
    plan = services.plan_for(municipality)
    new = _release("bestand-2023.csv", timezone.now() + timedelta(days=1))
    for year, ages, release in ((2020, UNIFORM, old), (2023, MORE, new)):
        for sex in ("male", "female"):
            PopulationStock.objects.create(
                region=region, year=year, sex=sex, total=sum(ages), ages=ages, release=release
            )
    return plan


def _housing(measure):
    return MeasureEffect(
        measure=measure,
        kind="housing",
        start_year=2021,
        years=3,
        amount=Decimal(20),
        profile="families",
    )


def test_reality_is_closer_to_the_plan_path(plan, municipality, coordinator):
    measure = make_measure(municipality, coordinator)
    check = effects.reality_check(plan, [_housing(measure)])
    assert (check.baseline_year, check.latest_year) == (2020, 2023)
    population = check.rows[0]
    assert population.observed == pytest.approx(2300)
    assert population.with_plan - population.without == pytest.approx(66, abs=2)
    assert population.closer == "mit" and population.reading == "näher am Weg mit Plan"
    assert "Nach 3 Jahr(en) sagt dieser Vergleich wenig" in check.caveat


def test_places_alone_change_no_path(plan, municipality, coordinator):
    measure = make_measure(municipality, coordinator)
    places = MeasureEffect(
        measure=measure, kind="places", start_year=2021, amount=10, facility="kita"
    )
    assert effects.reality_check(plan, [places]) is None


def test_effects_page_shows_the_comparison(plan, municipality, coordinator, client_for):
    measure = make_measure(municipality, coordinator)
    effect = _housing(measure)
    effect.save()
    html = (
        client_for(coordinator)
        .get(reverse("plans:effects", kwargs={"slug": municipality.slug}))
        .content.decode()
    )
    assert "Welchem Weg folgt die Wirklichkeit?" in html and "näher am Weg mit Plan" in html
