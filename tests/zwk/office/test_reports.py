"""Reports for the funder: figures of a constructed programme, counted by hand.

Period under test: 1. Halbjahr 2026 (01.01.2026 – 30.06.2026). Every kind of record has one
item on the first day, one on the last day, and one just outside on either side, so the
period filter is checked at both edges.
"""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from weasyprint.formatting_structure import boxes

from tests.factories import MunicipalityFactory
from zwk.consulting.models import ConsultingRequest, DayBudget, DayLog
from zwk.exchange.models import Event, Registration
from zwk.municipalities.models import Municipality, ProcessStep, Theme
from zwk.newsletter.models import Issue, Subscriber
from zwk.office import report_views, reports
from zwk.plans import services as plan_services
from zwk.plans.models import Measure
from zwk.workshops.models import Card, Participant, Phase, Sketch, Vote, Workshop

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
H1 = reports.Period(date(2026, 1, 1), date(2026, 6, 30))
Q3 = reports.Period(date(2026, 7, 1), date(2026, 9, 30))
SECRET_NAME = "Erika Geheimnis"
SECRET_PSEUDONYM = "Pseudo-Kathrin"


def at(y, m, d, hh=12, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=BERLIN)


def _steps(municipality, **done_on):
    for kind, completed_on in done_on.items():
        ProcessStep.objects.filter(municipality=municipality, kind=kind).update(
            status=ProcessStep.Status.DONE, completed_on=completed_on
        )


def _measure(municipality, title, status, created, theme=None, **fields):
    plan = plan_services.plan_for(municipality)
    measure = Measure.objects.create(plan=plan, title=title, status=status, theme=theme, **fields)
    Measure.objects.filter(pk=measure.pk).update(created_at=created)
    return measure


def _workshop(municipality, code, starts, **fields):
    workshop = Workshop.objects.create(
        municipality=municipality,
        title=f"Werkstatt {code}",
        question="Wie?",
        code=code,
        starts_at=starts,
        **fields,
    )
    phase = Phase.objects.create(workshop=workshop, kind="critique", order=1)
    return workshop, phase


def _participant(workshop, age, pseudonym="Anna", **fields):
    return Participant.objects.create(
        workshop=workshop,
        pseudonym=pseudonym,
        age_group=age,
        consent_at=at(2026, 1, 1),
        consent_version="1",
        **fields,
    )


@pytest.fixture
def programme(db):
    t1, t2 = list(Theme.objects.filter(municipality=None).order_by("name")[:2])
    a = MunicipalityFactory(
        name="Altdorf",
        slug="altdorf",
        ags="09180001",
        land="09",
        programme_start=date(2025, 3, 1),
        themes=[t1, t2],
    )
    b = MunicipalityFactory(
        name="Bergstadt",
        slug="bergstadt",
        ags="14500001",
        land="14",
        kind="stadt",
        programme_start=date(2026, 6, 30),
        themes=[t1],
    )
    c = MunicipalityFactory(
        name="Kreis Cee",
        slug="kreis-cee",
        ags="14501",
        land="14",
        kind="landkreis",
        programme_start=date(2024, 1, 1),
    )
    own = Theme.objects.create(name="Eigenes Thema", slug="eigenes", municipality=c)
    c.themes.add(own)
    d = MunicipalityFactory(  # joins after the first half-year
        name="Spätdorf", slug="spaetdorf", ags="09180002", programme_start=date(2026, 7, 1)
    )
    MunicipalityFactory(  # left the programme before 2026
        name="Exdorf",
        slug="exdorf",
        ags="09180003",
        programme_start=date(2024, 1, 1),
        programme_end=date(2025, 12, 31),
        themes=[t1],
    )
    demo = MunicipalityFactory(
        name="Demodorf", slug="demodorf", ags="09180004", is_demo=True, themes=[t2]
    )

    # Steps: A completes profile on the first and workshop on the last day; B kickoff one
    # day late; C finished all five (the last one the day before the period).
    _steps(a, kickoff=date(2025, 5, 1), profile=date(2026, 1, 1), workshop=date(2026, 6, 30))
    _steps(b, kickoff=date(2026, 7, 1))
    _steps(
        c,
        kickoff=date(2024, 3, 1),
        profile=date(2024, 6, 1),
        workshop=date(2024, 9, 1),
        plan=date(2025, 1, 1),
        review=date(2025, 12, 31),
    )

    _measure(a, "Dorfladen", "running", at(2025, 12, 31, 23, 30), t1, budget_planned=2000)
    _measure(a, "Bürgerbus", "planned", at(2026, 1, 1, 0, 0), t2)
    _measure(a, "Treffpunkt", "done", at(2026, 6, 30, 23, 59))
    _measure(a, "Später", "planned", at(2026, 7, 1, 0, 0), t1)
    _measure(
        c,
        "Kreisnetz",
        "done",
        at(2026, 3, 1),
        own,
        budget_planned=Decimal("1000"),
        budget_actual=Decimal("500"),
    )
    _measure(demo, "Demo", "planned", at(2026, 3, 1), t2)

    w1, ph1 = _workshop(a, "w-eins", at(2026, 1, 1, 0, 0), finished_at=at(2026, 1, 2))
    w1.themes.add(t1)
    w2, _ph2 = _workshop(a, "w-zwei", at(2026, 6, 30, 23, 0))
    w3, ph3 = _workshop(a, "w-drei", at(2025, 12, 31, 23, 59))
    _workshop(d, "w-vier", at(2026, 3, 1))  # Spätdorf is not yet in the programme
    p1 = _participant(w1, "u18", SECRET_PSEUDONYM)
    p2 = _participant(w1, "65-79")
    _participant(w1, "")
    _participant(w1, "18-24", blocked_at=at(2026, 1, 1, 10))
    _participant(w2, "40-64")
    p6 = _participant(w3, "u18")
    c1 = Card.objects.create(workshop=w1, phase=ph1, participant=p1, text="Mehr Bänke")
    c2 = Card.objects.create(workshop=w1, phase=ph1, participant=p2, text="Ein Café")
    Card.objects.create(
        workshop=w1, phase=ph1, participant=p2, text="Spam", hidden_at=at(2026, 1, 1)
    )
    c4 = Card.objects.create(workshop=w3, phase=ph3, participant=p6, text="Alt")
    Vote.objects.create(participant=p1, card=c2, phase=ph1, points=2)
    Vote.objects.create(participant=p2, card=c1, phase=ph1, points=1)
    Vote.objects.create(participant=p6, card=c4, phase=ph3, points=1)
    Sketch.objects.create(workshop=w1, title="Café", goal="Treffpunkt")

    DayBudget.objects.create(municipality=a, year=2026, days=Decimal("10"))
    DayBudget.objects.create(municipality=c, year=2026, days=Decimal("5"))
    DayBudget.objects.create(municipality=a, year=2025, days=Decimal("8"))
    r1 = ConsultingRequest.objects.create(
        municipality=a, topic="Werkstatt", description="x", status="accepted"
    )
    r2 = ConsultingRequest.objects.create(
        municipality=c,
        topic="Bilanz",
        description="x",
        status="completed",
        completed_at=at(2026, 3, 15),
    )
    r3 = ConsultingRequest.objects.create(municipality=b, topic="Start", description="x")
    r4 = ConsultingRequest.objects.create(municipality=a, topic="Später", description="x")
    for request, created in (
        (r1, at(2026, 2, 1)),
        (r2, at(2025, 11, 1)),
        (r3, at(2026, 6, 30, 22)),
        (r4, at(2026, 7, 1, 0, 30)),
    ):
        ConsultingRequest.objects.filter(pk=request.pk).update(created_at=created)
    for request, municipality, day, days in (
        (r1, a, date(2026, 1, 1), "1.5"),
        (r1, a, date(2026, 6, 30), "0.5"),
        (r1, a, date(2025, 12, 31), "1"),
        (r1, a, date(2026, 7, 1), "2"),
        (r2, c, date(2026, 3, 10), "1"),
    ):
        DayLog.objects.create(
            request=request,
            municipality=municipality,
            worked_on=day,
            days=Decimal(days),
            activity="Beratung",
        )

    def event(title, start, status="published", event_type="webinar"):
        return Event.objects.create(
            title=title,
            event_type=event_type,
            description="x",
            start=start,
            end=start.replace(hour=23, minute=59),
            capacity=50,
            status=status,
        )

    ev1 = event("Online-Seminar Nahversorgung", at(2026, 3, 1, 10))
    event("Abgesagtes Forum", at(2026, 4, 1, 10), status="cancelled")
    ev3 = event("Herbsttreffen", at(2026, 7, 1, 0, 0))
    ev4 = event("Fachforum Wohnen", at(2026, 6, 30, 18), event_type="forum")
    for n, (ev, status, municipality) in enumerate(
        [
            (ev1, "confirmed", a),
            (ev1, "confirmed", a),
            (ev1, "confirmed", None),
            (ev1, "waiting", None),
            (ev1, "cancelled", b),
            (ev4, "confirmed", b),
            (ev3, "confirmed", c),
        ]
    ):
        Registration.objects.create(
            event=ev,
            name=SECRET_NAME if n == 0 else f"Person {n}",
            email=f"p{n}@example.org",
            organisation="Verwaltung",
            municipality=municipality,
            status=status,
        )

    for n, (confirmed, unsubscribed, status) in enumerate(
        [
            (at(2025, 5, 1), None, "active"),
            (at(2026, 2, 1), at(2026, 5, 1), "unsubscribed"),
            (at(2026, 6, 30, 23, 59), None, "active"),
            (None, None, "pending"),
            (at(2025, 1, 1), at(2026, 7, 1, 0, 0), "unsubscribed"),
        ]
    ):
        Subscriber.objects.create(
            email=f"s{n}@example.org",
            status=status,
            link_key=f"k{n}",
            confirmed_at=confirmed,
            unsubscribed_at=unsubscribed,
        )
    Issue.objects.create(subject="Frühjahr", body="x", status="sent", sent_at=at(2026, 3, 3))
    Issue.objects.create(subject="Herbst", body="x", status="sent", sent_at=at(2026, 7, 2))
    return {"t1": t1, "t2": t2, "a": a, "b": b, "c": c, "d": d}


# --- the data object ------------------------------------------------------------------------


def test_kommunen_and_steps_at_the_end_of_the_period(programme):
    report = reports.build(H1)
    assert not report.with_demo
    assert report.municipalities == 3  # Altdorf, Bergstadt, Kreis Cee
    assert report.municipalities_new == 1  # Bergstadt joined on the last day
    steps = {r.kind: (r.at_end, r.completed) for r in report.steps}
    assert steps == {
        "kickoff": (1, 0),  # Bergstadt completes it one day after the period
        "profile": (0, 1),  # Altdorf, on the first day
        "workshop": (0, 1),  # Altdorf, on the last day
        "plan": (1, 0),  # Altdorf is in step 4 on 30.06.
        "review": (0, 0),  # Kreis Cee completed it the day before the period
    }
    assert report.all_done == 1 and report.steps_completed == 2
    assert sum(r.at_end for r in report.steps) + report.all_done == report.municipalities
    assert [(r.label, r.count) for r in report.by_land] == [("Bayern", 1), ("Sachsen", 2)]
    kinds = {r.key: r.count for r in report.by_kind}
    assert kinds == {"quartier": 0, "stadt": 1, "gemeinde": 1, "landkreis": 1}


def test_themes_and_measures(programme):
    report = reports.build(H1)
    themes = {
        r.name: (r.municipalities, r.measures, r.new_measures, r.workshops) for r in report.themes
    }
    t1, t2 = programme["t1"].name, programme["t2"].name
    assert themes[t1] == (2, 1, 0, 1)  # Altdorf + Bergstadt; Dorfladen (2025); Werkstatt eins
    assert themes[t2] == (1, 1, 1, 0)  # Altdorf; Bürgerbus (first day); demo Kommune left out
    assert themes[str(reports.OWN_THEMES)] == (1, 1, 1, 0)
    assert "Eigenes Thema" not in themes
    measures = {r.key: (r.total, r.new) for r in report.measures}
    assert measures == {
        "planned": (1, 1),  # Bürgerbus; "Später" (1 July) and the demo measure do not count
        "running": (1, 0),
        "done": (2, 2),  # Treffpunkt (last minute of the period), Kreisnetz
        "paused": (0, 0),
        "dropped": (0, 0),
    }
    assert (report.measures_total, report.measures_new) == (4, 3)
    assert report.budget_planned == Decimal("3000") and report.budget_actual == Decimal("500")


def test_participation(programme):
    p = reports.build(H1).participation
    assert (p.workshops, p.finished, p.municipalities) == (2, 1, 1)
    assert p.participants == 4  # blocked person and the 2025 workshop left out
    ages = {r.key: r.count for r in p.age_rows}
    assert ages == {"u18": 1, "18-24": 0, "25-39": 0, "40-64": 1, "65-79": 1, "80+": 0}
    assert p.without_age == 1 and p.age_groups_reached == 3
    assert (p.cards, p.points, p.voters, p.sketches) == (2, 3, 2, 1)


def test_consulting_uses_the_budget_summary_of_each_year(programme):
    c = reports.build(H1).consulting
    assert c.days_used == Decimal("3.0")  # 1.5 + 0.5 (Altdorf, both edges) + 1 (Kreis Cee)
    assert c.municipalities == 2
    [year] = c.years
    assert year.year == 2026 and year.budget == Decimal("15") and year.with_budget == 2
    assert year.budget_in_period == Decimal("7.4")  # 15 days × 181 / 365
    assert year.used_in_period == Decimal("3.0") and year.used_in_year == Decimal("5.0")
    assert c.days_planned == Decimal("7.4")
    assert {r.key: r.total for r in c.requests if r.total} == {"accepted": 1, "open": 1}
    assert (c.requests_new, c.requests_completed) == (2, 1)


def test_exchange_and_newsletter(programme):
    report = reports.build(H1)
    e = report.exchange
    assert (e.held, e.cancelled, e.confirmed, e.waiting, e.municipalities) == (2, 1, 4, 1, 2)
    assert [r.title for r in e.events] == ["Online-Seminar Nahversorgung", "Fachforum Wohnen"]
    assert {r.key: r.count for r in e.by_type if r.count} == {"webinar": 1, "forum": 1}
    n = report.newsletter
    assert (n.subscribers_at_end, n.confirmed_in_period, n.unsubscribed_in_period) == (3, 2, 1)
    assert n.issues_sent == 1


def test_the_next_quarter_takes_what_lay_just_outside(programme):
    report = reports.build(Q3)
    assert report.municipalities == 4 and report.municipalities_new == 1  # + Spätdorf
    assert {r.kind: r.completed for r in report.steps}["kickoff"] == 1  # Bergstadt, 1 July
    assert report.measures_new == 1  # "Später", 1 July 00:00
    assert report.participation.workshops == 0
    assert report.consulting.days_used == Decimal("2.0")
    assert [r.title for r in report.exchange.events] == ["Herbsttreffen"]
    assert report.newsletter.subscribers_at_end == 2 and report.newsletter.issues_sent == 1


def test_query_count_does_not_grow_with_the_kommunen(programme):
    with CaptureQueriesContext(connection) as before:
        reports.build(H1)
    for _n in range(10):
        MunicipalityFactory(programme_start=date(2025, 1, 1))
    with CaptureQueriesContext(connection) as after:
        report = reports.build(H1)
    assert report.municipalities == 13
    assert len(after.captured_queries) == len(before.captured_queries) <= 25


def test_only_demo_kommunen_are_reported_as_demo(db):
    MunicipalityFactory(is_demo=True, programme_start=date(2026, 1, 1))
    report = reports.build(H1)
    assert report.with_demo and report.municipalities == 1


def test_period_names():
    assert H1.name == "1. Halbjahr 2026" and Q3.name == "3. Quartal 2026"
    assert reports.Period(date(2025, 1, 1), date(2025, 12, 31)).name == "Kalenderjahr 2025"
    odd = reports.Period(date(2026, 2, 3), date(2026, 4, 5))
    assert odd.label == "03.02.2026 – 05.04.2026"


# --- XLSX and PDF ---------------------------------------------------------------------------


def _rows(sheet):
    return list(sheet.iter_rows(values_only=True))


def test_xlsx_cells(programme, office_user, client_for):
    response = client_for(office_user).get(
        reverse("office:report_xlsx"), {"von": "2026-01-01", "bis": "2026-06-30"}
    )
    assert response.status_code == 200
    assert "programmbericht-20260101-20260630.xlsx" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == [
        "Zusammenfassung",
        "Prozessschritte",
        "Kommunen nach Land und Art",
        "Handlungsfelder",
        "Maßnahmen",
        "Beteiligung",
        "Beratung",
        "Austausch",
        "Newsletter",
        "Quellen und Erläuterungen",
    ]
    summary = dict(r[:2] for r in _rows(wb["Zusammenfassung"])[1:])
    assert summary["Zeitraum"] == "1. Halbjahr 2026 (01.01.2026 – 30.06.2026)"
    assert summary["Kommunen im Programm am Ende des Zeitraums"] == 3
    assert summary["Teilnehmende der Zukunftswerkstätten"] == 4
    assert summary["Beratungstage genutzt"] == 3.0
    assert summary["Beratungstage geplant (anteilig)"] == 7.4
    assert summary["Newsletter-Abonnements am Ende des Zeitraums"] == 3
    steps = _rows(wb["Prozessschritte"])
    assert steps[0] == ("Schritt", "Kommunen am Ende des Zeitraums", "im Zeitraum abgeschlossen")
    assert steps[2] == ("2. Kommunalprofil", 0, 1)
    assert steps[4] == ("4. Werkstattplan", 1, 0)
    assert steps[6][:2] == ("alle fünf Schritte abgeschlossen", 1)
    places = _rows(wb["Kommunen nach Land und Art"])
    assert ("Land", "Sachsen", 2) in places and ("Art", "Landkreis", 1) in places
    participation = dict(r[:2] for r in _rows(wb["Beteiligung"])[1:])
    assert participation["Altersgruppe unter 18"] == 1
    assert participation["vergebene Punkte"] == 3
    consulting = _rows(wb["Beratung"])
    assert consulting[1] == (2026, 15, 7.4, 3, 5, 2)
    events = _rows(wb["Austausch"])
    assert events[1][0] == "Online-Seminar Nahversorgung" and events[1][3:5] == (3, 1)
    notes = " ".join(r[0] for r in _rows(wb["Quellen und Erläuterungen"]) if r[0])
    assert "keine personenbezogenen Daten" in notes
    every_cell = " ".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
    )
    assert SECRET_NAME not in every_cell and SECRET_PSEUDONYM not in every_cell
    assert "@example.org" not in every_cell


def test_xlsx_stores_formula_like_titles_as_text(programme):
    Event.objects.filter(title="Fachforum Wohnen").update(title='=HYPERLINK("http://x","y")')
    wb = load_workbook(io.BytesIO(report_views.workbook(reports.build(H1))))
    cell = wb["Austausch"]["A3"]
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"


def _texts(box):
    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


def test_pdf_summary_first_with_figures_and_page_numbers(programme):
    document = report_views.document(reports.build(H1))
    pages = [" ".join(_texts(page._page_box)) for page in document.pages]
    assert len(pages) >= 2
    first = pages[0]
    assert "Programmbericht für den Fördergeber" in first
    assert "1. Halbjahr 2026 (01.01.2026 – 30.06.2026)" in first
    assert "Zusammenfassung" in first
    assert "Kommunen im Programm am Ende des Zeitraums 3" in first
    assert "Teilnehmende der Zukunftswerkstätten 4" in first
    assert "Beratungstage geplant (anteilig) 7,4" in first
    assert "Kommunen im Prozess" not in first  # the details start on page 2
    rest = " ".join(pages[1:])
    for text in (
        "4. Werkstattplan 1 0",
        "Sachsen 2",
        "Online-Seminar Nahversorgung",
        "2026 15 7,4 3 5 2",
        "Quellen und Erläuterungen",
        "Teilnehmende der Zukunftswerkstätten nach Altersgruppe",  # chart title
    ):
        assert text in rest, text
    assert SECRET_NAME not in rest and SECRET_PSEUDONYM not in rest
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in text


def test_pdf_download(programme, office_user, client_for):
    response = client_for(office_user).get(
        reverse("office:report_pdf"), {"von": "2026-01-01", "bis": "2026-06-30"}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert "programmbericht-20260101-20260630.pdf" in response["Content-Disposition"]


# --- the page and the period form -----------------------------------------------------------


def test_page_shows_the_report_with_charts_and_download_links(programme, office_user, client_for):
    response = client_for(office_user).get(
        reverse("office:reports"), {"von": "2026-01-01", "bis": "2026-06-30"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zeitraum: 1. Halbjahr 2026 (01.01.2026 – 30.06.2026)" in html
    query = "von=2026-01-01&amp;bis=2026-06-30"
    assert f"{reverse('office:report_pdf')}?{query}" in html
    assert f"{reverse('office:report_xlsx')}?{query}" in html
    # four charts, each in its wide layout and its narrow one for phones (CSS shows one)
    assert html.count('class="chart chart-wide" role="img"') == 4
    assert html.count('class="chart chart-narrow" role="img"') == 4
    assert 'style="' not in html and "<script>" not in html


def test_page_without_parameters_shows_the_current_year(office_user, client_for):
    year = timezone.localdate().year
    for params in ({}, {"utm_source": "newsletter"}):
        response = client_for(office_user).get(reverse("office:reports"), params)
        assert response.status_code == 200
        assert f"Kalenderjahr {year}" in response.content.decode()


def test_preset_redirects_to_its_dates(office_user, client_for):
    year = timezone.localdate().year
    response = client_for(office_user).get(reverse("office:reports"), {"vorlage": f"{year}-q2"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?von={year}-04-01&bis={year}-06-30")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"von": "2026-06-30", "bis": "2026-01-01"}, "Der letzte Tag liegt vor dem ersten Tag"),
        ({"von": "2026-02-30", "bis": "2026-03-01"}, "gültiges Datum"),
        ({"von": "", "bis": "2026-03-01"}, "Bitte geben Sie den ersten Tag des Zeitraums an."),
        ({"von": "1850-01-01", "bis": "2026-03-01"}, "zwischen 2000 und 2100"),
        ({"von": "9999-12-31", "bis": "9999-12-31"}, "zwischen 2000 und 2100"),
        ({"von": "2000-01-01", "bis": "2026-03-01"}, "höchstens 10 Kalenderjahre"),
        ({"vorlage": "1999-q5"}, "gültige Auswahl"),
    ],
)
@pytest.mark.parametrize("name", ["office:reports", "office:report_pdf", "office:report_xlsx"])
def test_bad_period_is_a_400_with_a_german_message_and_keeps_the_input(
    office_user, client_for, name, params, message
):
    response = client_for(office_user).get(reverse(name), params)
    assert response.status_code == 400
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert message in html
    for value in params.values():
        if value and "vorlage" not in params:
            assert f'value="{value}"' in html


def test_only_the_office_sees_reports(member, consultant, client_for):
    for user in (member, consultant):
        assert client_for(user).get(reverse("office:report_xlsx")).status_code == 403


def test_office_navigation_links_the_reports(office_user, client_for):
    html = client_for(office_user).get(reverse("office:audit_log")).content.decode()
    assert reverse("office:reports") in html


def test_programme_scope_leaves_out_kommunen_that_left_or_joined_later(programme):
    scope, _demo = reports.programme_scope(H1)
    assert set(scope.values_list("slug", flat=True)) == {"altdorf", "bergstadt", "kreis-cee"}
    assert not Municipality.objects.filter(slug="exdorf", pk__in=scope.values("pk")).exists()


def test_pdf_page_header_prints_a_period_of_two_dates_exactly(db):
    odd = reports.Period(date(2026, 2, 3), date(2026, 4, 5))
    document = report_views.document(reports.build(odd))
    pages = [" ".join(_texts(page._page_box)) for page in document.pages]
    for text in pages:  # the running header of every page (a CSS string, css_string filter)
        assert "Programmbericht 03.02.2026 – 05.04.2026" in text
