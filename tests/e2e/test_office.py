"""Journey 3: the programme office (Geschäftsstelle) – overview, invitations, checklist
templates, audit log and a new Kommune with a wrong AGS first."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def office(page, base_url, demo):
    login(page, base_url, "geschaeftsstelle", check=False)
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    return page


def _office_nav(page):
    return page.get_by_role("navigation", name="Bereiche der Geschäftsstelle")


def test_office_area_pages(office, base_url):
    page = office
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Geschäftsstelle"
    ).click()
    expect(page).to_have_url(f"{base_url}/geschaeftsstelle/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geschäftsstelle")
    expect(page.get_by_role("table").get_by_role("link", name="Musterstadt")).to_be_visible()
    assert_no_axe_violations(page)

    for link, heading in [
        ("Einladen", "Koordination, Team oder Beratung einladen"),
        ("Checklisten-Vorlagen", "Checklisten-Vorlagen"),
        ("Protokoll", "Protokoll aller Aktionen"),
    ]:
        _office_nav(page).get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_axe_violations(page)

    # The audit log filter is a search landmark and keeps working.
    expect(page.get_by_role("search")).to_be_visible()
    expect(page.get_by_role("table")).to_be_visible()


def test_invitation_with_missing_kommune_shows_error(office, base_url):
    page = office
    page.goto(f"{base_url}/geschaeftsstelle/einladen/")
    page.get_by_label("E-Mail-Adresse").fill("neu@musterstadt.example")
    page.get_by_label("Rolle").select_option(value="coordinator")
    page.get_by_role("button", name="Einladung senden").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Bitte wählen Sie die Kommune")
    expect(summary).to_be_focused()
    assert_no_axe_violations(page)


def test_create_kommune_with_wrong_then_correct_ags(office, base_url):
    page = office
    page.goto(f"{base_url}/geschaeftsstelle/")
    _office_nav(page).get_by_role("link", name="Neue Kommune").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neue Kommune anlegen")
    assert_no_axe_violations(page)

    # Labels end in a required marker (*), hence the field ids.
    page.locator("#id_slug").fill("neustadt-am-test")
    page.locator("#id_name").fill("Neustadt am Test")
    page.locator("#id_kind").select_option(value="stadt")
    page.locator("#id_land").select_option(value="06")
    ags = page.get_by_label("Amtlicher Gemeindeschlüssel")
    ags.fill("0643599")
    page.get_by_role("button", name="Speichern").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("8-stelligen Gemeindeschlüssel")
    expect(summary).to_contain_text("„0643599“ hat 7 Stellen")
    ags = page.get_by_label("Amtlicher Gemeindeschlüssel")
    expect(ags).to_have_attribute("aria-invalid", "true")
    # The message is tied to the field, so screen readers read it with the field.
    described = ags.get_attribute("aria-describedby").split()
    assert any("8-stelligen" in page.locator(f"#{i}").inner_text() for i in described), described
    # The summary links to the field.
    summary.get_by_role("link", name=re.compile("Amtlicher Gemeindeschlüssel")).click()
    expect(ags).to_be_focused()
    assert_no_axe_violations(page)

    ags.fill("06435998")
    page.get_by_role("button", name="Speichern").click()
    # (The browser keeps the #id_ags fragment of the summary link across the redirect.)
    expect(page).to_have_url(re.compile(r"/kommunen/neustadt-am-test/(#.*)?$"))
    expect(page.locator(".messages")).to_contain_text(
        "Die Kommune „Neustadt am Test“ wurde angelegt."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Neustadt am Test")
    assert_no_axe_violations(page)
