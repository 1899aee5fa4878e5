"""Orientation (issue 16, items 5, 7, 11 and BITV 2.0) with the demo data: each role lands on
its start page after login, the projector fits a 1280 × 720 screen without site chrome, the
accessibility statement's feedback form works, the office map's markers are large targets
with names on focus – axe-core clean on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

SCREEN = {"width": 1280, "height": 720}


@pytest.mark.parametrize(
    ("username", "path", "heading"),
    [
        ("koordination-musterstadt", "/kommunen/musterstadt/", "Musterstadt"),
        ("team-beispielhausen", "/kommunen/beispielhausen/", "Beispielhausen"),
        ("beratung1", "/start/", "Ihre Beratung"),
        ("geschaeftsstelle", "/geschaeftsstelle/", "Braucht Aufmerksamkeit"),
    ],
)
def test_each_role_lands_on_its_start_page(new_page, base_url, demo, username, path, heading):
    page = new_page(viewport=SCREEN)
    login(page, base_url, username, check=False)
    expect(page).to_have_url(re.compile(re.escape(base_url + path)))
    expect(page.get_by_role("heading", name=re.compile(heading)).first).to_be_visible()
    assert_no_axe_violations(page)


def test_consultant_sees_assigned_kommunen_and_open_requests(page, base_url, demo):
    login(page, base_url, "beratung1", check=False)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Offene Anfragen")).to_be_visible()
    expect(main.get_by_role("link", name="Musterstadt", exact=True)).to_be_visible()
    expect(main.get_by_role("link", name=re.compile("^Musterstadt: "))).to_be_visible()


def test_projector_fits_the_screen_without_site_chrome(new_page, base_url, demo, tmp_path):
    from zwk.workshops.models import Workshop

    workshop = Workshop.objects.get(code="demo")
    page = new_page(viewport=SCREEN)
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/werkstatt/{workshop.pk}/beamer/")
    expect(page.get_by_role("heading", level=1)).to_have_text(workshop.title)
    page.screenshot(path=str(tmp_path / "beamer-1280x720.png"))
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"horizontal scroll: {widths}"
    body = page.locator("body")
    expect(body).not_to_contain_text("Abmelden")
    expect(body).not_to_contain_text("Miriam Koch")  # the moderator's name
    assert page.locator("header.site-header, nav").count() == 0
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('main')).fontSize)"
    )
    assert size >= 24, f"type too small for the back of the room: {size}px"
    assert_no_axe_violations(page)


def test_accessibility_statement_feedback_and_easy_language(page, base_url, demo):
    from zwk.privacy.models import AccessibilityFeedback

    page.goto(f"{base_url}/")
    follow(page.get_by_role("main").get_by_role("link", name="Leichte Sprache"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leichter Sprache")
    assert_no_axe_violations(page)
    follow(page.get_by_role("link", name="Hier können Sie uns schreiben."))
    expect(page.get_by_role("heading", level=1)).to_have_text("Erklärung zur Barrierefreiheit")
    assert_no_axe_violations(page)

    # Empty: the error summary, nothing stored.
    follow(page.get_by_role("button", name="Rückmeldung senden"))
    expect(page.get_by_role("alert")).to_contain_text("Bitte beschreiben Sie die Barriere.")
    assert_no_axe_violations(page)
    page.get_by_label("Welche Barriere haben Sie bemerkt?").fill(
        "Die Karte der Geschäftsstelle lässt sich nicht vergrößern."
    )
    page.get_by_label("Ihre E-Mail-Adresse (freiwillig)").fill("leserin@example.org")
    follow(page.get_by_role("button", name="Rückmeldung senden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank für Ihre Rückmeldung")
    assert_no_axe_violations(page)
    assert AccessibilityFeedback.objects.filter(email="leserin@example.org").count() == 1

    page.goto(f"{base_url}/gebaerdensprache/")
    expect(page.get_by_role("main")).to_contain_text("gibt es noch nicht")
    assert_no_axe_violations(page)


def test_office_map_markers_are_large_targets_named_on_focus(new_page, base_url, demo):
    page = new_page(viewport=SCREEN)
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/geschaeftsstelle/karte/")
    points = page.locator("svg.office-map a.map-point")
    expect(points.first).to_be_attached()
    expect(page.locator("svg.office-map.has-hit-radius")).to_be_attached()  # map.js ran
    for i in range(points.count()):
        box = points.nth(i).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
    stalled = page.locator("svg.office-map a.map-stalled")
    expect(stalled).to_have_count(1)  # Talstadt
    stalled.focus()
    label = page.locator("#map-label")
    expect(label).to_be_visible()
    expect(label).to_contain_text("Talstadt")
    expect(label).to_contain_text("Stillstand")
    assert_no_axe_violations(page)
