"""Journeys of issue 20: a measure's demographic effect and the Demografie-Check.

1. The coordination of musterstadt adds a Neubaugebiet to a measure of the Werkstattplan and
   sees the Krippe demand "mit Plan" change on the plan's comparison page.
2. The team creates a Demografie-Check for a new Tagespflege in the Ortsteil Altstadt and
   downloads its PDF for the Beschlussvorlage.
axe-core on every page visited.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def _field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def _krippe_with_plan(page, year: int) -> str:
    row = page.locator(f"#bedarf-{year} tbody tr").filter(has_text="Krippenalter")
    return row.locator("td").nth(2).inner_text()  # ohne, Spanne, mit Plan, …


def test_coordinator_adds_a_neubaugebiet_and_sees_kita_demand_change(page, base_url, demo):
    from zwk.plans import effects
    from zwk.plans.models import Measure

    measure = (
        Measure.objects.filter(plan__municipality__slug="musterstadt", status="planned")
        .exclude(title="Neubaugebiet Am Sonnenhang")
        .first()
        or Measure.objects.filter(plan__municipality__slug="musterstadt").first()
    )
    base = effects.base_for(measure.plan.municipality)
    year10 = base.year + 10
    login(page, base_url, "koordination-musterstadt", check=False)

    page.goto(f"{base_url}/kommunen/musterstadt/plan/wirkung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit Plan und ohne Plan")
    expect(page.get_by_text("Neubaugebiet Am Sonnenhang").first).to_be_visible()
    expect(page.locator("#angebot-saetze")).to_contain_text("Krippenplätze")
    assert_no_axe_violations(page)
    before = _krippe_with_plan(page, year10)

    page.goto(f"{base_url}{measure.get_absolute_url()}")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Wirkung hinzufügen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demografische Wirkung")
    assert_no_axe_violations(page)
    _field(page, "Art der Wirkung").select_option("housing")
    _field(page, "Ab Jahr").fill(str(base.year + 2))
    _field(page, "Dauer in Jahren").fill("4")
    _field(page, "Menge").fill("60")
    page.get_by_role("button", name="Wirkung speichern").click()

    expect(page.get_by_text("Die Wirkung wurde eingetragen.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit Plan und ohne Plan")
    expect(page.get_by_text(measure.title).first).to_be_visible()
    after = _krippe_with_plan(page, year10)
    assert after != before, (before, after)
    assert int(after.replace(".", "")) > int(before.replace(".", ""))
    assert_no_axe_violations(page)

    # a year beyond the projection is refused in German, nothing saved
    page.goto(f"{base_url}{measure.get_absolute_url()}wirkungen/neu/")
    _field(page, "Art der Wirkung").select_option("housing")
    _field(page, "Ab Jahr").fill(str(base.year + 40))
    _field(page, "Menge").fill("10")
    page.get_by_role("button", name="Wirkung speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("so weit reicht die Vorausberechnung")
    assert_no_axe_violations(page)


def test_staff_create_a_check_and_download_its_pdf(page, base_url, demo):
    login(page, base_url, "team-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/demografie-check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Demografie-Check")
    expect(page.get_by_role("link", name="Tagespflege in der Altstadt")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Neuen Demografie-Check anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neuer Demografie-Check")
    assert_no_axe_violations(page)
    _field(page, "Titel des Vorhabens").fill("Zweite Tagespflege am Markt")
    _field(page, "Kurzbeschreibung").fill("Zwölf Plätze im ehemaligen Ladenlokal am Markt.")
    _field(page, "Ort").select_option(label="Altstadt")
    page.get_by_label("Ältere Menschen (65 bis 79)").check()
    page.get_by_label("Menschen mit Pflegebedarf (erwartet)").check()
    _field(page, "Zeithorizont").select_option("10")
    _field(page, "Nutzungsdauer der Investition (Jahre)").fill("20")
    _field(page, "Generationengerechtigkeit").fill("Entlastet pflegende Angehörige.")
    _field(page, "Barrierefreiheit").fill("Ebenerdig, breite Türen.")
    _field(page, "Nachnutzung bei sinkender Nachfrage").fill("Als Laden oder Praxis nutzbar.")
    _field(page, "Integration").fill("Offene Nachmittage für Nachbarinnen und Nachbarn.")
    page.get_by_role("button", name="Prüfen und speichern").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Zweite Tagespflege am Markt")
    expect(page.locator("#zusammenfassung")).to_contain_text("in Altstadt bis")
    expect(page.locator("#zielgruppen")).to_contain_text("Ältere Menschen (65 bis 79)")
    assert_no_axe_violations(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Als PDF für die Beschlussvorlage").click()
    download = info.value
    assert download.suggested_filename.startswith("demografie-check-zweite-tagespflege")
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"

    # the same result as a Word file to edit into the Beschlussvorlage
    with page.expect_download() as info:
        page.get_by_role("link", name="Als Word-Datei (DOCX) zum Bearbeiten").click()
    from docx import Document

    document = Document(info.value.path())
    assert document.paragraphs[0].text == "Demografie-Check: Zweite Tagespflege am Markt"


def test_coordinator_includes_the_plan_in_the_profile_explorer_by_keyboard(page, base_url, demo):
    """Kommunalprofil: "Maßnahmen des Werkstattplans einbeziehen" (the demo plan has the
    Neubaugebiet Am Sonnenhang) – switched with the space key, the explorer re-projects and
    says so; the Krippe figures of the table change; axe clean."""
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/profil/")
    switch = page.get_by_label("Maßnahmen des Werkstattplans einbeziehen")
    expect(switch).not_to_be_checked()
    assert_no_axe_violations(page)
    row = page.locator("#szenario-ergebnis tbody tr").filter(has_text="Krippe")
    before = row.inner_text()
    switch.focus()
    with page.expect_response(lambda r: "/profil/szenario/" in r.url and r.ok):
        page.keyboard.press("Space")
    expect(switch).to_be_checked()
    expect(page.locator("#planungsbedarf")).to_contain_text("mit Maßnahmen des Werkstattplans")
    expect(page.locator("#szenario-status")).to_contain_text("mit Maßnahmen des Werkstattplans")
    assert row.inner_text() != before
    expect(switch).to_be_focused()
    assert_no_axe_violations(page)
