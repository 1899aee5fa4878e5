"""Browser test of the office map with the demo data: every demo Kommune is a point, the
points are reachable and usable by keyboard, filters work, the CSP holds, axe-core is clean."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def test_office_map_points_keyboard_filter_and_axe(page, base_url, demo):
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/geschaeftsstelle/karte/")
    svg = page.get_by_role("group", name="Karte der Kommunen im Programm")
    expect(svg).to_be_visible()
    points = svg.locator("a.map-point")
    expect(points).to_have_count(6)  # all six demo Kommunen have coordinates
    expect(page.get_by_role("main")).not_to_contain_text("Ohne Koordinaten")
    musterstadt = svg.get_by_role("link", name=re.compile(r"^Musterstadt \(Stadt, Hessen\)"))
    expect(musterstadt).to_have_count(1)
    # the markers are drawn inside the outline's view box, not stacked at the origin
    box = musterstadt.bounding_box()
    outline = svg.bounding_box()
    assert box["width"] > 0 and outline["x"] < box["x"] < outline["x"] + outline["width"]
    assert_no_axe_violations(page)

    # the table behind <details> lists the same Kommunen
    page.get_by_text("Tabelle der Kommunen auf der Karte").click()
    table = page.get_by_role("table", name=re.compile("Kommunen mit Schritt"))
    expect(table.locator("tbody tr")).to_have_count(6)
    assert_no_axe_violations(page)

    # keyboard: a point takes focus and Enter opens the Kommune
    musterstadt.focus()
    expect(musterstadt).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/kommunen/musterstadt/$"))

    # filter by Land with the keyboard
    page.goto(f"{base_url}/geschaeftsstelle/karte/")
    search = page.get_by_role("search", name="Kommunen filtern")
    search.get_by_label("Land").select_option(label="Hessen")
    search.get_by_role("button", name="Filtern").press("Enter")
    expect(page).to_have_url(re.compile(r"land=06"))
    expect(page.locator("svg.office-map a.map-point")).to_have_count(1)
    assert_no_axe_violations(page)


def test_office_map_keeps_the_content_security_policy(new_page, base_url, demo):
    page = new_page(bypass_csp=False)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/geschaeftsstelle/karte/")
    expect(page.locator("svg.office-map a.map-point")).to_have_count(6)
    # the stylesheet applied (fill from map.css, not from an inline style)
    fill = page.locator("svg.office-map .map-land").evaluate("e => getComputedStyle(e).fill")
    assert fill == "rgb(238, 242, 245)"
    assert not [e for e in errors if "Content Security Policy" in e], errors
