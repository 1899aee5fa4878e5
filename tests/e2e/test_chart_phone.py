"""Charts on phones (issue 16): the chart text a phone draws is at least 12 px high.

The profile's charts are drawn 760 units wide; on a 375 px phone that shrank their 15-unit
type to about 6 px. Phones now get each chart's narrow layout (320 units, same type). The
test measures the rendered <text> boxes of every chart on the Kommunalprofil with
getBoundingClientRect, checks that only one layout of each chart is shown, that the page
does not scroll sideways, and runs axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

PROFILE = "/kommunen/musterstadt/profil/"

# Rendered size of the type of each visible chart: the font size in CSS px (the SVG's
# font-size in user units times its scale) and the height of the smallest <text> box.
MEASURE = """() => [...document.querySelectorAll(".chart-svg > svg")]
  .filter((svg) => svg.getBoundingClientRect().width > 0)
  .map((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim());
    return {
      id: svg.getAttribute("aria-labelledby"),
      variant: svg.classList.contains("chart-narrow") ? "narrow" : "wide",
      font: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)),
      box: Math.min(...texts.map((t) => t.getBoundingClientRect().height)),
    };
  })"""


@pytest.mark.parametrize("width", [375, 320])
def test_chart_text_is_readable_on_a_phone(demo, new_page, base_url, width):
    page = new_page(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(base_url + PROFILE)
    expect(page.locator("#diagramm-trend svg.chart-narrow")).to_be_visible()
    expect(page.locator("#diagramm-trend svg.chart-wide")).to_be_hidden()
    charts = page.evaluate(MEASURE)
    assert len(charts) >= 3, charts  # trend, pyramid, age groups at least
    assert {c["variant"] for c in charts} == {"narrow"}, charts
    figures = page.locator(".chart-figure:has(.chart-svg)").count()
    assert len(charts) == figures, "one layout of each chart is shown"
    for chart in charts:
        assert chart["font"] >= 12, f"{chart['id']}: type {chart['font']:.1f} px at {width} px"
        assert chart["box"] >= 12, f"{chart['id']}: text box {chart['box']:.1f} px high"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at {width} px"
    assert_no_axe_violations(page)


def test_a_desktop_shows_the_wide_charts(demo, new_page, base_url):
    page = new_page(viewport={"width": 1280, "height": 800})
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(base_url + PROFILE)
    expect(page.locator("#diagramm-trend svg.chart-wide")).to_be_visible()
    expect(page.locator("#diagramm-trend svg.chart-narrow")).to_be_hidden()
    charts = page.evaluate(MEASURE)
    assert charts and {c["variant"] for c in charts} == {"wide"}
    assert min(c["font"] for c in charts) >= 14, charts


def test_zwischenbilanz_measures_read_as_blocks_on_a_phone(demo, new_page, base_url):
    """The measures with their long status reasons: one block per measure on a 375 px phone
    (each value after its column name), not rows 290 px tall in a 150 px column."""
    page = new_page(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(base_url + "/kommunen/musterstadt/bilanz/")
    table = page.locator("#massnahmen ~ .kern-table-responsive table.table-stack")
    expect(table).to_be_visible()
    rows = table.locator("tbody > tr")
    assert rows.count() >= 3
    label = rows.first.locator("td[data-label='Status']")
    before = label.evaluate("(td) => getComputedStyle(td, '::before').content")
    assert before == '"Status: "', before
    widths = table.evaluate(
        """(t) => [...t.querySelectorAll("tbody td")].map((td) => td.getBoundingClientRect().width)"""
    )
    region = table.evaluate("(t) => t.parentElement.getBoundingClientRect().width")
    assert min(widths) > region * 0.9, "every value uses the whole width"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    assert_no_axe_violations(page)


def test_zwischenbilanz_measures_stay_a_table_on_a_desktop(demo, new_page, base_url):
    page = new_page(viewport={"width": 1280, "height": 800})
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(base_url + "/kommunen/musterstadt/bilanz/")
    header = page.locator("#massnahmen ~ .kern-table-responsive table.table-stack thead")
    expect(header).to_be_visible()
    display = header.evaluate("(h) => getComputedStyle(h).display")
    assert display == "table-header-group"
