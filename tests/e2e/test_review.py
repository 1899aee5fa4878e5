"""Journey: the Zwischenbilanz of Musterstadt – review at a chosen date, projection check with
an earlier baseline year, a lesson learnt shared with other Kommunen, the Verstetigung, and the
PDF report for the Gemeinderat. axe-core on every page visited."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

MEASURE = "Mehrgenerationenhaus am Markt"
PDF_MS = 60_000


def _plan_data():
    """A measure with a milestone and a KPI with a measurement (services, as the UI would)."""
    from zwk.accounts.models import User
    from zwk.municipalities.models import Municipality
    from zwk.plans import services

    municipality = Municipality.objects.get(slug="musterstadt")
    by = User.objects.get(username="koordination-musterstadt")
    plan = services.plan_for(municipality)
    measure = services.measure_create(
        plan=plan,
        by=by,
        data={"title": MEASURE, "status": "running", "responsible": "Amt für Soziales"},
    )
    services.milestone_add(measure=measure, by=by, title="Träger gefunden", due=date(2025, 3, 1))
    goal = services.goal_save(plan=plan, by=by, text="", preset="participation")
    indicator = services.indicator_create(
        goal=goal,
        by=by,
        data={
            "kind": "own",
            "name": "Besuche im Mehrgenerationenhaus pro Monat",
            "baseline": 0,
            "baseline_date": date(2025, 1, 1),
            "target": 400,
            "due": date(2027, 1, 1),
        },
    )
    services.measurement_add(indicator=indicator, by=by, measured_on=date(2025, 12, 1), value=150)


def test_review_lesson_share_and_pdf(page, base_url, demo):
    _plan_data()
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/bilanz/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwischenbilanz")
    assert_no_axe_violations(page)

    # Review at a chosen date: the KPI is judged against the linear path on 1.1.2026.
    page.get_by_label("Stichtag", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Stichtag anzeigen").click()
    expect(page.get_by_role("heading", name=re.compile("Indikatoren am"))).to_contain_text(
        "01.01.2026"
    )
    row = page.get_by_role("row", name=re.compile("Besuche im Mehrgenerationenhaus"))
    expect(row).to_contain_text(
        "Gelb – im Verzug"
    )  # 150 of the expected 200: 50 behind > 10 % of 400
    assert_no_axe_violations(page)

    # Projection check: the demo statistics end in 2021 – choose 2016 as baseline year.
    expect(page.get_by_text(re.compile("noch keine neuere Bevölkerungsstatistik"))).to_be_visible()
    page.get_by_label("Basisjahr der Projektionsprüfung").select_option("2016")
    page.get_by_role("button", name="Basisjahr anzeigen").click()
    projection = page.get_by_role("region", name=re.compile("Projektionsprüfung"))
    expect(projection.get_by_role("columnheader", name="2021 beobachtet")).to_be_visible()
    expect(projection.get_by_role("row", name=re.compile("Altenquotient"))).to_be_visible()
    assert_no_axe_violations(page)

    # A lesson learnt for the measure, shared with other Kommunen.
    page.get_by_role("link", name="Erfahrung festhalten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erfahrung festhalten")
    assert_no_axe_violations(page)
    page.get_by_label("Maßnahme").select_option(label=MEASURE)
    page.get_by_label("Titel").fill("Träger früh ins Boot holen")
    page.get_by_label("Was hat funktioniert?").fill("Der Seniorenbeirat hat die Räume mitgeplant.")
    page.get_by_label("Was würden wir anders machen?").fill("Jugendliche von Anfang an fragen.")
    page.get_by_label("Stadt", exact=True).check()
    page.get_by_label("Mit anderen Kommunen teilen").check()
    page.get_by_role("button", name="Speichern").click()
    lesson = page.get_by_role("article", name="Träger früh ins Boot holen")
    expect(lesson).to_contain_text("Im Werkzeugkoffer: in Prüfung")
    expect(lesson.get_by_role("switch")).to_be_checked()
    assert_no_axe_violations(page)

    # Verstetigung: the measure continues, owned by the association; next review date.
    follow(page.get_by_role("link", name="Verstetigung und nächsten Termin bearbeiten"))
    assert_no_axe_violations(page)
    group = page.get_by_role("group", name=re.compile(MEASURE))
    group.get_by_label("Verstetigung").select_option("continue")
    group.get_by_label("Zuständig für die Fortführung").fill("Förderverein Mehrgenerationenhaus")
    page.get_by_label("Nächste Zwischenbilanz am").fill("2027-03-01")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("row", name=re.compile(MEASURE)).last).to_contain_text(
        "Förderverein Mehrgenerationenhaus"
    )
    assert_no_axe_violations(page)

    # The PDF report for the Gemeinderat (WeasyPrint needs a few seconds on a busy machine).
    with page.expect_download(timeout=PDF_MS) as download_info:
        page.get_by_role("link", name="Bericht für den Gemeinderat (PDF)").click(timeout=PDF_MS)
    download = download_info.value
    assert download.suggested_filename == "werkstattplan-musterstadt.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
