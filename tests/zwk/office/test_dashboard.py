"""The office's overview of all Kommunen (/geschaeftsstelle/): figures, filters, query count."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory, UserFactory, membership
from zwk.accounts.models import AuditEntry
from zwk.consulting.models import ConsultingRequest, DayBudget, DayLog
from zwk.municipalities import services
from zwk.municipalities.models import (
    ChecklistItem,
    ConsultantAssignment,
    Municipality,
    ProcessStep,
    Theme,
)
from zwk.municipalities.process import STEPS
from zwk.plans.models import Measure, Plan
from zwk.workshops.models import Participant, Workshop

pytestmark = pytest.mark.django_db

URL = reverse("office:dashboard")


def _row(html: str, name: str) -> str:
    """The table row of Kommune ``name`` (text between its <tr> and </tr>)."""
    rows = re.findall(r"<tr[ >].*?</tr>", html, flags=re.S)
    found = [r for r in rows if f">{name}</a>" in r]
    assert len(found) == 1, f"{name} not exactly once in the table"
    return re.sub(r"\s+", " ", found[0])


def _without_kern(html: str) -> str:
    """The page without KERN's classes (tests compare the table's structure and content)."""

    def keep(m):
        rest = " ".join(c for c in m.group(1).split() if not c.startswith("kern-"))
        return f' class="{rest}"' if rest else ""

    return re.sub(r' class="([^"]*)"', keep, html)


def _names_in_order(html: str) -> list[str]:
    if '<table class="kern-table office-overview">' not in html:
        return []
    body = html.split('<table class="kern-table office-overview">', 1)[1]
    return re.findall(r'<th class="[^"]*" scope="row"><a href="[^"]+">([^<]+)</a>', body)


def _workshop(municipality, code, ages, blocked=0):
    workshop = Workshop.objects.create(
        municipality=municipality,
        title="Werkstatt",
        question="Wie?",
        starts_at=timezone.now(),
        code=code,
    )
    for i, age in enumerate(list(ages) + ["40-64"] * blocked):
        Participant.objects.create(
            workshop=workshop,
            pseudonym=f"P{i}",
            age_group=age,
            consent_at=timezone.now(),
            consent_version="1",
            blocked_at=timezone.now() if i >= len(ages) else None,
        )
    return workshop


def _days(municipality, budget, used):
    year = timezone.localdate().year
    if budget is not None:
        DayBudget.objects.create(municipality=municipality, year=year, days=budget)
    request = ConsultingRequest.objects.create(
        municipality=municipality, topic="Beteiligung", description="x", status="accepted"
    )
    DayLog.objects.create(
        request=request,
        municipality=municipality,
        worked_on=timezone.localdate(),
        days=used,
        activity="Workshop vorbereitet",
    )


@pytest.fixture
def programme(municipality, other_municipality, coordinator, consultant, office_user):
    """Musterdorf: active, in step 2, with workshop, measures and budget.
    Nachbarstadt: last own activity 8 weeks ago (a recent office action does not count)."""
    now = timezone.now()
    services.step_update(
        step=municipality.steps.get(kind="kickoff"),
        by=coordinator,
        data={"status": "done", "confirm_incomplete": True},
    )
    _workshop(municipality, "muster-1", ["u18", "65-79", "65-79"], blocked=1)
    plan = Plan.objects.create(municipality=municipality)
    for title, status in [("Bank", "planned"), ("Bus", "planned"), ("Treff", "done")]:
        Measure.objects.create(plan=plan, title=title, status=status)
    _days(municipality, Decimal("10"), Decimal("2.5"))

    team = UserFactory(username="nachbar-team")
    membership(team, other_municipality)
    Municipality.objects.filter(pk=other_municipality.pk).update(
        created_at=now - timedelta(weeks=10)
    )
    old = AuditEntry.objects.create(
        actor=team, action="checklist.done", message="Erledigt", municipality=other_municipality
    )
    AuditEntry.objects.filter(pk=old.pk).update(created_at=now - timedelta(weeks=8))
    AuditEntry.objects.create(
        actor=office_user,
        action="consulting.budget_set",
        message="Budget",
        municipality=other_municipality,
    )
    AuditEntry.objects.create(
        actor=team,
        action="auth.login",
        message="Anmeldung",
        municipality=other_municipality,
        security=True,
    )
    _days(other_municipality, None, Decimal("1"))
    return {"eight_weeks_ago": now - timedelta(weeks=8)}


def test_rows_show_step_activity_consulting_participation_and_measures(
    client_for, office_user, consultant, programme
):
    response = client_for(office_user).get(URL)
    assert response.status_code == 200
    html = response.content.decode()

    active = _row(html, "Musterdorf")
    step2 = STEPS[1]
    assert f"{step2.number}. {step2.title} – offen" in active
    assert "1 von 5 Schritten abgeschlossen" in active
    assert timezone.localdate().strftime("%d.%m.%Y") in active
    assert "Stillstand" not in active and "nein" in active
    assert str(consultant) in active
    assert "2,5 von 10 genutzt" in active and "7,5 übrig" in active
    # the blocked participant does not count
    assert "1 Werkstatt, 3 Teilnehmende" in active
    assert "2 von 6 Altersgruppen: unter 18, 65 bis 79" in active
    assert "2 geplant" in active and "1 umgesetzt" in active and "in Umsetzung" not in active

    stalled = _row(html, "Nachbarstadt")
    assert "Stillstand" in stalled and "seit 8 Wochen keine Aktivität" in stalled
    last = timezone.localtime(programme["eight_weeks_ago"]).strftime("%d.%m.%Y")
    assert last in stalled
    assert "1. Kick-off – offen" in stalled
    assert "keine zugeordnet" in stalled
    assert "1 genutzt" in stalled and "kein Budget" in stalled
    assert "0 Werkstätten, 0 Teilnehmende" in stalled and "0 von 6 Altersgruppen" in stalled

    # programme-wide figures
    assert "2 Kommunen im Programm." in html
    assert "Davon 1 mit Stillstand (seit mindestens 6 Wochen keine Aktivität)." in html
    figures = re.sub(r"\s+", " ", html.split('id="liste-titel"')[0])
    figures = _without_kern(figures)
    assert "<dt>Teilnehmende</dt><dd>3</dd>" in figures
    assert "<dt>Zukunftswerkstätten</dt><dd>1</dd>" in figures
    assert "3,5 genutzt von 10 budgetierten Tagen" in figures
    assert '<th scope="row">geplant</th><td class="num">2</td>' in figures
    assert '<th scope="row">zusammen</th><td class="num">3</td>' in figures
    assert f'<th scope="row">1. {STEPS[0].title}</th><td class="num">1</td>' in figures
    assert f'<th scope="row">2. {STEPS[1].title}</th><td class="num">1</td>' in figures


def test_stalled_weeks_from_the_filter_or_the_setting(client_for, office_user, programme, settings):
    client = client_for(office_user)
    html = client.get(URL, {"wochen": "9"}).content.decode()
    assert "Stillstand" not in _row(html, "Nachbarstadt")
    assert "Davon 0 mit Stillstand (seit mindestens 9 Wochen" in html

    settings.OFFICE_STALLED_WEEKS = 9
    html = client.get(URL).content.decode()
    assert "Stillstand" not in _row(html, "Nachbarstadt")
    settings.OFFICE_STALLED_WEEKS = 8
    assert "seit 8 Wochen keine" in _row(client.get(URL).content.decode(), "Nachbarstadt")


def test_finished_kommune_is_never_stalled(client_for, office_user, municipality):
    ProcessStep.objects.filter(municipality=municipality).update(status="done")
    Municipality.objects.filter(pk=municipality.pk).update(
        created_at=timezone.now() - timedelta(weeks=30)
    )
    html = client_for(office_user).get(URL).content.decode()
    row = _row(html, "Musterdorf")
    assert "alle Schritte abgeschlossen" in row and "Stillstand" not in row


def test_filters_narrow_the_list(client_for, office_user, programme, municipality):
    theme = Theme.objects.create(name="Wohnen im Alter", slug="test-wohnen-im-alter")
    municipality.themes.add(theme)
    MunicipalityFactory(name="Hafenstadt", slug="hafenstadt", land="01", ags="01001999")
    client = client_for(office_user)

    def names(**params):
        response = client.get(URL, params)
        assert response.status_code == 200
        return set(_names_in_order(response.content.decode()))

    assert names() == {"Musterdorf", "Nachbarstadt", "Hafenstadt"}
    assert names(land="01") == {"Hafenstadt"}
    assert names(art="stadt") == {"Nachbarstadt"}
    assert names(handlungsfeld=theme.pk) == {"Musterdorf"}
    assert names(schritt="profile") == {"Musterdorf"}
    assert names(schritt="kickoff") == {"Nachbarstadt", "Hafenstadt"}
    assert names(stillstand="on") == {"Nachbarstadt"}
    assert names(stillstand="on", wochen="9") == set()
    assert names(stillstand="on", land="01") == set()


def test_sort_by_longest_pause_and_by_step(client_for, office_user, programme):
    MunicipalityFactory(name="Aue", slug="aue", ags="09182999")
    client = client_for(office_user)
    html = client.get(URL, {"sortierung": "aktivitaet"}).content.decode()
    assert _names_in_order(html)[0] == "Nachbarstadt"
    html = client.get(URL, {"sortierung": "schritt"}).content.decode()
    assert _names_in_order(html)[-1] == "Musterdorf"
    html = client.get(URL, {"sortierung": "teilnehmende"}).content.decode()
    assert _names_in_order(html)[0] == "Musterdorf"
    assert _names_in_order(client.get(URL).content.decode()) == [
        "Aue",
        "Musterdorf",
        "Nachbarstadt",
    ]


def test_bad_filter_values_are_a_400_with_a_german_message(client_for, office_user, programme):
    client = client_for(office_user)
    for params in (
        {"wochen": "0"},
        {"wochen": "viele"},
        {"land": "99"},
        {"handlungsfeld": "999999"},
        {"sortierung": "x"},
    ):
        response = client.get(URL, params)
        assert response.status_code == 400, params
        html = response.content.decode()
        assert "Bitte prüfen Sie Ihre Eingaben" in html
        # the list still shows, unfiltered
        assert {"Musterdorf", "Nachbarstadt"} <= set(_names_in_order(html))
    response = client.get(URL, {"seite": "abc"})
    assert response.status_code == 200


def test_empty_states(client_for, office_user):
    client = client_for(office_user)
    html = client.get(URL).content.decode()
    assert (
        "Noch keine Kommunen im Programm." in html and '<table class="office-overview"' not in html
    )
    MunicipalityFactory(name="Aue", slug="aue", ags="09182999")
    html = client.get(URL, {"land": "01"}).content.decode()
    assert "Keine Kommune entspricht den gewählten Filtern." in html


def test_accessible_markup(client_for, office_user, programme):
    html = client_for(office_user).get(URL).content.decode()
    assert "<caption" in html and 'style="' not in html and "<script>" not in html
    assert 'href="/static/office/office.css"' in html
    assert re.search(
        r'<label [^>]*for="id_stillstand"[^>]*>nur Kommunen mit Stillstand</label>', html
    )
    table = html.split('<table class="kern-table office-overview">', 1)[1].split("</table>")[0]
    assert "<th>" not in table and '<th class="kern-table__header">' not in table  # scoped


# --- query count ---------------------------------------------------------------------------


def _bulk_programme(count: int, start: int, team, consultant) -> None:
    """``count`` Kommunen with steps, checklist, workshop, participants, plan, measures,
    consulting budget and days, a consultant and an audit entry – via bulk_create."""
    now = timezone.now()
    year = timezone.localdate().year
    kinds = [s.kind for s in STEPS]
    ms = Municipality.objects.bulk_create(
        Municipality(
            name=f"Kommune {i:04d}",
            slug=f"kommune-{i}",
            kind="gemeinde",
            land="09",
            ags=f"097{i:05d}",
        )
        for i in range(start, start + count)
    )
    steps = ProcessStep.objects.bulk_create(
        ProcessStep(
            municipality=m,
            kind=k,
            status="in_progress" if k == "profile" else ("done" if k == "kickoff" else "open"),
        )
        for m in ms
        for k in kinds
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(step=s, text="Aufgabe", done=bool(i % 2)) for s in steps for i in range(2)
    )
    workshops = Workshop.objects.bulk_create(
        Workshop(municipality=m, title="W", question="?", starts_at=now, code=f"w-{m.slug}")
        for m in ms
    )
    Participant.objects.bulk_create(
        Participant(
            workshop=w, pseudonym=f"P{i}", age_group=age, consent_at=now, consent_version="1"
        )
        for w in workshops
        for i, age in enumerate(["u18", "80+", "40-64"])
    )
    plans = Plan.objects.bulk_create(Plan(municipality=m) for m in ms)
    Measure.objects.bulk_create(
        Measure(plan=p, title=f"M{i}", status=status)
        for p in plans
        for i, status in enumerate(["planned", "running", "done"])
    )
    DayBudget.objects.bulk_create(DayBudget(municipality=m, year=year, days=10) for m in ms)
    requests = ConsultingRequest.objects.bulk_create(
        ConsultingRequest(municipality=m, topic="T", description="D", status="accepted") for m in ms
    )
    DayLog.objects.bulk_create(
        DayLog(request=r, municipality=r.municipality, worked_on=now.date(), days=1, activity="A")
        for r in requests
    )
    ConsultantAssignment.objects.bulk_create(
        ConsultantAssignment(consultant=consultant, municipality=m) for m in ms
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=team, action="step.updated", message="x", municipality=m) for m in ms
    )


def test_query_count_is_the_same_for_3_and_200_kommunen(client_for, office_user):
    team = UserFactory(username="team-bulk")
    consultant = UserFactory(username="berater-bulk", is_consultant=True)
    client = client_for(office_user)
    client.get(URL)  # warm up (session, content types)

    def queries(params) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, params)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    variants = [{}, {"sortierung": "aktivitaet", "stillstand": ""}, {"schritt": "profile"}]
    _bulk_programme(3, 0, team, consultant)
    few = [queries(p) for p in variants]
    html = client.get(URL).content.decode()
    assert "Kommune 0002" in html and "3 Teilnehmende" in _row(html, "Kommune 0002")

    _bulk_programme(197, 3, team, consultant)
    many = [queries(p) for p in variants]
    assert many == few

    html = client.get(URL).content.decode()
    assert "200 Kommunen im Programm." in html
    assert "Seite 1 von 4" in html and len(_names_in_order(html)) == 50
    html = client.get(URL, {"seite": "4", "schritt": "profile"}).content.decode()
    assert "Stand der Kommunen: 151–200 von 200" in html
    assert '<th scope="row">umgesetzt</th><td class="num">200</td>' in _without_kern(
        re.sub(r"\s+", " ", html)
    )


def test_days_beyond_the_budget_are_shown_as_such(client_for, office_user, municipality):
    _days(municipality, Decimal("2"), Decimal("2.5"))
    row = _row(client_for(office_user).get(URL).content.decode(), "Musterdorf")
    assert "2,5 von 2 genutzt" in row and "0,5 über dem Budget" in row and "übrig" not in row
    assert "Demodaten" not in row


def test_demo_kommunen_are_marked(client_for, office_user, municipality):
    Municipality.objects.filter(pk=municipality.pk).update(is_demo=True)
    row = _row(client_for(office_user).get(URL).content.decode(), "Musterdorf")
    assert "Demodaten" in row
