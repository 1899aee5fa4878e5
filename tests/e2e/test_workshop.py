"""Journey: a Zukunftswerkstatt with a moderator and three participants on their phones.

One moderator (logged in) and three participant browser contexts (no account, joined by the
link) in one test: join, write cards, cluster, vote, watch the ranking update without reload,
export the protocol. axe-core on participant, projector and moderator views.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}}
LIVE_MS = 12_000  # polling every 3 s; generous for a shared CI machine
CARDS = {
    "Paula": "Der Spielplatz am Teich ist seit Monaten gesperrt.",
    "Kemal": "Nach 20 Uhr fährt kein Bus mehr nach Hause.",
    "Ruth": "Im Rathaus gibt es keinen Aufzug.",
}


def _join(page, base_url, name, *, check=False):
    page.goto(f"{base_url}/mitmachen/demo/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Musterstadt 2040")
    if check:
        assert_no_axe_violations(page)
    page.get_by_label("Wie sollen wir Sie nennen?").fill(name)
    page.get_by_label("Altersgruppe (freiwillig)").select_option(label="65 bis 79")
    page.get_by_label("Ich habe den Datenschutzhinweis gelesen und bin einverstanden.").check()
    page.get_by_role("main").get_by_role("button", name="Mitmachen").click()
    expect(page.get_by_text(f"Sie machen mit als „{name}“.")).to_be_visible()


def _card(page, text):
    return page.locator("li.ws-card", has_text=text)


def test_workshop_with_moderator_and_three_participants(page, new_page, base_url, demo):
    moderator = page
    login(moderator, base_url, "koordination-musterstadt", check=False)
    moderator.goto(f"{base_url}/kommunen/musterstadt/werkstatt/")
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Zukunftswerkstatt")
    assert_no_axe_violations(moderator)
    moderator.get_by_role("link", name=re.compile("Musterstadt 2040")).click()
    expect(moderator.get_by_role("heading", name="Phasen")).to_be_visible()
    assert_no_axe_violations(moderator)

    # Three people join by the link on their phones and each writes a card.
    people = {}
    for index, (name, text) in enumerate(CARDS.items()):
        phone = new_page(**PHONE)
        _join(phone, base_url, name, check=index == 0)
        phone.get_by_label("Ihre Karte").fill(text)
        phone.get_by_role("button", name="Karte veröffentlichen").click()
        expect(phone.get_by_text("Danke! Ihre Karte ist jetzt für alle sichtbar.")).to_be_visible()
        expect(_card(phone, text)).to_be_visible()
        people[name] = phone
    paula, kemal, ruth = people.values()
    assert_no_axe_violations(paula)
    # Paula sees Ruth's card without reloading (live polling).
    expect(_card(paula, CARDS["Ruth"])).to_be_visible(timeout=LIVE_MS)

    # The moderator sees the new cards arrive in the console without reload, then clusters.
    expect(_card(moderator, CARDS["Kemal"])).to_be_visible(timeout=LIVE_MS)
    moderator.get_by_label("Titel des neuen Clusters").fill("Mobilität und Barrieren")
    moderator.get_by_role("button", name="Cluster anlegen").click()
    expect(moderator.get_by_text("Der Cluster wurde angelegt.")).to_be_visible()
    for text in (CARDS["Kemal"], CARDS["Ruth"]):
        card = _card(moderator, text)
        card.get_by_role("combobox").select_option(label="Mobilität und Barrieren")
        card.get_by_role("button", name=re.compile("^zuordnen")).click()
        expect(_card(moderator, text)).to_contain_text("Cluster: Mobilität und Barrieren")
    assert_no_axe_violations(moderator)

    # Projector: large view with QR code; axe-checked.
    projector = new_page(viewport={"width": 1600, "height": 900})
    login(projector, base_url, "team-musterstadt", check=False)
    projector.goto(moderator.url.split("?")[0] + "beamer/")
    expect(projector.get_by_role("img", name=re.compile("QR-Code zum Mitmachen"))).to_be_visible()
    expect(projector.get_by_role("heading", name="Mobilität und Barrieren")).to_be_visible()
    assert_no_axe_violations(projector)

    # Paula watches Kemal's card: 0 points, then Kemal and Ruth give points.
    expect(_card(paula, CARDS["Kemal"])).to_contain_text("0 Punkte")
    _card(kemal, CARDS["Kemal"]).get_by_role("button", name=re.compile(r"^\+ Punkt")).click()
    expect(_card(kemal, CARDS["Kemal"])).to_contain_text("1 Punkt")
    expect(kemal.get_by_text("Sie haben noch 4 Punkte.")).to_be_visible()
    for mine in (1, 2):
        _card(ruth, CARDS["Kemal"]).get_by_role("button", name=re.compile(r"^\+ Punkt")).click()
        expect(_card(ruth, CARDS["Kemal"])).to_contain_text(f"{mine} von Ihnen")
    expect(_card(ruth, CARDS["Kemal"])).to_contain_text("3 Punkte")
    # A third point from Ruth is over the per-card maximum: explained in place.
    _card(ruth, CARDS["Kemal"]).get_by_role("button", name=re.compile(r"^\+ Punkt")).click()
    expect(ruth.get_by_role("alert")).to_contain_text("höchstens 2")
    assert_no_axe_violations(ruth)

    # Live ranking without reload: Paula's phone, the projector and the console update.
    expect(_card(paula, CARDS["Kemal"])).to_contain_text("3 Punkte", timeout=LIVE_MS)
    ranking = projector.get_by_role("region", name="Rangliste").or_(
        projector.locator("section", has=projector.get_by_role("heading", name="Rangliste"))
    )
    expect(ranking.first).to_contain_text(CARDS["Kemal"], timeout=LIVE_MS)
    expect(_card(moderator, CARDS["Kemal"])).to_contain_text("3 Punkte", timeout=LIVE_MS)
    assert_no_axe_violations(paula)
    assert_no_axe_violations(projector)

    # Export the protocol: Markdown with results, PDF as a download.
    with moderator.expect_download() as download_info:
        moderator.get_by_role("link", name="Protokoll (Markdown)").click()
    with open(download_info.value.path(), encoding="utf-8") as handle:
        markdown = handle.read()
    assert "Mobilität und Barrieren" in markdown and "**3**" in markdown
    assert "Paula" not in markdown and "Kemal" not in markdown  # no personal data
    # WeasyPrint needs several seconds on a busy machine: more than the default 10 s.
    with moderator.expect_download(timeout=60_000) as download_info:
        moderator.get_by_role("link", name="Protokoll (PDF)").click(timeout=60_000)
    assert download_info.value.suggested_filename.endswith(".pdf")
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_moderation_and_participant_side_pages_are_accessible(page, new_page, base_url, demo):
    """The remaining workshop pages, each axe-checked: finished workshop, forms, errors."""
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/werkstatt/")
    page.get_by_role("link", name=re.compile("Lebendige Innenstadt")).click()
    expect(page.get_by_role("heading", name="Fotodokumentation")).to_be_visible()
    expect(page.get_by_role("cell", name="fehlt").first).to_be_visible()  # who is missing
    assert_no_axe_violations(page)
    console = page.url
    for link in ("Aushang mit QR-Code", "Teilnehmende"):
        page.goto(console)
        follow(page.get_by_role("link", name=link, exact=True))
        assert_no_axe_violations(page)
    page.goto(console)
    page.get_by_role("link", name=re.compile("^Projektskizze anlegen")).first.click()
    page.get_by_role("button", name="Speichern").click()  # goal missing → 400 with summary
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Eingaben")
    assert_no_axe_violations(page)
    page.goto(f"{base_url}/kommunen/musterstadt/werkstatt/neu/")
    assert_no_axe_violations(page)

    phone = new_page(**PHONE)
    phone.goto(f"{base_url}/mitmachen/")
    phone.get_by_label("Code").fill("falsch")
    phone.get_by_role("button", name="Weiter").click()
    expect(phone.get_by_role("alert")).to_contain_text("keine Zukunftswerkstatt")
    assert_no_axe_violations(phone)
    phone.get_by_label("Code").fill("DEMO")
    phone.get_by_role("button", name="Weiter").click()
    phone.get_by_role("button", name="Leichte Sprache").click()
    phone.get_by_role("main").get_by_role("button", name="Mitmachen").click()  # nothing filled
    expect(phone.get_by_role("alert")).to_contain_text("Datenschutzhinweis")
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Datenschutzhinweis lesen").click()
    expect(phone.get_by_text("Wir speichern Ihren Namen oder Spitznamen.")).to_be_visible()
    assert_no_axe_violations(phone)
