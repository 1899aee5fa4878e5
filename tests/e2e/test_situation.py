"""Journey: the coordinator of Musterstadt works on the Situationsanalyse of the Kommunalprofil.

From the step page into the analysis, adds an initiative (after a failed first try), accepts
and rejects data-driven SWOT suggestions, adds a SWOT item by hand and selects a candidate
Handlungsfeld. The Kommunalprofil's statistics are replaced by hand-made indicator rows
(``indicator_comparison`` returns [] until statistics are imported). Every page visited is
checked with axe-core.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login
from zwk.profiles.selectors import IndicatorRow

pytestmark = pytest.mark.e2e

ROWS = [
    IndicatorRow(
        key="old_age_dependency_ratio",
        name="Altenquotient",
        unit="je 100 Personen von 20 bis unter 65 Jahren",
        definition="Einwohner ab 65 Jahren je 100 Einwohner von 20 bis unter 65 Jahren.",
        year=2024,
        value=47.8,
        land=39.2,
    ),
    IndicatorRow(
        key="family_migration_per_1000",
        name="Familienwanderung",
        unit="je 1.000 Einwohner der Altersgruppen",
        definition="Wanderungssaldo der unter 18-Jährigen und der 30- bis unter 50-Jährigen.",
        year=2024,
        value=7.4,
    ),
]


@pytest.fixture
def coordinator(page, base_url, demo, monkeypatch):
    monkeypatch.setattr("zwk.situation.views.indicator_comparison", lambda municipality: ROWS)
    login(page, base_url, "koordination-musterstadt")
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    return page


def _subnav(page):
    return page.get_by_role("navigation", name="Teile der Situationsanalyse")


def test_situation_analysis_journey(coordinator, base_url):
    page = coordinator
    page.goto(base_url + "/kommunen/musterstadt/schritte/kommunalprofil/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Zur Situationsanalyse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Situationsanalyse")
    expect(page.get_by_text("von 4 Teilen mit Inhalt")).to_be_visible()
    assert_no_axe_violations(page)

    # Bestandsaufnahme: a first try without a title is refused, the input is kept.
    _subnav(page).get_by_role("link", name="Bestandsaufnahme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestandsaufnahme")
    assert_no_axe_violations(page)
    follow(page.get_by_role("link", name="Initiative aufnehmen"))
    assert_no_axe_violations(page)
    page.get_by_label("Träger").fill("Repair-Café-Initiative Musterstadt")
    page.get_by_label("Seniorinnen und Senioren").check()
    page.get_by_label("alle Generationen").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Titel: Dieses Feld ist zwingend erforderlich"
    )
    expect(page.get_by_label("Träger")).to_have_value("Repair-Café-Initiative Musterstadt")
    assert_no_axe_violations(page)
    page.get_by_label("Titel").fill("Repair-Café im Jugendhaus")
    page.get_by_label("Wohnen im Alter").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Repair-Café im Jugendhaus")
    row = page.get_by_role("row", name="Repair-Café im Jugendhaus")
    expect(row).to_contain_text("Seniorinnen und Senioren, alle Generationen")
    assert_no_axe_violations(page)
    # Filter by target group.
    page.get_by_label("Zielgruppe").select_option(label="Jugendliche")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("row", name="Jugendforum Musterstadt")).to_be_visible()
    expect(page.get_by_role("row", name="Repair-Café im Jugendhaus")).to_have_count(0)
    assert_no_axe_violations(page)

    # SWOT: suggestions from the indicators, with their reason.
    _subnav(page).get_by_role("link", name="SWOT-Analyse").click()
    suggestions = page.get_by_role("region", name="Vorschläge aus den Daten")
    expect(suggestions).to_contain_text("Altenquotient 2024: 47,8")
    assert_no_axe_violations(page)
    suggestions.get_by_role("button", name="Übernehmen – Fachkräfte und Pflege").click()
    expect(page.get_by_role("status").first).to_contain_text("Übernommen als Risiko")
    risks = page.get_by_role("region", name="Risiken")
    expect(risks).to_contain_text("Fachkräfte und Pflege")
    expect(risks).to_contain_text("Vorschlag aus den Daten")
    # Reject the other suggestion, then undo the rejection.
    page.get_by_role("region", name="Vorschläge aus den Daten").get_by_role(
        "button", name="Verwerfen – Attraktiv für Familien"
    ).click()
    expect(page.get_by_text("Keine offenen Vorschläge")).to_be_visible()
    page.get_by_text("1 verworfener Vorschlag").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Wieder vorschlagen – Attraktiv für Familien").click()
    expect(page.get_by_role("button", name="Übernehmen – Attraktiv für Familien")).to_be_visible()

    # A SWOT item by hand.
    form = page.get_by_role("region", name="SWOT-Punkt hinzufügen")
    form.get_by_label("Kategorie").select_option(label="Schwäche")
    form.get_by_label("Aussage").fill("Kaum Mitfahrangebote in den Ortsteilen")
    form.get_by_role("button", name="Hinzufügen").click()
    expect(page.get_by_role("region", name="Schwächen")).to_contain_text(
        "Kaum Mitfahrangebote in den Ortsteilen"
    )
    assert_no_axe_violations(page)

    # Candidate Handlungsfeld, justified by the new item, moved up one rank.
    follow(_subnav(page).get_by_role("link", name="Handlungsfelder"))
    assert_no_axe_violations(page)
    form = page.get_by_role("region", name="Handlungsfeld auswählen")
    form.get_by_label("Handlungsfeld").select_option(label="Mobilität")
    form.get_by_label("Begründung").fill("Ohne Auto sind die Ortsteile abgehängt.")
    form.get_by_label("Schwäche: Kaum Mitfahrangebote in den Ortsteilen").check()
    form.get_by_role("button", name="Auswählen").click()
    expect(page.get_by_role("status").first).to_contain_text("„Mobilität“ steht jetzt auf Rang 4")
    page.get_by_role("button", name="nach oben – Mobilität").click()
    expect(page.get_by_role("heading", name="3. Mobilität")).to_be_visible()
    assert_no_axe_violations(page)

    # The overview counts what was done.
    _subnav(page).get_by_role("link", name="Überblick").click()
    expect(page.get_by_text("4 Handlungsfelder ausgewählt")).to_be_visible()
    assert_no_axe_violations(page)


def test_team_member_cannot_delete(page, base_url, demo, monkeypatch):
    monkeypatch.setattr("zwk.situation.views.indicator_comparison", lambda municipality: [])
    login(page, base_url, "team-musterstadt")
    page.goto(base_url + "/kommunen/musterstadt/analyse/swot/")
    expect(page.get_by_role("link", name="bearbeiten").first).to_be_visible()
    expect(page.get_by_role("link", name="löschen")).to_have_count(0)
    expect(
        page.get_by_text("Noch keine Statistik importiert – Vorschläge erscheinen")
    ).to_be_visible()
    assert_no_axe_violations(page)


def test_interview_notes_become_swot_items(coordinator, base_url):
    page = coordinator
    page.goto(base_url + "/kommunen/musterstadt/analyse/gespraeche/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Gespräch erfassen").click()
    page.get_by_label("Gesprächspartnerin/Gesprächspartner").fill("Schulleiterin")
    page.get_by_label("Organisation").fill("Grundschule Am Park")
    page.get_by_label("Datum des Gesprächs").fill("2026-04-21")
    page.get_by_label("Wichtigste Aussagen").fill("Die Klassen werden voller, Lehrkräfte fehlen.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gespräch mit Schulleiterin")
    assert_no_axe_violations(page)
    region = page.get_by_role("region", name="SWOT-Punkte aus diesem Gespräch")
    region.get_by_label("Kategorie").select_option(label="Risiko")
    region.get_by_label("Aussage").fill("Lehrkräftemangel an der Grundschule")
    region.get_by_role("button", name="In die SWOT-Analyse übernehmen").click()
    expect(region).to_contain_text("Risiko: Lehrkräftemangel an der Grundschule")
    assert_no_axe_violations(page)

    # Edit a suggestion before accepting it; then the confirmation before deleting.
    page.goto(base_url + "/kommunen/musterstadt/analyse/swot/")
    page.get_by_role("link", name="Anpassen und übernehmen – Attraktiv für Familien").click()
    expect(page.get_by_text("Warum dieser Vorschlag?")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Aussage").fill("Neubaugebiet Am Anger zieht Familien an")
    page.get_by_role("button", name="Übernehmen").click()
    strengths = page.get_by_role("region", name="Stärken")
    expect(strengths).to_contain_text("Neubaugebiet Am Anger zieht Familien an")
    strengths.get_by_role("link", name="löschen – Neubaugebiet Am Anger zieht Familien an").click()
    expect(page.get_by_text("Der Vorschlag aus den Daten erscheint danach wieder.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, löschen").click()
    expect(page.get_by_role("button", name="Übernehmen – Attraktiv für Familien")).to_be_visible()
