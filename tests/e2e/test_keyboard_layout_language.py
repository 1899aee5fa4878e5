"""Journeys 4–6: skip link, small screens, language switch."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def test_skip_link_is_first_and_moves_focus_to_main(page, base_url, demo):
    # Not on /anmelden/: there the username field has autofocus, so Tab starts after it.
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    # Visible while focused (WCAG 2.4.7), hidden otherwise.
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#inhalt")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_skip_link_first_when_logged_in(page, base_url, demo):
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(base_url + "/kommunen/musterstadt/schritte/kickoff/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#inhalt")).to_be_focused()


SMALL_SCREEN_PAGES = {
    "koordination-musterstadt": [
        "/kommunen/musterstadt/",
        "/kommunen/musterstadt/schritte/kickoff/",
        "/kommunen/musterstadt/aktivitaet/",
    ],
    # Without edit rights the tables hold no links: the scrolling region itself must be
    # reachable by keyboard (axe: scrollable-region-focusable).
    "team-musterstadt": ["/kommunen/musterstadt/team/"],
    "geschaeftsstelle": ["/geschaeftsstelle/", "/geschaeftsstelle/protokoll/"],
}


@pytest.mark.parametrize("width", [375, 320])
def test_no_horizontal_scrolling_on_small_screens(new_page, base_url, demo, width):
    """375 px: a common phone; 320 px: WCAG 1.4.10 Reflow (1280 px at 400 % zoom)."""
    for username, paths in SMALL_SCREEN_PAGES.items():
        page = new_page(viewport={"width": width, "height": 740})
        login(page, base_url, username, check=False)
        for path in paths:
            page.goto(base_url + path)
            scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{path}: page is {scroll_width}px wide at {width}px"
            assert_no_axe_violations(page)


def test_language_switch_to_english_and_back(page, base_url, demo):
    page.goto(base_url + "/anmelden/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_label("Sprache").select_option("en")
    with page.expect_navigation():
        page.locator(".lang-form").get_by_role("button").click()
    expect(page).to_have_url(f"{base_url}/anmelden/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#lang-select")).to_have_value("en")
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)
    # Each language is named in its own language (WCAG 3.1.2).
    expect(page.locator("#lang-select option[value='de']")).to_have_attribute("lang", "de")
    assert_no_axe_violations(page)

    # The choice is kept across the login and on the next pages, which stay accessible.
    login(page, base_url, "koordination-musterstadt", check=False)
    for path in ["/", "/kommunen/musterstadt/", "/kommunen/musterstadt/schritte/kickoff/"]:
        page.goto(base_url + path)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert_no_axe_violations(page)

    page.locator("#lang-select").select_option("de")
    with page.expect_navigation():
        page.locator(".lang-form").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_have_count(1)
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    expect(page).to_have_title(re.compile("ZWK"))
