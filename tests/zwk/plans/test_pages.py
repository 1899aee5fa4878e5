"""The views of the Werkstattplan added for issue 6: board, timeline, Handlungsfelder,
strategy, origin, consultation, versions, publication, edit/delete – and their query counts."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.zwk.plans.factories import make_goal, make_measure, make_sketch
from tests.zwk.workshops.factories import make_workshop
from zwk.municipalities.models import Theme
from zwk.plans import carry_over, services
from zwk.plans.models import Comment, Goal, Indicator, Measure, Measurement, Milestone, PlanVersion
from zwk.workshops import services as workshop_services

pytestmark = pytest.mark.django_db


def _without_kern(html: str) -> str:
    """The page without KERN's classes (tests compare the table's structure and content)."""

    def keep(m):
        rest = " ".join(c for c in m.group(1).split() if not c.startswith("kern-"))
        return f' class="{rest}"' if rest else ""

    return re.sub(r' class="([^"]*)"', keep, html)


def _url(name, municipality, **kwargs):
    return reverse(name, kwargs={"slug": municipality.slug, **kwargs})


def _approve(municipality, by):
    plan = services.plan_for(municipality)
    plan = services.plan_set_status(plan=plan, by=by, status="review")
    return services.plan_set_status(plan=plan, by=by, status="approved")


# --- Board ----------------------------------------------------------------------------------


def test_board_shows_one_column_per_status_with_a_status_form_per_card(
    municipality, member, client_for
):
    make_measure(municipality, member, "Dorfladen", status="running")
    make_measure(municipality, member, "Kiosk", status="dropped", status_reason="Kein Betreiber")
    html = client_for(member).get(_url("plans:board", municipality)).content.decode()
    for label in ("geplant", "in Umsetzung", "umgesetzt", "pausiert", "verworfen"):
        assert f'{label} <span class="muted">(' in html
    running = html.index("in Umsetzung <span")
    assert running < html.index("Dorfladen") < html.index("umgesetzt <span")
    assert "Begründung: Kein Betreiber" in html
    assert html.count('<select name="status"') == 2  # a keyboard-usable form per card


def test_board_status_change_with_and_without_reason(municipality, member, client_for):
    measure = make_measure(municipality, member, "Dorfladen")
    client = client_for(member)
    url = _url("plans:measure_status", municipality, pk=measure.pk)
    board = _url("plans:board", municipality)
    response = client.post(url, {"status": "running", "next": board})
    assert response.status_code == 302 and response["Location"].startswith(board)
    measure.refresh_from_db()
    assert measure.status == "running"
    # Paused without a reason: the form page with the reason field, input kept, nothing saved.
    response = client.post(url, {"status": "paused", "next": board})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte begründen Sie" in html and '<option value="paused" selected>' in html
    measure.refresh_from_db()
    assert measure.status == "running"
    response = client.post(url, {"status": "paused", "status_reason": "Förderung offen"})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.status, measure.status_reason) == ("paused", "Förderung offen")
    # A foreign "next" is ignored.
    response = client.post(url, {"status": "running", "next": "https://example.org/"})
    assert response["Location"].startswith(board)


# --- Timeline -------------------------------------------------------------------------------


def test_timeline_draws_bars_milestones_and_today_with_a_table_alternative(
    municipality, member, client_for
):
    today = timezone.localdate()
    measure = make_measure(
        municipality,
        member,
        "Bürgerbus",
        status="running",
        start=today - timedelta(days=100),
        end=today + timedelta(days=300),
    )
    services.milestone_add(
        measure=measure, by=member, title="Erste Fahrt", due=today + timedelta(days=30)
    )
    make_measure(municipality, member, "Ohne Datum")
    html = client_for(member).get(_url("plans:timeline", municipality)).content.decode()
    assert '<svg width="960"' in html and 'role="img"' in html
    assert '<title id="tl-title">' in html and '<desc id="tl-desc">' in html
    assert "1 Maßnahme mit Zeitraum" in html
    assert ">heute</text>" in html and 'stroke-dasharray="6 4"' in html
    assert "<title>Erste Fahrt" in html
    assert 'role="region"' in html  # scrolls horizontally on small screens
    table = html[html.index("Zeitplan als Tabelle") :]
    assert "Bürgerbus" in table and "Erste Fahrt" in table and "in Umsetzung" in table
    assert "Ohne Zeitraum" in html and "Ohne Datum" in html
    assert ",5" not in html.split("<svg width")[1].split("</svg>")[0]  # no German decimals in SVG


def test_timeline_without_dates_explains_what_to_do(municipality, member, client_for):
    make_measure(municipality, member, "Dorfladen")
    html = client_for(member).get(_url("plans:timeline", municipality)).content.decode()
    assert "<svg width" not in html and "Tragen Sie den Zeitraum" in html


# --- Handlungsfelder and strategy -----------------------------------------------------------


def test_theme_overview_groups_goals_indicator_lights_and_measures(
    municipality, member, client_for
):
    theme = Theme.objects.filter(municipality=None).first()
    municipality.themes.add(theme)
    goal = make_goal(municipality, member, "Junge Familien halten", theme=theme)
    today = timezone.localdate()
    indicator = services.indicator_create(
        goal=goal,
        by=member,
        data={
            "kind": "own",
            "name": "Kita-Plätze",
            "baseline": 40,
            "baseline_date": today - timedelta(days=365),
            "target": 60,
            "due": today + timedelta(days=365),
        },
    )
    services.measurement_add(indicator=indicator, by=member, measured_on=today, value=50)
    make_measure(municipality, member, "Kita-Ausbau", theme=theme, status="running")
    make_measure(municipality, member, "Ohne Feld")
    html = client_for(member).get(_url("plans:themes", municipality)).content.decode()
    block = html[html.index(f'id="hf-{theme.pk}"') : html.index('id="hf-ohne"')]
    assert "Junge Familien halten" in block and "Kita-Plätze" in block
    assert "Grün – im Plan" in block
    assert "in Umsetzung (1)" in block and "Kita-Ausbau" in block
    assert "Ohne Feld" in html[html.index('id="hf-ohne"') :]


def test_strategy_page_shows_vision_goals_and_key_measures(municipality, member, client_for):
    plan = services.plan_for(municipality)
    services.plan_update_vision(plan=plan, by=member, vision="Musterstadt bleibt jung.")
    make_goal(municipality, member, "Teilhabe sichern")
    make_measure(municipality, member, "Bürgerbus", key_measure=True)
    make_measure(municipality, member, "Nebensache")
    html = client_for(member).get(_url("plans:strategy", municipality)).content.decode()
    assert "Musterstadt bleibt jung." in html and "Teilhabe sichern" in html
    assert "Bürgerbus" in html and "Nebensache" not in html
    assert "2 geplant" in html


# --- Traceability ---------------------------------------------------------------------------


def test_trace_from_card_to_measure_to_indicator_to_review_and_back(
    municipality, member, coordinator, client_for
):
    workshop = make_workshop(municipality, by=coordinator)
    phase = workshop.phases.get(kind="critique")
    workshop_services.phase_open(phase=phase, by=coordinator)
    card = workshop_services.card_add_paper(
        phase=phase, by=coordinator, text="Abends fährt kein Bus."
    )
    cluster = workshop_services.cluster_create(
        phase=phase, by=coordinator, title="Mobilität", cards=[card]
    )
    sketch = make_sketch(workshop, coordinator, "Bürgerbus", cluster=cluster)
    [measure] = carry_over.plan_import_sketches(
        municipality=municipality, sketch_ids=[sketch.pk], by=member
    )
    goal = make_goal(municipality, member, "Mobilität sichern")
    measure.goals.add(goal)
    indicator = services.indicator_create(
        goal=goal, by=member, data={"kind": "own", "name": "Fahrgäste pro Monat"}
    )
    client = client_for(member)

    # Forward: origin page card → cluster → sketch → measure → indicator → review.
    html = client.get(_url("plans:origin", municipality)).content.decode()
    section = html[html.index(f'id="skizze-{sketch.pk}"') :]
    assert "Abends fährt kein Bus." in section and "Cluster „Mobilität“" in section
    assert measure.get_absolute_url() in section and indicator.get_absolute_url() in section
    assert _url("review:review", municipality) in html
    # Measure page: back to cards, sketch, workshop; forward to indicator and review.
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "Abends fährt kein Bus." in html
    assert f"#skizze-{sketch.pk}" in html
    assert (
        reverse("workshops:detail", kwargs={"slug": municipality.slug, "pk": workshop.pk}) in html
    )
    assert indicator.get_absolute_url() in html and _url("review:review", municipality) in html
    # Indicator page: back to its measures and their sketch.
    html = client.get(indicator.get_absolute_url()).content.decode()
    assert measure.get_absolute_url() in html and f"#skizze-{sketch.pk}" in html
    # Review: back to measure and indicator.
    html = client.get(_url("review:review", municipality)).content.decode()
    assert measure.get_absolute_url() in html and indicator.get_absolute_url() in html
    # And the sketch knows its measure (workshops never import plans).
    assert list(sketch.plan_measures.all()) == [measure]


# --- Consultation, approval, versions -------------------------------------------------------


def test_consultation_comments_by_team_and_consultant_with_author_and_time(
    municipality, member, consultant, client_for
):
    services.plan_set_status(plan=services.plan_for(municipality), by=member, status="review")
    measure = make_measure(municipality, member, "Dorfladen")
    url = _url("plans:consultation", municipality)
    response = client_for(consultant).post(url, {"kommentar-body": "Leitbild kürzen?"})
    assert response.status_code == 302
    response = client_for(member).post(
        _url("plans:measure_comment", municipality, pk=measure.pk),
        {"kommentar-body": "Budget fehlt noch."},
    )
    assert response.status_code == 302
    bad = client_for(member).post(url, {"kommentar-body": ""})
    assert bad.status_code == 400 and Comment.objects.count() == 2
    html = client_for(member).get(url).content.decode()
    assert "Leitbild kürzen?" in html and "(Beratung)" in html
    assert "Budget fehlt noch." in html and "(Team)" in html and "Dorfladen" in html
    assert "interne Abstimmung" in html and "<time datetime=" in html
    html = client_for(member).get(measure.get_absolute_url()).content.decode()
    assert "Budget fehlt noch." in html and "Leitbild kürzen?" not in html


def test_only_author_or_leads_delete_a_comment_after_confirmation(
    municipality, member, consultant, coordinator, client_for
):
    plan = services.plan_for(municipality)
    comment = services.comment_add(plan=plan, by=consultant, body="Zu teuer")
    url = _url("plans:comment_delete", municipality, pk=comment.pk)
    assert client_for(member).get(url).status_code == 403
    assert client_for(consultant).get(url).status_code == 200  # confirmation page
    assert Comment.objects.exists()
    assert client_for(coordinator).post(url).status_code == 302
    assert not Comment.objects.exists()


def test_approval_lists_versions_and_compares_them_readable_without_colour(
    municipality, coordinator, client_for
):
    measure = make_measure(municipality, coordinator, "Bürgerbus")
    make_measure(municipality, coordinator, "Kiosk")
    client = client_for(coordinator)
    status_url = _url("plans:status", municipality)
    client.post(status_url, {"status": "review"})
    response = client.post(status_url, {"status": "approved", "next": "consultation"})
    assert response["Location"] == _url("plans:consultation", municipality)
    client.post(status_url, {"status": "draft"})
    services.measure_update(
        measure=measure, by=coordinator, data={"title": "Bürgerbus", "status": "running"}
    )
    services.measure_delete(measure=Measure.objects.get(title="Kiosk"), by=coordinator)
    make_measure(municipality, coordinator, "Jugendraum")
    client.post(status_url, {"status": "review"})
    client.post(status_url, {"status": "approved"})
    assert PlanVersion.objects.count() == 2

    html = client.get(_url("plans:versions", municipality)).content.decode()
    assert "Fassung 2" in html and "Fassung 1" in html and coordinator.get_full_name() in html
    html = client.get(_url("plans:version", municipality, number=1)).content.decode()
    assert "Kiosk" in html and "Jugendraum" not in html
    html = client.get(_url("plans:compare", municipality), {"von": 1, "bis": 2}).content.decode()
    assert "Neu: Jugendraum" in html and "Entfallen: Kiosk" in html
    assert "Geändert: Bürgerbus" in html
    row = _without_kern(html[html.index("Geändert: Bürgerbus") :])
    assert '<th scope="row">Status</th><td>geplant</td><td>in Umsetzung</td>' in row
    current = client.get(_url("plans:compare", municipality), {"von": 2, "bis": "aktuell"})
    assert "Keine Änderungen." in current.content.decode()
    assert client.get(_url("plans:compare", municipality), {"von": 9}).status_code == 400
    assert client.get(_url("plans:version", municipality, number=9)).status_code == 404


# --- Publication ----------------------------------------------------------------------------


def test_publication_shows_the_approved_version_to_everyone_without_internals(
    municipality, coordinator, client_for
):
    from django.test import Client

    anonymous = Client()
    measure = make_measure(
        municipality,
        coordinator,
        "Bürgerbus",
        budget_planned=Decimal("48000"),
        responsible="Frau Beispiel, Ordnungsamt",
        description="Fester Fahrplan an drei Tagen.",
    )
    services.comment_add(plan=measure.plan, by=coordinator, body="Interne Notiz")
    public_url = _url("plans:public", municipality)
    publish_url = _url("plans:publish", municipality)
    assert anonymous.get(public_url).status_code == 404  # nothing published yet
    html = client_for(coordinator).post(publish_url).content.decode()
    assert "beschlossener Fassung" in html  # refused: nothing approved yet
    _approve(municipality, coordinator)
    confirm = client_for(coordinator).get(publish_url)
    assert confirm.status_code == 200 and "Budgets" in confirm.content.decode()
    assert client_for(coordinator).post(publish_url).status_code == 302

    # Implementation goes on: the status changes, a new draft measure is added.
    services.measure_set_status(measure=measure, by=coordinator, status="running")
    services.plan_set_status(plan=measure.plan, by=coordinator, status="draft")
    make_measure(municipality, coordinator, "Geheimer Entwurf")

    html = anonymous.get(public_url).content.decode()
    assert "Bürgerbus" in html and "Fester Fahrplan" in html
    assert "Status: in Umsetzung" in html  # current status
    # The budget (48 000) in any notation – "48" alone also occurs in random CSRF tokens.
    budget = ("48.000", "48000", "48 000", "48,000")
    for internal in (*budget, "Frau Beispiel", "Interne Notiz", "Geheimer Entwurf"):
        assert internal not in html, internal
    assert client_for(coordinator).post(publish_url).status_code == 302  # switch off
    assert anonymous.get(public_url).status_code == 404


def test_only_leads_publish(municipality, member, client_for):
    assert client_for(member).post(_url("plans:publish", municipality)).status_code == 403


# --- Edit and delete ------------------------------------------------------------------------


def test_delete_pages_confirm_first_and_then_delete(municipality, member, client_for):
    measure = make_measure(municipality, member)
    milestone = services.milestone_add(measure=measure, by=member, title="M", due=date(2026, 1, 1))
    goal = make_goal(municipality, member)
    indicator = services.indicator_create(
        goal=goal, by=member, data={"kind": "own", "name": "Kennzahl"}
    )
    measurement = services.measurement_add(
        indicator=indicator, by=member, measured_on=date(2026, 1, 1), value=3
    )
    client = client_for(member)
    cases = [
        ("plans:measurement_delete", measurement, Measurement),
        ("plans:indicator_delete", indicator, Indicator),
        ("plans:goal_delete", goal, Goal),
        ("plans:milestone_delete", milestone, Milestone),
        ("plans:measure_delete", measure, Measure),
    ]
    for name, obj, model in cases:
        url = _url(name, municipality, pk=obj.pk)
        page = client.get(url)
        assert page.status_code == 200 and "Endgültig löschen" in page.content.decode()
        assert model.objects.filter(pk=obj.pk).exists()
        assert client.post(url).status_code == 302
        assert not model.objects.filter(pk=obj.pk).exists(), name


def test_edit_pages_save_and_refuse_bad_input(municipality, member, client_for):
    goal = make_goal(municipality, member)
    indicator = services.indicator_create(
        goal=goal, by=member, data={"kind": "own", "name": "Ehrenamtliche"}
    )
    measurement = services.measurement_add(
        indicator=indicator, by=member, measured_on=date(2026, 1, 1), value=3
    )
    measure = make_measure(municipality, member)
    milestone = services.milestone_add(measure=measure, by=member, title="M", due=date(2026, 1, 1))
    client = client_for(member)
    url = _url("plans:indicator_edit", municipality, pk=indicator.pk)
    bad = client.post(url, {"goal": goal.pk, "name": "Ehrenamtliche", "due": "bald"})
    assert bad.status_code == 400 and 'value="Ehrenamtliche"' in bad.content.decode()
    assert (
        client.post(url, {"goal": goal.pk, "name": "Aktive", "unit": "Personen"}).status_code == 302
    )
    indicator.refresh_from_db()
    assert (indicator.name, indicator.unit) == ("Aktive", "Personen")
    url = _url("plans:measurement_edit", municipality, pk=measurement.pk)
    assert (
        client.post(url, {"messwert-measured_on": "2026-01-01", "messwert-value": "x"}).status_code
        == 400
    )
    assert (
        client.post(url, {"messwert-measured_on": "2026-01-02", "messwert-value": "4"}).status_code
        == 302
    )
    measurement.refresh_from_db()
    assert (measurement.value, measurement.measured_on) == (4, date(2026, 1, 2))
    url = _url("plans:milestone_edit", municipality, pk=milestone.pk)
    assert client.post(url, {"title": "", "due": "2026-02-01"}).status_code == 400
    assert (
        client.post(url, {"title": "Neu", "due": "2026-02-01", "done_on": "2026-01-15"}).status_code
        == 302
    )
    milestone.refresh_from_db()
    assert (milestone.title, milestone.done_on) == ("Neu", date(2026, 1, 15))


# --- IDOR and query counts ------------------------------------------------------------------


def test_new_object_urls_refuse_ids_of_another_kommune(
    municipality, other_municipality, member, other_member, client_for
):
    measure = make_measure(other_municipality, other_member)
    milestone = services.milestone_add(
        measure=measure, by=other_member, title="M", due=date(2026, 1, 1)
    )
    goal = make_goal(other_municipality, other_member)
    indicator = services.indicator_create(
        goal=goal, by=other_member, data={"kind": "own", "name": "Fremd"}
    )
    measurement = services.measurement_add(
        indicator=indicator, by=other_member, measured_on=date(2026, 1, 1), value=1
    )
    comment = services.comment_add(plan=measure.plan, by=other_member, body="fremd")
    plan = services.plan_set_status(plan=measure.plan, by=other_member, status="review")
    services.plan_set_status(plan=plan, by=other_member, status="approved")
    services.plan_for(municipality)  # own plan exists, without versions
    client = client_for(member)
    urls = [
        _url("plans:measure_status", municipality, pk=measure.pk),
        _url("plans:measure_delete", municipality, pk=measure.pk),
        _url("plans:measure_comment", municipality, pk=measure.pk),
        _url("plans:milestone_edit", municipality, pk=milestone.pk),
        _url("plans:milestone_delete", municipality, pk=milestone.pk),
        _url("plans:goal_delete", municipality, pk=goal.pk),
        _url("plans:indicator_edit", municipality, pk=indicator.pk),
        _url("plans:indicator_delete", municipality, pk=indicator.pk),
        _url("plans:measurement_edit", municipality, pk=measurement.pk),
        _url("plans:measurement_delete", municipality, pk=measurement.pk),
        _url("plans:comment_delete", municipality, pk=comment.pk),
    ]
    for url in urls:
        assert client.post(url, {"status": "running", "kommentar-body": "x"}).status_code == 404, (
            url
        )
    for url in urls:
        if "kommentare/" not in url or "loeschen" in url:
            assert client.get(url).status_code in (404, 405), url
    assert Measure.objects.get(pk=measure.pk).status == "planned"
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert client.get(_url("plans:version", municipality, number=1)).status_code == 404
    # The other Kommune's page itself stays hidden.
    assert client.get(_url("plans:board", other_municipality)).status_code == 404


PAGES = [
    "plans:plan",
    "plans:board",
    "plans:timeline",
    "plans:themes",
    "plans:strategy",
    "plans:origin",
]


def _add_measures(municipality, by, goal, count, offset):
    today = timezone.localdate()
    for n in range(count):
        m = make_measure(
            municipality,
            by,
            f"M{offset + n:03d}",
            status=["planned", "running", "done"][n % 3],
            start=today - timedelta(days=n),
            end=today + timedelta(days=100 + n),
            key_measure=n % 2 == 0,
        )
        m.goals.add(goal)
        services.milestone_add(measure=m, by=by, title="MS", due=today + timedelta(days=n))


@pytest.mark.parametrize("name", PAGES)
def test_query_count_is_the_same_for_5_and_50_measures(name, municipality, member, client_for):
    client = client_for(member)
    goal = make_goal(municipality, member)
    services.indicator_create(goal=goal, by=member, data={"kind": "own", "name": "KPI"})
    _add_measures(municipality, member, goal, 5, 0)
    client.get(_url(name, municipality))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url(name, municipality)).status_code == 200
    _add_measures(municipality, member, goal, 45, 5)
    with CaptureQueriesContext(connection) as many:
        assert client.get(_url(name, municipality)).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
