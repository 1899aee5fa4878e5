"""Journey: the Werkzeugkoffer – search, facets, an entry, rating by a Kommune member, and the
office publishing a best practice that a Kommune submitted. Every page is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

SUBMISSION = "Mitfahrbänke in allen Ortsteilen von Beispielhausen"


def _results(page):
    return page.get_by_role("region", name=re.compile("Einträge|Eintrag"))


def test_search_facets_and_entry(page, base_url, demo):
    page.goto(f"{base_url}/werkzeugkoffer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkzeugkoffer")
    assert_no_axe_violations(page)

    page.get_by_label("Suchbegriff").fill("Jugend beteiligen")
    page.get_by_role("button", name="Suchen").click()
    first = _results(page).get_by_role("listitem").first
    expect(first.get_by_role("link")).to_have_text("Kinder- und Jugendbeteiligung")
    expect(first.locator("mark").first).to_be_visible()  # highlighted match
    assert_no_axe_violations(page)

    # Facet: only Best-Practice-Beispiele.
    # the filters are folded (KERN accordion); a facet opens at its summary
    page.locator("summary").filter(has_text=re.compile(r"^Art$")).click()
    page.get_by_role("group", name="Art").get_by_label(re.compile("Best-Practice-Beispiel")).check()
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page).to_have_url(re.compile(r"art=best_practice"))
    hits = _results(page).get_by_role("listitem")
    expect(hits.first).to_contain_text("illustratives Beispiel")
    assert_no_axe_violations(page)

    hits.first.get_by_role("link").click()
    expect(page.get_by_role("note")).to_contain_text("illustratives Beispiel")
    expect(page.get_by_role("heading", name="Ähnliche Einträge")).to_be_visible()
    assert_no_axe_violations(page)


def test_member_rates_an_entry(page, base_url, demo):
    login(page, base_url, "team-talstadt", check=False)
    page.goto(f"{base_url}/werkzeugkoffer/world-cafe/")
    form = page.locator("form.toolbox-rating")
    form.get_by_label("4 von 5 Sternen").check()
    form.get_by_label("ja").check()
    form.get_by_role("button", name="Bewertung speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Danke für Ihre Bewertung")
    expect(page.get_by_role("region", name="Bewertungen")).to_contain_text("Ihre Bewertung: 4")
    assert_no_axe_violations(page)

    page.get_by_role("button", name=re.compile("Merken")).click()
    page.goto(f"{base_url}/werkzeugkoffer/merkliste/")
    expect(page.get_by_role("main")).to_contain_text("World Café")
    assert_no_axe_violations(page)


def test_member_submission_form_keeps_input_on_error(page, base_url, demo):
    login(page, base_url, "team-seedorf-am-wald", check=False)
    page.goto(f"{base_url}/werkzeugkoffer/kommune/seedorf-am-wald/einreichen/")
    assert_no_axe_violations(page)
    page.get_by_label("Titel").fill("Mittagstisch im Dorfgemeinschaftshaus")
    page.get_by_label("Quellen und Links").fill("javascript:alert(1)")
    page.get_by_role("button", name="Zur Prüfung einreichen").click()
    expect(page.locator(".error-summary")).to_contain_text("keine gültige Adresse")
    expect(page.get_by_label("Titel")).to_have_value("Mittagstisch im Dorfgemeinschaftshaus")
    assert_no_axe_violations(page)


def test_office_publishes_a_submitted_best_practice(page, base_url, demo):
    page.goto(f"{base_url}/werkzeugkoffer/?q=Mitfahrbänke+Beispielhausen")
    expect(page.get_by_role("main")).not_to_contain_text(SUBMISSION)

    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/werkzeugkoffer/pruefen/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=SUBMISSION).click()
    expect(page.get_by_role("main")).to_contain_text("in Prüfung")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_role("status")).to_contain_text("veröffentlicht")
    assert_no_axe_violations(page)

    page.goto(f"{base_url}/werkzeugkoffer/{page.url.rstrip('/').rsplit('/', 1)[1]}/versionen/")
    expect(page.get_by_role("table")).to_contain_text("veröffentlicht")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Abmelden").click()
    page.goto(f"{base_url}/werkzeugkoffer/?q=Mitfahrbänke+Beispielhausen")
    expect(_results(page)).to_contain_text(SUBMISSION)
