"""The five journeys of issue 16 (and a visitor), each at 1280 px and on a 375 px phone; the
participants' and the visitor's journeys also on the narrowest phone, 320 px.

1. Koordination Talstadt (15,620 inhabitants, no step done yet) on her first login:
   login → /start/ → workspace → Kommunalprofil → a step page.
2. A 16-year-old on her phone: home → Mitmachen → join the workshop by code → write a card → vote.
3. A 75-year-old on his phone at 150 % text size: the same, and the Leichte-Sprache page first.
4. The Geschäftsstelle: login → "Braucht Aufmerksamkeit" → overview → map → a Kommune.
5. A consultant: login → assigned Kommunen → a request.
6. A visitor: home → Werkzeugkoffer → an entry → Erklärung zur Barrierefreiheit.

On every page visited: axe-core (WCAG 2.0/2.1/2.2 A and AA, see ``AXE_TAGS`` in conftest) finds
nothing, no id is used twice and the page does not scroll sideways. All violations of a journey are collected and reported together,
so one run shows every page that needs work. Each page is kept as a full-page screenshot
``<role>-<page>-<width>.png`` in ``$ZWK_SCREENSHOT_DIR`` (default ``test-artifacts/screenshots/``
in the repository root, ignored by git) for review; the test checks the files were written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.conftest import DUPLICATE_IDS, follow, format_violations, login, run_axe

pytestmark = pytest.mark.e2e

WIDTHS = {
    1280: {"viewport": {"width": 1280, "height": 800}},
    375: {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True},
    320: {"viewport": {"width": 320, "height": 568}, "is_mobile": True, "has_touch": True},
}
# What a page overflows the window by, sideways (WCAG 1.4.10 Reflow), and which elements stick
# out, for the message.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const over = document.documentElement.scrollWidth - width;
  const culprits = over <= 0 ? [] : [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest("[tabindex='0']"))
    .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
  return {over, culprits};
}"""
LIVE_MS = 15_000


def screenshot_dir() -> Path:
    configured = os.environ.get("ZWK_SCREENSHOT_DIR")
    folder = Path(configured) if configured else Path(settings.BASE_DIR) / "test-artifacts"
    folder = folder if configured else folder / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Walk:
    """One role's walk at one width: axe on every page, a screenshot of each main page."""

    def __init__(self, page, role: str, width: int):
        self.page, self.role, self.width = page, role, width
        self.problems: list[str] = []
        self.shots: list[Path] = []

    def check(self, name: str, *, shot: bool = True) -> None:
        page = self.page
        violations = run_axe(page)
        if violations:
            self.problems.append(
                f"{self.role}/{name} at {self.width} px ({page.url}):\n"
                + format_violations(violations)
            )
        overflow = page.evaluate(OVERFLOW)
        if overflow["over"] > 0:
            self.problems.append(
                f"{self.role}/{name} at {self.width} px scrolls sideways by {overflow['over']} px: "
                + ", ".join(overflow["culprits"])
            )
        duplicates = page.evaluate(DUPLICATE_IDS)
        if duplicates:
            self.problems.append(
                f"{self.role}/{name} at {self.width} px: duplicate ids {', '.join(duplicates)}"
            )
        if shot:
            path = screenshot_dir() / f"{self.role}-{name}-{self.width}.png"
            page.screenshot(path=str(path), full_page=True)
            self.shots.append(path)

    def finish(self) -> None:
        missing = [p.name for p in self.shots if not p.is_file() or p.stat().st_size == 0]
        assert not missing, f"screenshots not written or empty: {missing}"
        assert not self.problems, "\n\n".join(self.problems)


@pytest.fixture(params=[1280, 375], ids=lambda w: f"{w}px")
def width(request):
    return request.param


@pytest.fixture(params=sorted(WIDTHS), ids=lambda w: f"{w}px")
def any_width(request):
    """Also the narrowest phone (320 px), for the journeys of citizens and visitors."""
    return request.param


def _open(new_page, base_url, width, **extra):
    page = new_page(**WIDTHS[width], **extra)
    page.goto(base_url + "/anmelden/", timeout=60_000)  # the live server's first response
    return page


def _h1(page):
    return page.get_by_role("heading", level=1)


def _main(page):
    return page.get_by_role("main")


def _nav_link(page, name):
    """A main navigation link; on a phone the navigation is folded behind "Menü"."""
    link = page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name=name)
    toggle = page.get_by_role("button", name="Menü")
    if not link.is_visible() and toggle.is_visible():
        toggle.click()
        expect(link).to_be_visible()
    return link


def test_coordinator_first_login(demo, new_page, base_url, width):
    page = _open(new_page, base_url, width)
    walk = Walk(page, "koordination", width)
    walk.check("anmelden")
    login(page, base_url, "koordination-talstadt", check=False)
    # /start/ sends a coordinator of one Kommune straight to its workspace.
    expect(page).to_have_url(re.compile(re.escape(base_url) + r"/kommunen/talstadt/$"))
    expect(_h1(page)).to_contain_text("Talstadt")
    walk.check("arbeitsbereich")

    follow(_main(page).locator("a[href*='/kommunen/talstadt/profil/']").first)
    expect(_h1(page)).to_contain_text("Kommunalprofil")
    walk.check("kommunalprofil")

    page.goto(base_url + "/kommunen/talstadt/")
    follow(_main(page).locator("a[href*='/kommunen/talstadt/schritte/']").first)
    expect(page).to_have_url(re.compile(r"/kommunen/talstadt/schritte/[\w-]+/$"))
    walk.check("schritt")
    walk.finish()


def _join_workshop(walk: Walk, base_url: str, name: str, age_group: str) -> None:
    page = walk.page
    page.goto(base_url + "/")
    expect(_h1(page)).to_be_visible()
    walk.check("startseite")
    follow(_main(page).get_by_role("link", name="Jetzt mitmachen"))
    walk.check("mitmachen")
    page.get_by_label("Code").fill("DEMO")
    follow(_main(page).get_by_role("button", name="Weiter"))
    expect(_h1(page)).to_contain_text("Musterstadt 2040")
    walk.check("werkstatt-beitreten")
    page.get_by_label("Wie sollen wir Sie nennen?").fill(name)
    page.get_by_label("Altersgruppe (freiwillig)").select_option(label=age_group)
    page.get_by_label("Ich habe den Datenschutzhinweis gelesen und bin einverstanden.").check()
    follow(_main(page).get_by_role("button", name="Mitmachen"))
    expect(page.get_by_text(f"Sie machen mit als „{name}“.")).to_be_visible()


def _card_and_vote(walk: Walk, text: str) -> None:
    page = walk.page
    page.get_by_label("Ihre Karte").fill(text)
    page.get_by_role("button", name="Karte veröffentlichen").click()
    expect(page.get_by_text("Danke! Ihre Karte ist jetzt für alle sichtbar.")).to_be_visible()
    card = page.locator("li.ws-card", has_text=text)
    expect(card).to_be_visible()
    walk.check("pinnwand-karte")
    card.get_by_role("button", name=re.compile(r"^\+ Punkt")).click()
    expect(card).to_contain_text("1 Punkt", timeout=LIVE_MS)
    walk.check("pinnwand-punkt")


def test_sixteen_year_old_joins_writes_and_votes(demo, new_page, base_url, any_width):
    width = any_width
    page = _open(new_page, base_url, width)
    walk = Walk(page, "jugendliche", width)
    _join_workshop(walk, base_url, "Mia", "unter 18")
    _card_and_vote(walk, "Ein Jugendraum mit WLAN, der auch abends offen hat.")
    walk.finish()


def test_seventy_five_year_old_at_150_percent_text(demo, new_page, base_url, any_width):
    width = any_width
    page = _open(new_page, base_url, width)
    # The browser's text size setting (default 16 px → 24 px), not page zoom.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24, "fixed": 20}})
    page.goto(base_url + "/")
    size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 24, f"the 150 % text setting did not reach the page: {size}px"
    walk = Walk(page, "senior", width)
    follow(_main(page).get_by_role("link", name="Leichte Sprache"))
    expect(_h1(page)).to_contain_text("Leichter Sprache")
    walk.check("leichte-sprache")
    _join_workshop(walk, base_url, "Herr Albers", "65 bis 79")
    _card_and_vote(walk, "Eine Bank an der Bushaltestelle am Markt.")
    walk.finish()


def test_office_attention_overview_map_kommune(demo, new_page, base_url, width):
    page = _open(new_page, base_url, width)
    walk = Walk(page, "geschaeftsstelle", width)
    login(page, base_url, "geschaeftsstelle", check=False)
    expect(page).to_have_url(re.compile(r"/geschaeftsstelle/"))
    expect(page.get_by_role("heading", name="Braucht Aufmerksamkeit")).to_be_visible()
    walk.check("start")

    overview = page.get_by_role("heading", name="Übersicht aller Kommunen")
    overview.scroll_into_view_if_needed()
    expect(_main(page).get_by_role("link", name="Musterstadt", exact=True).first).to_be_visible()
    walk.check("uebersicht", shot=False)  # the same page; its screenshot is the full page

    page.goto(base_url + "/geschaeftsstelle/karte/")
    points = page.locator("svg.office-map a.map-point")
    expect(points.first).to_be_visible()
    walk.check("karte")
    musterstadt = page.get_by_role("link", name=re.compile(r"^Musterstadt \("))
    follow(musterstadt.first)
    expect(page).to_have_url(re.compile(r"/kommunen/musterstadt/$"))
    expect(_h1(page)).to_contain_text("Musterstadt")
    walk.check("kommune")
    walk.finish()


def test_consultant_kommunen_and_a_request(demo, new_page, base_url, width):
    page = _open(new_page, base_url, width)
    walk = Walk(page, "beratung", width)
    login(page, base_url, "beratung1", check=False)
    expect(_h1(page)).to_have_text("Ihre Beratung")
    expect(page.get_by_role("heading", name="Ihre Kommunen")).to_be_visible()
    walk.check("start")
    follow(_main(page).get_by_role("link", name="Musterstadt", exact=True))
    expect(_h1(page)).to_contain_text("Musterstadt")
    walk.check("kommune")
    page.go_back()
    expect(_h1(page)).to_have_text("Ihre Beratung")
    follow(_main(page).get_by_role("link", name=re.compile("^Musterstadt: ")).first)
    expect(page).to_have_url(re.compile(r"/beratung/anfragen/musterstadt/\d+/$"))
    walk.check("anfrage")
    walk.finish()


def test_visitor_toolbox_entry_accessibility(demo, new_page, base_url, any_width):
    width = any_width
    page = _open(new_page, base_url, width)
    walk = Walk(page, "besuch", width)
    page.goto(base_url + "/")
    expect(_h1(page)).to_be_visible()
    walk.check("startseite")
    follow(_nav_link(page, "Werkzeugkoffer"))
    expect(_h1(page)).to_have_text("Werkzeugkoffer")
    walk.check("werkzeugkoffer")
    results = page.get_by_role("region", name=re.compile("Einträge|Eintrag"))
    follow(results.get_by_role("listitem").first.get_by_role("link").first)
    expect(page).to_have_url(re.compile(r"/werkzeugkoffer/.+/$"))
    walk.check("eintrag")
    follow(
        page.get_by_role("contentinfo").get_by_role("link", name="Erklärung zur Barrierefreiheit")
    )
    expect(_h1(page)).to_have_text("Erklärung zur Barrierefreiheit")
    walk.check("barrierefreiheit")
    walk.finish()
