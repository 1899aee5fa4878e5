"""Pages of the Werkstattplan and the Zwischenbilanz (``plans/views.py``)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.zwk.plans.factories import make_goal, make_measure, make_sketch
from tests.zwk.workshops.factories import make_workshop
from zwk.plans import services
from zwk.plans.models import Indicator, Measure, Measurement

pytestmark = pytest.mark.django_db


def _url(name, municipality, **kwargs):
    return reverse(name, kwargs={"slug": municipality.slug, **kwargs})


def test_plan_page_lists_measures_and_filters_by_status(municipality, member, client_for):
    make_measure(municipality, member, "Dorfladen", status="running")
    make_measure(municipality, member, "Bürgerbus")
    client = client_for(member)
    html = client.get(_url("plans:plan", municipality)).content.decode()
    assert "Dorfladen" in html and "Bürgerbus" in html
    html = client.get(_url("plans:plan", municipality), {"status": "running"}).content.decode()
    assert "Dorfladen" in html and "Bürgerbus" not in html
    assert "1 Maßnahme (von 2)" in html


def test_step_page_links_to_the_plan_and_the_review(municipality, member, client_for):
    client = client_for(member)
    for step, url in (
        ("werkstattplan", _url("plans:plan", municipality)),
        ("zwischenbilanz", _url("review:review", municipality)),
    ):
        html = client.get(
            reverse("municipalities:step", kwargs={"slug": municipality.slug, "step": step})
        ).content.decode()
        assert url in html


def test_measure_create_with_bad_input_is_refused_in_german(municipality, member, client_for):
    response = client_for(member).post(
        _url("plans:measure_create", municipality),
        {"title": "Jugendtreff", "status": "dropped", "start": "2026-05-01", "end": "2026-04-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte begründen Sie" in html and "Das Ende darf nicht vor dem Beginn liegen" in html
    assert 'value="Jugendtreff"' in html  # input kept
    assert not Measure.objects.exists()


def test_measure_create_and_edit(municipality, member, client_for):
    goal = make_goal(municipality, member)
    client = client_for(member)
    response = client.post(
        _url("plans:measure_create", municipality),
        {
            "title": "Jugendtreff",
            "status": "planned",
            "goals": [goal.pk],
            "target_groups": ["youth"],
            "budget_planned": "12000",
        },
    )
    measure = Measure.objects.get()
    assert response.status_code == 302 and response["Location"] == measure.get_absolute_url()
    assert list(measure.goals.all()) == [goal] and measure.target_group_values == ["youth"]
    response = client.post(
        _url("plans:measure_edit", municipality, pk=measure.pk),
        {"title": "Jugendtreff", "status": "paused", "status_reason": "Raum fehlt"},
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == "paused" and measure.status_reason == "Raum fehlt"
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "Raum fehlt" in html


def test_carry_over_page_lists_sketches_and_takes_them_with_one_action(
    municipality, member, coordinator, client_for
):
    workshop = make_workshop(municipality, by=coordinator)
    bus = make_sketch(workshop, coordinator, "Bürgerbus")
    laden = make_sketch(workshop, coordinator, "Dorfladen")
    client = client_for(member)
    url = _url("plans:carry_over", municipality)
    html = client.get(url).content.decode()
    # The sketch's own checkbox (other forms on the page, e.g. the language switcher, carry value="1").
    assert f'id="skizze-{bus.pk}"' in html and f'id="skizze-{laden.pk}"' in html

    response = client.post(url, {"skizze": [bus.pk]})
    assert response.status_code == 302
    measure = Measure.objects.get()
    html = client.get(url).content.decode()
    assert f'id="skizze-{bus.pk}"' not in html and "bereits übernommen als" in html
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "Projektskizze „Bürgerbus“" in html
    assert (
        reverse("workshops:detail", kwargs={"slug": municipality.slug, "pk": workshop.pk}) in html
    )

    assert client.post(url, {"skizze": ["abc"]}).status_code == 400
    assert client.post(url, {}).status_code == 400
    assert Measure.objects.count() == 1


def test_indicator_and_measurement_entry(municipality, member, client_for):
    goal = make_goal(municipality, member)
    client = client_for(member)
    response = client.post(
        _url("plans:indicator_create", municipality),
        {
            "goal": goal.pk,
            "kind": "own",
            "name": "Ehrenamtliche im Bürgerbus",
            "unit": "Personen",
            "baseline": "4",
            "baseline_date": "2025-01-01",
            "target": "12",
            "due": "2027-01-01",
        },
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    url = _url("plans:measurement_add", municipality, pk=indicator.pk)
    bad = client.post(url, {"messwert-measured_on": "2026-01-01", "messwert-value": "viele"})
    assert bad.status_code == 400 and not Measurement.objects.exists()
    ok = client.post(url, {"messwert-measured_on": "2026-01-01", "messwert-value": "8"})
    assert ok.status_code == 302
    html = client.get(indicator.get_absolute_url()).content.decode()
    assert "Ehrenamtliche im Bürgerbus" in html and "8 Personen" in html


def test_indicator_without_goal_choice_is_refused(municipality, member, client_for):
    response = client_for(member).post(
        _url("plans:indicator_create", municipality), {"kind": "engine"}
    )
    assert response.status_code == 400 and not Indicator.objects.exists()


def test_review_shows_a_traffic_light_per_indicator_and_explains_the_rule(
    municipality, member, client_for
):
    goal = make_goal(municipality, member, "Abwanderung senken")
    today = timezone.localdate()
    start = today - timedelta(days=365)
    data = {"kind": "own", "baseline_date": start, "due": start + timedelta(days=730)}
    falling = services.indicator_create(
        goal=goal,
        by=member,
        data={**data, "name": "Fortzüge junger Erwachsener", "baseline": 200, "target": 150},
    )
    services.measurement_add(indicator=falling, by=member, measured_on=today, value=176)
    stuck = services.indicator_create(
        goal=goal, by=member, data={**data, "name": "Leerstand", "baseline": 30, "target": 10}
    )
    services.measurement_add(indicator=stuck, by=member, measured_on=today, value=31)
    services.indicator_create(goal=goal, by=member, data={"kind": "own", "name": "Ohne Basis"})
    html = client_for(member).get(_url("review:review", municipality)).content.decode()
    assert "So wird die Ampel bestimmt" in html and "10 %" in html
    assert "Grün – im Plan" in html
    assert "Rot – kein Fortschritt" in html
    assert "Grau – kein Ausgangswert" in html


def test_review_at_an_earlier_date_ignores_later_measurements(municipality, member, client_for):
    goal = make_goal(municipality, member)
    indicator = services.indicator_create(
        goal=goal,
        by=member,
        data={
            "kind": "own",
            "name": "Kita-Plätze",
            "baseline": 40,
            "baseline_date": date(2024, 1, 1),
            "target": 60,
            "due": date(2026, 1, 1),
        },
    )
    services.measurement_add(indicator=indicator, by=member, measured_on=date(2025, 6, 1), value=61)
    client = client_for(member)
    early = client.get(_url("review:review", municipality), {"stichtag": "2025-01-01"})
    assert "Grau – noch kein Messwert" in early.content.decode()
    late = client.get(_url("review:review", municipality), {"stichtag": "2025-07-01"})
    assert "Grün – Ziel erreicht" in late.content.decode()
    assert client.get(_url("review:review", municipality), {"stichtag": "x"}).status_code == 400


def test_only_leads_approve_the_plan(municipality, member, coordinator, client_for):
    plan = services.plan_for(municipality)
    services.plan_set_status(plan=plan, by=member, status="review")
    url = _url("plans:status", municipality)
    assert client_for(member).post(url, {"status": "approved"}).status_code == 403
    assert client_for(coordinator).post(url, {"status": "approved"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.approved_version == 1


def test_objects_of_another_kommune_are_not_reachable_by_id(
    municipality, other_municipality, member, other_member, client_for
):
    """IDOR: an id of another Kommune's object under one's own Kommune is 404."""
    foreign_measure = make_measure(other_municipality, other_member)
    foreign_goal = make_goal(other_municipality, other_member)
    foreign_indicator = services.indicator_create(
        goal=foreign_goal, by=other_member, data={"kind": "own", "name": "Fremd"}
    )
    foreign_milestone = services.milestone_add(
        measure=foreign_measure, by=other_member, title="M", due=date(2026, 1, 1)
    )
    client = client_for(member)
    gets = [
        _url("plans:measure", municipality, pk=foreign_measure.pk),
        _url("plans:measure_edit", municipality, pk=foreign_measure.pk),
        _url("plans:goal_edit", municipality, pk=foreign_goal.pk),
        _url("plans:indicator", municipality, pk=foreign_indicator.pk),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        _url("plans:milestone_add", municipality, pk=foreign_measure.pk),
        _url("plans:milestone_done", municipality, pk=foreign_milestone.pk),
        _url("plans:measurement_add", municipality, pk=foreign_indicator.pk),
    ]
    for url in posts:
        assert client.post(url, {}).status_code == 404, url
    assert not foreign_milestone.__class__.objects.get(pk=foreign_milestone.pk).done


def test_plan_page_query_count_does_not_grow_with_measures(municipality, member, client_for):
    client = client_for(member)
    goal = make_goal(municipality, member)
    make_measure(municipality, member, "A")
    client.get(_url("plans:plan", municipality))  # warm-up (session, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(_url("plans:plan", municipality))
    for n in range(10):
        m = make_measure(municipality, member, f"M{n}")
        m.goals.add(goal)
    with CaptureQueriesContext(connection) as many:
        client.get(_url("plans:plan", municipality))
    assert len(many) == len(few)
