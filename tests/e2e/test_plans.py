"""Journey: the Werkstattplan from workshop results to a published strategy.

The coordination of musterstadt starts a fresh plan (the demo plan is removed first), carries
the workshop's project sketches over, adds a goal, a measure with a milestone and a KPI with
a measurement, uses board and timeline (also at 320 px), takes the plan through the internal
consultation to approval twice, compares the two versions, publishes it and looks at it as
an anonymous citizen. axe-core on every page visited.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

MEASURE = "Mitfahrbank am Marktplatz"
KPI = "Fahrten über die Mitfahrbank pro Woche"


def _main(page):
    return page.get_by_role("main")


def _field(page, label):
    """A form field by its exact label (required fields show an asterisk after it)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def _check(page, heading):
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_no_axe_violations(page)


def test_plan_from_workshop_results_to_public_page(page, new_page, base_url, demo):
    from zwk.plans.models import Plan

    Plan.objects.filter(municipality__slug="musterstadt").delete()
    today = timezone.localdate()
    plan_url = f"{base_url}/kommunen/musterstadt/plan/"
    login(page, base_url, "koordination-musterstadt", check=False)

    page.goto(plan_url)
    _check(page, "Werkstattplan")

    # Carry the workshop's sketches over – one action.
    # the count in the plan's text (the empty measure list offers the same page as a button)
    _main(page).get_by_role("link", name=re.compile(r"Projektskizzen übernehmen \(")).click()
    _check(page, "Projektskizzen übernehmen")
    for box in page.get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Ausgewählte übernehmen").click()
    expect(page.get_by_text("2 Projektskizzen als Maßnahmen übernommen.")).to_be_visible()
    expect(
        _main(page).get_by_role("link", name="Bürgerbus Musterstadt", exact=True)
    ).to_be_visible()

    # A goal from the programme's presets.
    _main(page).get_by_role("link", name="Ziel hinzufügen").click()
    page.get_by_label("Programmziel").select_option(label="Teilhabe aller Altersgruppen sichern")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Das Ziel wurde gespeichert.")).to_be_visible()

    # A measure with dates, goal and a milestone.
    _main(page).get_by_role("link", name="Maßnahme anlegen").click()
    _check(page, "Maßnahme anlegen")
    _field(page, "Titel").fill(MEASURE)
    page.get_by_label("Teilhabe aller Altersgruppen sichern").check()
    _field(page, "Beginn").fill((today - timedelta(days=30)).isoformat())
    _field(page, "Ende").fill((today + timedelta(days=300)).isoformat())
    page.get_by_label("Budget geplant (Euro)").fill("2500")
    page.get_by_role("button", name="Speichern").click()
    _check(page, MEASURE)
    _field(page, "Meilenstein").fill("Bank aufgestellt")
    page.get_by_label("fällig am").fill((today + timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Meilenstein hinzufügen").click()
    expect(page.get_by_text("Der Meilenstein wurde ergänzt.")).to_be_visible()
    assert_no_axe_violations(page)

    # An own KPI with a measurement.
    page.goto(plan_url)
    _main(page).get_by_role("link", name="Indikator anlegen").click()
    _field(page, "Ziel").select_option(label="Teilhabe aller Altersgruppen sichern")
    page.get_by_label("Eigene Kennzahl").check()
    page.get_by_label("Bezeichnung der eigenen Kennzahl").fill(KPI)
    _field(page, "Einheit").fill("Fahrten")
    _field(page, "Ausgangswert").fill("0")
    page.get_by_label("Stand des Ausgangswerts").fill((today - timedelta(days=60)).isoformat())
    page.get_by_label("Zielwert").fill("50")
    page.get_by_label("Zieldatum").fill((today + timedelta(days=300)).isoformat())
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Speichern").click()
    _check(page, KPI)
    _field(page, "Wert").fill("12")
    page.get_by_role("button", name="Messwert speichern").click()
    expect(page.get_by_text("Der Messwert wurde gespeichert.")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("12 Fahrten")
    assert_no_axe_violations(page)

    # Board: change the status with the card's form (keyboard-usable, no dragging).
    page.goto(plan_url + "tafel/")
    _check(page, "Tafel nach Status")
    card = page.locator("li.board-card", has_text=MEASURE)
    card.get_by_label(re.compile("^Status")).select_option(label="in Umsetzung")
    card.get_by_role("button", name=re.compile("^Ändern")).press("Enter")
    expect(page.get_by_text(f"„{MEASURE}“ hat jetzt den Status „in Umsetzung“.")).to_be_visible()
    running = page.get_by_role("region", name=re.compile("^in Umsetzung"))
    expect(running).to_contain_text(MEASURE)
    assert_no_axe_violations(page)

    # Timeline: SVG with table alternative; at 320 px only the chart scrolls.
    page.goto(plan_url + "zeitplan/")
    _check(page, "Zeitplan")
    expect(page.locator("svg.gantt")).to_be_visible()
    expect(page.get_by_role("region", name="Zeitplan als Tabelle")).to_contain_text(
        "Bank aufgestellt"
    )
    phone = new_page(viewport={"width": 320, "height": 640})
    login(phone, base_url, "koordination-musterstadt", check=False)
    phone.goto(plan_url + "zeitplan/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert_no_axe_violations(phone)

    for path, heading in (
        ("handlungsfelder/", "Handlungsfelder im Überblick"),
        ("strategie/", "Demografiestrategie Musterstadt"),
        ("herkunft/", "Herkunft und Wirkung"),
    ):
        page.goto(plan_url + path)
        _check(page, heading)
    trace = page.locator("article.trace", has_text="Bürgerbus Musterstadt")
    expect(trace).to_contain_text("Karten im Cluster")
    expect(trace.get_by_role("link", name="Bürgerbus Musterstadt", exact=True)).to_be_visible()

    # Consultation: into review, a comment, approval → version 1.
    page.goto(plan_url + "abstimmung/")
    _check(page, "Abstimmung und Beschluss")
    page.get_by_role("button", name="In die interne Abstimmung geben").click()
    page.get_by_label("Ihr Kommentar").fill("Bitte die Mitfahrbank im Amtsblatt ankündigen.")
    page.get_by_role("button", name="Kommentar speichern").click()
    expect(page.get_by_role("region", name="Kommentare")).to_contain_text("Amtsblatt")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Beschließen (neue Fassung speichern)").click()
    expect(page.get_by_text("Fassung 1 ist gespeichert")).to_be_visible()

    # A second round: change the measure, approve again → version 2.
    page.get_by_role("button", name="Zurück zu: Entwurf").click()
    page.goto(plan_url)
    _main(page).get_by_role("link", name=MEASURE, exact=True).click()
    _main(page).get_by_role("link", name="Maßnahme bearbeiten").click()
    _field(page, "Titel").fill(MEASURE + " und Rathaus")
    page.get_by_role("button", name="Speichern").click()
    page.goto(plan_url + "abstimmung/")
    page.get_by_role("button", name="In die interne Abstimmung geben").click()
    page.get_by_role("button", name="Beschließen (neue Fassung speichern)").click()
    expect(page.get_by_text("Fassung 2 ist gespeichert")).to_be_visible()

    page.goto(plan_url + "fassungen/")
    _check(page, "Beschlossene Fassungen")
    page.get_by_role("button", name="Vergleichen").click()
    _check(page, "Fassungen vergleichen")
    changed = page.get_by_role("table", name=re.compile("Geändert: Mitfahrbank"))
    expect(changed).to_contain_text(MEASURE)
    expect(changed).to_contain_text(MEASURE + " und Rathaus")

    # Publish (with confirmation) and look at it as a citizen.
    page.goto(plan_url + "abstimmung/")
    page.get_by_role("link", name="Als öffentliche Seite veröffentlichen").click()
    _check(page, "Werkstattplan veröffentlichen")
    page.get_by_role("button", name="Veröffentlichen").click()
    _check(page, "Demografiestrategie Musterstadt")

    citizen = new_page()
    citizen.goto(plan_url + "oeffentlich/")
    _check(citizen, "Demografiestrategie Musterstadt")
    article = citizen.get_by_role("article").filter(has_text=MEASURE + " und Rathaus")
    expect(article).to_contain_text("Status: in Umsetzung")
    expect(citizen.get_by_role("main")).not_to_contain_text("2.500")
    expect(citizen.get_by_role("main")).not_to_contain_text("Amtsblatt")
