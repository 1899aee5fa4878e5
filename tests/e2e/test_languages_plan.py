"""Issue 18: read the public Werkstattplan in Leichte Sprache on a 375 px phone – the plan, the
discussion of its draft and "Was aus Ihren Ideen wurde" – and find the central "Leichte
Sprache" page from the home page; axe-core on every page. (The survey in Українська is in
test_languages.py.)"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 375, "height": 740}}


def _fits(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, width


def test_read_the_public_plan_in_leichte_sprache_on_a_phone(demo, base_url, new_page):
    phone = new_page(**PHONE)
    phone.set_default_timeout(60_000)  # a shared CI machine: the first page compiles templates
    phone.goto(f"{base_url}/kommunen/musterstadt/plan/oeffentlich/?sprache=leicht")
    html = phone.locator("html")
    expect(html).to_have_attribute("lang", "de")  # Leichte Sprache is German
    expect(html).to_have_attribute("dir", "ltr")
    main = phone.get_by_role("main")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Plan für die Zukunft von Musterstadt"
    )
    expect(
        main.get_by_role("heading", name="Unser Leit·bild: So soll unsere Kommune in Zukunft sein")
    ).to_be_visible()
    expect(main.get_by_text("So weit sind die Maßnahmen:")).to_be_visible()
    expect(
        main.get_by_text(re.compile(r"Die Kommune hat am .* Ja zu diesem Plan gesagt"))
    ).to_be_visible()
    assert_no_axe_violations(phone)
    _fits(phone)

    # The draft's public discussion (closed in the demo), still in Leichte Sprache.
    main.get_by_role("link", name="Kommentare und Antworten vom Team lesen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Entwurf für den Plan von Musterstadt"
    )
    expect(html).to_have_attribute("lang", "de")
    expect(
        phone.get_by_text("Das Gespräch über den Entwurf ist vorbei.", exact=False)
    ).to_be_visible()
    expect(phone.get_by_role("heading", name="Die Teile vom Entwurf")).to_be_visible()
    assert_no_axe_violations(phone)
    _fits(phone)

    # What became of the ideas.
    phone.goto(f"{base_url}/kommunen/musterstadt/plan/oeffentlich/")
    phone.get_by_role("link", name=re.compile("Das ist aus Ihren Ideen geworden")).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Das ist aus Ihren Ideen geworden")
    expect(phone.get_by_role("link", name="E-Mails zu allen Ideen bekommen")).to_be_visible()
    assert_no_axe_violations(phone)
    _fits(phone)


def test_the_leichte_sprache_page_is_linked_from_the_home_page(demo, base_url, new_page):
    phone = new_page(**PHONE)
    phone.set_default_timeout(60_000)
    phone.goto(f"{base_url}/?sprache=leicht")
    phone.get_by_role("main").get_by_role("link", name="Leichte Sprache", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Zukunfts·werkstatt Kommunen in Leichter Sprache"
    )
    expect(phone.get_by_role("heading", name="Mit·machen ohne Treffen")).to_be_visible()
    expect(phone.get_by_role("heading", name="Andere Sprachen")).to_be_visible()
    assert_no_axe_violations(phone)
    _fits(phone)
