"""Demographic effects of measures (``plans/effects.py``) against hand calculations.

Stock 31.12.2022: 10 persons per sex at every age 0–99 (2,000 persons). The projection runs
to 2042. Extra migration enters at the age at year end and is not yet exposed to births or
deaths in its first year, so the first year's difference is exactly the effect.
"""

from decimal import Decimal

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.zwk.plans.factories import make_measure
from zwk.plans import effect_services, effects
from zwk.plans.models import MeasureEffect
from zwk.profiles import analysis
from zwk.profiles.models import PopulationStock, Region, StatisticsRelease

UNIFORM = [10.0] * 100 + [0.0]
K = MeasureEffect.Kind


@pytest.fixture
def stock(municipality):
    region = Region.objects.create(code=municipality.ags, name=municipality.name, level="gemeinde")
    release = StatisticsRelease.objects.create(
        table_code="12411-0018", file_name="b.csv", sha256="b" * 64, title="Bestand"
    )
    for sex in ("male", "female"):
        PopulationStock.objects.create(
            region=region, year=2022, sex=sex, total=1000, ages=UNIFORM, release=release
        )
    return region


def _effect(**data):
    defaults = {"start_year": 2023, "years": 5, "profile": MeasureEffect.Profile.FAMILIES}
    return MeasureEffect(**{**defaults, **data})


def _base(municipality):
    base = effects.base_for(municipality)
    assert base is not None and base.year == 2022
    return base


def _runs(base, items):
    without = analysis.project_with_extra(base.pop, None)
    with_plan = analysis.project_with_extra(base.pop, effects.extra_migration(items, base))
    diff = with_plan.main.single_years()[:, 0].sum(axis=1) - without.main.single_years()[:, 0].sum(
        axis=1
    )
    return without, with_plan, diff  # diff (T, 101) both sexes


def test_neubaugebiet_extra_population_and_age_profile_after_five_years(municipality, stock):
    base = _base(municipality)
    # 20 dwellings a year 2023–2027, 2.2 persons each, half from outside: 22 persons a year.
    housing = _effect(kind=K.HOUSING, amount=Decimal(20), occupancy=Decimal("2.2"))
    _w, _m, diff = _runs(base, [housing])
    profile = analysis.new_build_movers().sum(axis=0)  # by age, sums to 1
    assert diff[1].sum() == pytest.approx(22.0, abs=1e-6)
    assert np.allclose(diff[1], 22.0 * profile, atol=1e-9)
    # after 5 years: 5 · 22 = 110 movers, plus a few children born to them, minus few deaths
    assert 110.0 <= diff[5].sum() <= 114.0
    # age profile: the movers of year k (k = 1 … 5) are 5 − k years older in 2027
    expected = np.zeros(101)
    for k in range(1, 6):
        shift = 5 - k
        expected[shift:] += 22.0 * profile[: 101 - shift]
    for lo, hi in ((10, 24), (25, 44), (45, 64)):
        assert diff[5][lo : hi + 1].sum() == pytest.approx(expected[lo : hi + 1].sum(), rel=0.02)
    # nothing before the first year, nothing without dwellings afterwards except ageing
    assert diff[0].sum() == 0


def test_out_migration_reduction_is_a_cohort_difference(municipality, stock):
    base = _base(municipality)
    # 10 % fewer of 50 out-movers aged 18–24 a year: 5 persons stay every year.
    fewer = _effect(
        kind=K.MIGRATION,
        amount=Decimal(10),
        is_percent=True,
        age_from=18,
        age_to=24,
        base_outflow=Decimal(50),
    )
    _w, _m, diff = _runs(base, [fewer])
    assert diff[1][18:25].sum() == pytest.approx(5.0, abs=1e-9)
    assert diff[1][:18].sum() == diff[1][25:].sum() == 0
    # one year on: last year's 5 are 19–25, this year's 5 are 18–24
    assert diff[2][18:26].sum() == pytest.approx(10.0, abs=0.01)


def test_default_out_migration_rate_without_local_figure(municipality, stock):
    base = _base(municipality)
    fewer = _effect(kind=K.MIGRATION, amount=Decimal(10), is_percent=True, age_from=18, age_to=24)
    # 7 ages · 20 persons · 12 % = 16.8 out-movers a year; 10 % of them stay
    assert effects.outflow(fewer, base) == pytest.approx(16.8)
    assert effects.persons_per_year(fewer, base).sum() == pytest.approx(1.68)


def test_senior_housing_moves_inside_only_through_the_chain(municipality, stock):
    base = _base(municipality)
    # 10 flats, 1.3 persons, 20 % from outside: 2.6 seniors from outside; 8 freed dwellings
    # taken like new ones: 8 · 2.2 · 0.5 = 8.8 persons.
    senior = _effect(kind=K.SENIOR, amount=Decimal(10), years=1)
    per_year = effects.persons_per_year(senior, base)
    assert per_year.sum() == pytest.approx(2.6 + 8.8)
    assert per_year[:, 65:].sum() >= 2.6


def test_accounting_identity_holds_with_all_effects(municipality, stock):
    base = _base(municipality)
    items = [
        _effect(kind=K.HOUSING, amount=Decimal(30)),
        _effect(kind=K.MIGRATION, amount=Decimal(15), age_from=25, age_to=34, years=10),
        _effect(kind=K.MIGRATION, amount=Decimal(-2), age_from=70, age_to=79, years=10),
        _effect(kind=K.SENIOR, amount=Decimal(5), start_year=2026),
        _effect(kind=K.PLACES, amount=Decimal(20), facility="kita_u3", existing_places=40),
    ]
    paths = effects.plan_paths(items, base)
    assert paths.residual < 1e-6
    assert [h.year for h in paths.horizons] == [2032, 2042]
    first = paths.horizons[0].rows[0]
    assert first.with_plan > first.without
    assert first.without_low <= first.without <= first.without_high


def test_supply_sentence_compares_both_paths(municipality, stock):
    base = _base(municipality)
    items = [
        _effect(kind=K.HOUSING, amount=Decimal(40), years=10),
        _effect(kind=K.PLACES, amount=Decimal(5), facility="kita_u3", existing_places=5),
    ]
    paths = effects.plan_paths(items, base)
    (line,) = paths.supply
    assert line.year == 2032 and line.supply_without == 5 and line.supply_with == 10
    assert line.demand_with > line.demand_without
    assert line.sentence.startswith("2032 ")
    assert "Krippenplätze" in line.sentence and "mit Plan" in line.sentence


def test_effect_beyond_the_horizon_is_refused(municipality, stock, coordinator):
    measure = make_measure(municipality, coordinator)
    data = {"kind": K.HOUSING, "start_year": 2040, "years": 5, "amount": Decimal(10)}
    with pytest.raises(ValidationError) as exc:
        effect_services.effect_add(measure=measure, by=coordinator, data=data)
    assert "2042" in str(exc.value.message_dict["years"])
    data["start_year"] = 2050
    with pytest.raises(ValidationError) as exc:
        effect_services.effect_add(measure=measure, by=coordinator, data=data)
    assert "start_year" in exc.value.message_dict
    assert not MeasureEffect.objects.exists()


def test_effect_that_would_empty_a_cohort_is_refused(municipality, stock, coordinator):
    measure = make_measure(municipality, coordinator)
    data = {
        "kind": K.MIGRATION,
        "start_year": 2023,
        "years": 5,
        "amount": Decimal(-100),
        "age_from": 80,
        "age_to": 84,
    }
    with pytest.raises(ValidationError) as exc:
        effect_services.effect_add(measure=measure, by=coordinator, data=data)
    assert "mehr Menschen" in str(exc.value)
    assert not MeasureEffect.objects.exists()


def test_without_statistics_an_effect_cannot_be_saved(municipality, coordinator):
    measure = make_measure(municipality, coordinator)
    data = {"kind": K.HOUSING, "start_year": 2030, "years": 1, "amount": Decimal(10)}
    with pytest.raises(ValidationError, match="keine Einwohnerzahlen"):
        effect_services.effect_add(measure=measure, by=coordinator, data=data)


def test_coordinator_adds_a_neubaugebiet_and_sees_both_paths(
    municipality, stock, coordinator, client_for
):
    measure = make_measure(municipality, coordinator, title="Neubaugebiet Am Bach")
    client = client_for(coordinator)
    url = reverse("plans:effect_add", kwargs={"slug": municipality.slug, "pk": measure.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "wirkung-kind": "housing",
            "wirkung-start_year": "2024",
            "wirkung-years": "5",
            "wirkung-amount": "25",
            "wirkung-profile": "families",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("plans:effects", kwargs={"slug": municipality.slug}))
    html = page.content.decode()
    assert "Neubaugebiet Am Bach" in html and "mit Plan" in html and "tabelle-2032" in html
    measure_page = client.get(measure.get_absolute_url()).content.decode()
    assert "25 Wohnungen je Jahr ab 2024" in measure_page


def test_bad_effect_form_keeps_input_and_writes_nothing(
    municipality, stock, coordinator, client_for
):
    measure = make_measure(municipality, coordinator)
    url = reverse("plans:effect_add", kwargs={"slug": municipality.slug, "pk": measure.pk})
    response = client_for(coordinator).post(
        url,
        {
            "wirkung-kind": "housing",
            "wirkung-start_year": "2099",
            "wirkung-amount": "25",
            "wirkung-profile": "families",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "so weit reicht die Vorausberechnung" in html and 'value="2099"' in html
    assert not MeasureEffect.objects.exists()


def test_effect_delete_removes_it(municipality, stock, coordinator, client_for):
    measure = make_measure(municipality, coordinator)
    effect = effect_services.effect_add(
        measure=measure,
        by=coordinator,
        data={"kind": K.PLACES, "start_year": 2025, "amount": Decimal(12), "facility": "kita"},
    )
    url = reverse("plans:effect_delete", kwargs={"slug": municipality.slug, "pk": effect.pk})
    assert client_for(coordinator).post(url).status_code == 302
    assert not MeasureEffect.objects.exists()
