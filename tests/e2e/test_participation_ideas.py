"""Journeys of the Ideensammlung and Ideenkarte (issue 17).

* A 75-year-old enters an idea without the map at 150 % text size: introduces himself,
  writes title, text and the place as text, sees his idea; axe-core on every page.
* The Ideenkarte loads Leaflet from our own static files and its tiles from a local stub
  server (no internet) under the real Content-Security-Policy, is centred on the Kommune,
  its markers are reachable with the keyboard, and every idea on it is also in the list.
"""

import re
import threading
from datetime import timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations

pytestmark = pytest.mark.e2e

# A 1×1 grey PNG: every tile.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763b8b8b800000300018e5a4f5f0000000049454e44ae426082"
)


class _Tiles(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        _Tiles.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(TILE)))
        self.end_headers()
        self.wfile.write(TILE)

    def log_message(self, *args):
        pass


@pytest.fixture
def tile_server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Tiles.hits = []
    settings.ZWK_MAP_TILE_URL = f"http://127.0.0.1:{server.server_port}/{{z}}/{{x}}/{{y}}.png"
    yield server
    server.shutdown()
    server.server_close()


def open_collection(name: str, slug: str, ags: str, title: str = "Ideen"):
    """A Kommune with coordinates, a published project and an idea collection in its open phase
    (outside the `db` fixture's transaction, so that the live server sees it)."""
    from tests.factories import MunicipalityFactory
    from zwk.participation.models import IdeaCollection, Project, ProjectPhase

    municipality = MunicipalityFactory(
        name=name, slug=slug, ags=ags, latitude=Decimal("50.205"), longitude=Decimal("9.187")
    )
    project = Project.objects.create(
        municipality=municipality, title=f"Zukunft {name}", slug="zukunft", published=True
    )
    today = timezone.localdate()
    phase = ProjectPhase.objects.create(
        project=project,
        title="Ideen",
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=20),
    )
    return IdeaCollection.objects.create(project=project, phase=phase, title=title)


@pytest.fixture
def collection(transactional_db):
    from zwk.participation import idea_services

    collection = open_collection("Kartenstadt", "kartenstadt", "06435999")
    person = idea_services.participant_join(collection=collection, pseudonym="Lena", consent=True)
    for i, (title, offset) in enumerate(
        [("Brunnen am Markt", (0.001, 0.001)), ("Bank am Friedhof", (-0.002, 0.003))]
    ):
        idea_services.idea_submit(
            collection=collection,
            participant=person,
            submission_key=f"e2e-{i}",
            title=title,
            text="Eine Idee.",
            latitude=50.205 + offset[0],
            longitude=9.187 + offset[1],
            place=f"Ort {i}",
        )
    idea_services.idea_submit(
        collection=collection,
        participant=person,
        submission_key="e2e-none",
        title="Mittagstisch",
        text="Ohne Ort.",
    )
    return collection


def test_a_75_year_old_enters_an_idea_without_the_map_at_150_percent(
    collection, live_server, new_page, tile_server
):
    from zwk.participation.models import Idea

    page = new_page()
    url = live_server.url + collection.get_absolute_url()
    page.goto(url, timeout=60_000)
    page.evaluate("document.documentElement.style.fontSize = '150%'")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ideen")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Eigene Idee einreichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kurz vorstellen")
    page.evaluate("document.documentElement.style.fontSize = '150%'")
    assert_no_axe_violations(page)
    page.get_by_label("Name oder Spitzname").fill("Opa Karl")
    page.get_by_label("Altersgruppe (freiwillig)").select_option("65-79")
    page.get_by_label(re.compile("Ich bin einverstanden")).check()
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Idee einreichen")
    page.evaluate("document.documentElement.style.fontSize = '150%'")
    assert_no_axe_violations(page)
    page.get_by_label("Titel Ihrer Idee").fill("Bänke an der Hauptstraße")
    page.get_by_label("Beschreiben Sie Ihre Idee").fill("Damit ich unterwegs ausruhen kann.")
    page.get_by_label("Ort oder Adresse (freiwillig)").fill("Hauptstraße, vor der Post")
    page.get_by_role("button", name="Idee veröffentlichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bänke an der Hauptstraße")
    expect(page.get_by_text("Hauptstraße, vor der Post")).to_be_visible()
    assert_no_axe_violations(page)
    idea = Idea.objects.get(title="Bänke an der Hauptstraße")
    assert idea.author.pseudonym == "Opa Karl" and idea.latitude is None


def test_the_idea_map_loads_local_tiles_under_the_csp_and_works_with_the_keyboard(
    collection, live_server, new_page, tile_server
):
    blocked = []
    page = new_page(bypass_csp=False)
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + collection.get_absolute_url() + "karte/", timeout=60_000)
    expect(page.locator("#ideen-karte")).to_have_attribute("data-ready", "2")
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    assert tile_server and _Tiles.hits, "no tile was requested from the stub server"
    assert all(re.fullmatch(r"/1[3-9]/\d+/\d+\.png", hit) for hit in _Tiles.hits)
    assert not blocked, blocked
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    # Centred on the Kommune: the map's centre lies near its coordinates.
    lat, lon = map(float, page.locator("#ideen-karte").get_attribute("data-centre").split(","))
    assert abs(lat - 50.205) < 0.02 and abs(lon - 9.187) < 0.02
    # Keyboard: tab to a marker, Enter opens its popup with a link to the idea.
    marker = page.get_by_role("button", name="Brunnen am Markt")
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("link", name="Brunnen am Markt")).to_be_visible()
    # Every idea on the map is also in the list below it.
    listing = page.get_by_role("list").filter(has_text="Bank am Friedhof")
    expect(listing.get_by_role("link", name="Brunnen am Markt")).to_be_visible()

    axe_page = new_page()
    axe_page.goto(live_server.url + collection.get_absolute_url() + "karte/")
    expect(axe_page.locator("#ideen-karte")).to_have_attribute("data-ready", "2")
    assert_no_axe_violations(axe_page)
