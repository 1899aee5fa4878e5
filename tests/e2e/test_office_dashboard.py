"""Browser test of the office's overview of all Kommunen with the demo data: programme
figures, the stalled demo Kommune (Talstadt), the filter form by keyboard, axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def test_office_sees_stalled_kommune_and_filters(page, base_url, demo):
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/geschaeftsstelle/")
    expect(page.get_by_role("heading", name="Das Programm in Zahlen")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("6 Kommunen im Programm.")
    expect(page.get_by_role("main")).to_contain_text("Davon 1 mit Stillstand")
    overview = page.get_by_role("table", name=re.compile("Stand der Kommunen"))
    expect(overview.get_by_role("row", name=re.compile("Talstadt"))).to_contain_text("Stillstand")
    expect(overview.get_by_role("row", name=re.compile("Musterstadt"))).to_contain_text(
        "13 Teilnehmende"
    )
    assert_no_axe_violations(page)

    # Keyboard only: tick "nur Kommunen mit Stillstand", submit with Enter in the form.
    search = page.get_by_role("search", name="Kommunen filtern")
    search.get_by_label("nur Kommunen mit Stillstand").focus()
    page.keyboard.press("Space")
    search.get_by_label("Sortierung").select_option(value="aktivitaet")
    search.get_by_role("button", name="Anzeigen").press("Enter")
    expect(page).to_have_url(re.compile(r"stillstand=on"))
    rows = page.get_by_role("table", name=re.compile("Stand der Kommune")).locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Talstadt")
    expect(search.get_by_label("nur Kommunen mit Stillstand")).to_be_checked()
    assert_no_axe_violations(page)

    # A bad value: error summary, no 500, list unfiltered.
    page.goto(f"{base_url}/geschaeftsstelle/?wochen=0")
    expect(page.locator(".error-summary")).to_contain_text("Bitte prüfen Sie Ihre Eingaben")
    assert_no_axe_violations(page)
