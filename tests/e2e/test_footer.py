"""The footer ends the window on a short page (issue 16): the screenshots of short pages
showed a blank band below the footer. At desktop and phone size the footer's bottom edge is
the bottom edge of the window; on a long page it follows the content."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FOOTER_GAP = """() => {
  const footer = document.querySelector("footer.site-footer").getBoundingClientRect();
  return {gap: window.innerHeight - footer.bottom,
          scroll: document.documentElement.scrollHeight - window.innerHeight};
}"""


@pytest.mark.parametrize("viewport", [(1280, 1000), (375, 1200)], ids=["1280px", "375px"])
def test_footer_sits_at_the_bottom_of_a_short_page(
    transactional_db, new_page, live_server, viewport
):
    width, height = viewport
    page = new_page(viewport={"width": width, "height": height})
    page.goto(live_server.url + "/anmelden/")
    expect(page.get_by_role("contentinfo")).to_be_visible()
    layout = page.evaluate(FOOTER_GAP)
    assert layout["scroll"] <= 0, f"the login page is not short at {width}×{height}: {layout}"
    assert abs(layout["gap"]) < 1, f"{layout['gap']:.0f} px blank below the footer"


def test_footer_follows_the_content_of_a_long_page(transactional_db, new_page, live_server):
    page = new_page(viewport={"width": 375, "height": 400})
    page.goto(live_server.url + "/anmelden/")
    layout = page.evaluate(FOOTER_GAP)
    assert layout["scroll"] > 0  # the page is longer than the window
    # "instant": a smooth scroll (prefers-reduced-motion off) would still be moving when
    # measured; then wait for the scroll position, never for time.
    page.evaluate(
        """() => window.scrollTo({top: document.documentElement.scrollHeight,
                                  behavior: "instant"})"""
    )
    page.wait_for_function(
        "() => Math.abs(window.scrollY + window.innerHeight"
        " - document.documentElement.scrollHeight) < 1"
    )
    assert abs(page.evaluate(FOOTER_GAP)["gap"]) < 1
