"""Scenario explorer: "Maßnahmen des Werkstattplans einbeziehen" (issue 20).

Stock 31.12.2022: 10 persons per sex at every age 0–99. A Neubaugebiet of 1,000 dwellings in
2027 only, 2.2 persons each, half from outside: 1,100 persons move in during 2027, spread by
the engine's new-build profile. Extra migration enters at the age at year end and is not yet
exposed to births or deaths in its first year, so in 2027 the Krippe demand (ages 0–2) rises
by exactly 1,100 · (share of ages 0–2 in the profile) – the explorer's table shows it rounded.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.zwk.plans.factories import make_measure
from zwk.core import hooks
from zwk.plans import effect_services
from zwk.plans.models import MeasureEffect
from zwk.profiles import analysis, pages
from zwk.profiles.models import PopulationStock, Profile, Region, StatisticsRelease

UNIFORM = [10.0] * 100 + [0.0]
SLIDERS = {"migration": "3.4", "tfr": "1.35", "e0_gain": "2.3", "dwellings": "0"}
K = MeasureEffect.Kind
LABEL = "mit Maßnahmen des Werkstattplans"
SWITCH = 'name="plan_effects"'


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
    Profile.objects.update_or_create(municipality=municipality, defaults={"is_published": True})
    return region


def _housing(municipality, by, **data):
    measure = make_measure(municipality, by, title="Neubaugebiet Am Sonnenhang")
    values = {
        "kind": K.HOUSING,
        "start_year": 2027,
        "years": 1,
        "amount": Decimal(1000),
        "occupancy": Decimal("2.2"),
        "profile": MeasureEffect.Profile.FAMILIES,
        **data,
    }
    return effect_services.effect_add(measure=measure, by=by, data=values)


def _krippe(html: str, year: int) -> int:
    """The explorer table's Krippe figure in ``year`` (German thousands separator)."""
    table = html.split('id="planungsbedarf"')[1]
    headers = re.findall(r'<th class="kern-table__header" scope="col">([^<]*)</th>', table)
    column = headers.index(str(year)) - 1
    row = re.search(r"Kinder 0–2 Jahre \(Krippe\)</th>(.*?)</tr>", table, re.S).group(1)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    return int(cells[column].replace(".", ""))


def _expected_extra() -> float:
    return 1000 * 2.2 * 0.5 * float(analysis.new_build_movers()[:, 0:3].sum())


def test_switch_adds_the_neubaugebiet_to_the_krippe_demand(municipality, stock, member, client_for):
    _housing(municipality, member)
    client = client_for(member)
    url = reverse("profiles:scenario", kwargs={"slug": municipality.slug})
    without = client.get(url, SLIDERS)
    with_plan = client.get(url, {**SLIDERS, "plan_effects": "on"})
    assert without.status_code == with_plan.status_code == 200
    html_without, html_with = without.content.decode(), with_plan.content.decode()
    assert LABEL not in html_without and LABEL in html_with
    extra = _expected_extra()
    assert extra > 40  # a visible number of children, not a rounding artefact
    difference = _krippe(html_with, 2027) - _krippe(html_without, 2027)
    assert abs(difference - extra) <= 1
    assert _krippe(html_with, 2022) == _krippe(html_without, 2022)  # nothing before


def test_one_run_holds_the_exact_hand_calculation(municipality, stock, member):
    _housing(municipality, member)
    provider = hooks.service(pages.PLAN_EFFECTS)
    params = analysis.ScenarioParams(plan_effects=True)
    with_plan = pages.build(
        municipality, params, plan_extra=lambda pop: provider.extra_migration(municipality, pop)
    ).projection.scenario
    without = pages.build(municipality, analysis.ScenarioParams()).projection.scenario
    assert with_plan.plan_effects and not without.plan_effects
    t = 2027 - 2022
    kita_with = float(with_plan.demand["kita_0_2"][t, 0])
    kita_without = float(without.demand["kita_0_2"][t, 0])
    assert kita_with - kita_without == pytest.approx(_expected_extra(), abs=1e-6)
    assert float(with_plan.demand["kita_0_2"][t - 1, 0]) == pytest.approx(
        float(without.demand["kita_0_2"][t - 1, 0]), abs=1e-9
    )


def test_the_page_offers_the_switch_to_the_team_only(
    municipality, stock, member, coordinator, other_member, office_user, client_for
):
    _housing(municipality, coordinator)
    url = reverse("profiles:profile", kwargs={"slug": municipality.slug})
    participant = UserFactory(username="teilnehmer")
    for user in (member, coordinator):
        html = client_for(user).get(url).content.decode()
        assert SWITCH in html and "Maßnahmen des Werkstattplans einbeziehen" in html, user
    for user in (None, participant, other_member):
        response = client_for(user).get(url)
        assert response.status_code == 200  # the published profile
        assert SWITCH not in response.content.decode(), user
        # a forged switch is ignored: same figures, no label
        forged = client_for(user).get(
            reverse("profiles:scenario", kwargs={"slug": municipality.slug}),
            {**SLIDERS, "plan_effects": "on"},
        )
        plain = client_for(user).get(
            reverse("profiles:scenario", kwargs={"slug": municipality.slug}), SLIDERS
        )
        assert forged.status_code == 200 and LABEL not in forged.content.decode()
        assert _krippe(forged.content.decode(), 2027) == _krippe(plain.content.decode(), 2027)
    # the office works with every Kommune and may see its plan
    assert SWITCH in client_for(office_user).get(url).content.decode()


def test_no_switch_and_no_effect_when_the_plan_has_none(municipality, stock, member, client_for):
    make_measure(municipality, member, title="Dorfladen")  # a measure without effects
    measure = make_measure(municipality, member, title="Neue Krippe")
    effect_services.effect_add(
        measure=measure,
        by=member,
        data={
            "kind": K.PLACES,
            "start_year": 2025,
            "years": 1,
            "amount": Decimal(24),
            "facility": MeasureEffect.Facility.KITA_U3,
        },
    )  # places change supply only: nothing for the projection
    client = client_for(member)
    page = client.get(reverse("profiles:profile", kwargs={"slug": municipality.slug}))
    assert SWITCH not in page.content.decode()
    url = reverse("profiles:scenario", kwargs={"slug": municipality.slug})
    forged = client.get(url, {**SLIDERS, "plan_effects": "on"}).content.decode()
    plain = client.get(url, SLIDERS).content.decode()
    assert LABEL not in forged
    assert _krippe(forged, 2027) == _krippe(plain, 2027)


def test_the_switch_reaches_the_exports(municipality, stock, member, client_for):
    _housing(municipality, member)
    client = client_for(member)
    url = reverse(
        "profiles:export_csv", kwargs={"slug": municipality.slug, "table": "planungsbedarf"}
    )
    plain = client.get(url, SLIDERS).content.decode("utf-8-sig")
    with_plan = client.get(url, {**SLIDERS, "plan_effects": "on"}).content.decode("utf-8-sig")
    assert plain != with_plan


def test_sliders_are_kern_fields_with_label_hint_and_value(municipality, stock, member, client_for):
    """Each slider: a KERN label, a hint the slider is described by (screen readers read it
    with the slider), its value in an <output> (a polite status); a wrong value is marked
    invalid with the German message next to the slider, the input kept."""
    client = client_for(member)
    url = reverse("profiles:profile", kwargs={"slug": municipality.slug})
    html = client.get(url).content.decode()
    slider = re.search(r'<input type="range"[^>]*id="id_migration"[^>]*>', html).group(0)
    assert 'aria-describedby="id_migration_help"' in slider
    assert '<label class="kern-label" for="id_migration">' in html
    assert '<div class="kern-hint" id="id_migration_help">Zuzüge minus Fortzüge' in html
    assert '<output for="id_migration" class="slider-value">3,4</output>' in html
    bad = client.get(url, {**SLIDERS, "tfr": "9"})
    assert bad.status_code == 400
    page = bad.content.decode()
    tfr = re.search(r'<input type="range"[^>]*id="id_tfr"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in tfr and "id_tfr_error" in tfr
    assert 'value="9"' in tfr
    assert re.search(r'id="id_tfr_error">.*?kleiner oder gleich 2[,.]5', page, re.S)
