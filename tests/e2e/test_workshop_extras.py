"""Browser tests for the Zukunftswerkstatt beyond the main journey (``test_workshop.py``).

- an invite-only workshop: the invitation link opens it, the short code alone answers exactly
  like an unknown code, the printable join sheet carries only the link with the key;
- live updates by server-sent events through Redis (REDIS_URL) under ASGI;
- "carry selected sketches into the Werkstattplan with one action" from the console;
- the plain-language mode (Leichte Sprache) of the participant screen.

axe-core on every page a person looks at.
"""

from __future__ import annotations

import re
import socket
import threading
import time
import uuid

import pytest
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}}
CONSENT = "Ich habe den Datenschutzhinweis gelesen und bin einverstanden."
UNKNOWN_CODE = "keine Zukunftswerkstatt"
FINISHED = "Lebendige Innenstadt"
REDIS_URL = "redis://127.0.0.1:6379/12"  # pub/sub only (channel names are global anyway)


def _field(page, label):
    """A form field by its exact label (required fields show an asterisk after it)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def _join(page, url, name):
    page.goto(url)
    page.get_by_label("Wie sollen wir Sie nennen?").fill(name)
    page.get_by_label(CONSENT).check()
    page.get_by_role("main").get_by_role("button", name="Mitmachen").click()
    expect(page.get_by_text(f"Sie machen mit als „{name}“.")).to_be_visible()


def _card(page, text):
    return page.locator("li.ws-card", has_text=text)


# --- 1. Invite-only workshop -------------------------------------------------------------


def test_invite_only_workshop_opens_with_the_invitation_link_only(page, new_page, base_url, demo):
    from zwk.workshops.models import Workshop

    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/werkstatt/neu/")
    _field(page, "Titel").fill("Werkstatt des Seniorenbeirats")
    _field(page, "Leitfrage").fill("Was brauchen Ältere in Musterstadt?")
    _field(page, "Beginn").fill("2027-03-01T18:00")
    _field(page, "Ort").fill("Rathaus Musterstadt, Sitzungssaal")
    _field(page, "Zugang").select_option(value="invite")
    _field(page, "Teilnahme-Code").fill("beirat7rat3")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Seniorenbeirat")
    key = Workshop.objects.get(code="beirat7rat3").invite_key
    invitation = f"{base_url}/mitmachen/beirat7rat3/?einladung={key}"
    # The console offers the invitation link (with key), not a code to type.
    expect(page.get_by_role("link", name=invitation, exact=True)).to_be_visible()

    # Printable join sheet: QR code and the link with the key; no code to type in.
    page.get_by_role("link", name="Aushang mit QR-Code", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Machen Sie mit bei der Zukunftswerkstatt!"
    )
    qr = page.get_by_role("img", name=re.compile("QR-Code zum Mitmachen"))
    expect(qr).to_be_visible()
    # It loads: wait for the image itself (visible is not loaded – reading naturalWidth at
    # once failed on a busy machine).
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    main = page.get_by_role("main")
    expect(main).to_contain_text(invitation)
    expect(main).not_to_contain_text("den Code")
    svg = page.request.get(base_url + qr.get_attribute("src"))
    assert svg.ok and invitation in svg.text()  # the QR code leads to the link with key
    assert_no_axe_violations(page)

    # A phone without the invitation: the workshop is not listed, and its code, typed in or
    # put in the address, answers exactly like a code that does not exist.
    phone = new_page(**PHONE)
    phone.goto(f"{base_url}/mitmachen/")
    expect(phone.get_by_role("main")).not_to_contain_text("Seniorenbeirat")
    answers = []
    for code in ("gibtsnicht", "beirat7rat3"):
        phone.get_by_label("Code").fill(code)
        phone.get_by_role("button", name="Weiter").click()
        expect(phone.get_by_role("alert")).to_contain_text(UNKNOWN_CODE)
        answers.append(phone.get_by_role("main").inner_text())
    assert answers[0].replace("gibtsnicht", "beirat7rat3") == answers[1]
    bare = []
    for url in (
        "/mitmachen/gibtsnicht/",
        "/mitmachen/beirat7rat3/",
        "/mitmachen/beirat7rat3/?einladung=x",
    ):
        response = phone.goto(base_url + url)
        bare.append((response.status, phone.get_by_role("main").inner_text()))
    assert bare[0] == bare[1] == bare[2]
    assert bare[0][0] == 404
    assert_no_axe_violations(phone)

    # With the invitation link: the join page (also in plain language, the key is kept).
    phone.goto(invitation)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Werkstatt des Seniorenbeirats")
    phone.get_by_role("button", name="Leichte Sprache").click()
    expect(phone.get_by_role("heading", name="So machen Sie mit")).to_be_visible()
    assert f"einladung={key}" in phone.url
    assert_no_axe_violations(phone)
    phone.get_by_label("Wie sollen wir Sie nennen?").fill("Gisela")
    phone.get_by_label(CONSENT).check()
    phone.get_by_role("main").get_by_role("button", name="Mitmachen").click()
    expect(phone.get_by_text("Sie machen mit als „Gisela“.")).to_be_visible()
    # Joined once, the device needs the key no more: the short address opens the board.
    phone.goto(f"{base_url}/mitmachen/beirat7rat3/")
    expect(phone.get_by_text("Sie machen mit als „Gisela“.")).to_be_visible()
    assert_no_axe_violations(phone)
    assert Workshop.objects.get(code="beirat7rat3").participants.count() == 1


# --- 2. Server-sent events through Redis (ASGI) ------------------------------------------


# Records what the page's EventSource receives (window.zwkLiveEvents); runs before live.js.
EVENT_PROBE = """(() => {
  const Original = window.EventSource;
  if (!Original) { return; }
  window.zwkLiveEvents = [];
  window.EventSource = function (url, options) {
    const source = new Original(url, options);
    source.addEventListener("open", () => window.zwkLiveEvents.push({type: "open"}));
    source.addEventListener("change", (e) => {
      let data = null;
      try { data = JSON.parse(e.data); } catch (error) { data = e.data; }
      window.zwkLiveEvents.push({type: "change", data: data});
    });
    return source;
  };
  window.EventSource.prototype = Original.prototype;
})();"""


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis at 127.0.0.1:6379 is not reachable")
    finally:
        client.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def asgi_url(demo, settings, monkeypatch):
    """ZWK under ASGI (uvicorn in a thread of this process, same test database) with Redis.

    Django's ``live_server`` is a threaded WSGI server: there the stream endpoints answer
    "204 – not available" by design (a WSGI server would hold a thread per open connection,
    and Django consumes an async streaming body completely before sending it under WSGI), so
    the pages keep polling. Server-sent events need the ASGI application, as in production."""
    uvicorn = pytest.importorskip("uvicorn")
    _redis_or_skip()
    from zwk.workshops import live

    settings.REDIS_URL = REDIS_URL
    settings.ALLOWED_HOSTS = ["*"]
    monkeypatch.setattr(live, "CHANNEL_PREFIX", f"zwk:e2e:{uuid.uuid4().hex}")
    monkeypatch.setattr(live, "_redis_clients", {})
    from django.core.asgi import get_asgi_application

    port = _free_port()
    config = uvicorn.Config(
        ASGIStaticFilesHandler(get_asgi_application()),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)
    if thread.is_alive():
        server.force_exit = True
        thread.join(5)


def test_participant_page_gets_new_cards_pushed_by_server_sent_events(asgi_url, new_page):
    url = f"{asgi_url}/mitmachen/demo/"
    from zwk.workshops.models import Workshop

    paula = new_page(**PHONE)
    paula.context.add_init_script(EVENT_PROBE)
    requests = []
    paula.on("request", lambda r: requests.append((time.monotonic(), r.url)))
    with paula.expect_response(lambda r: "/ereignisse/" in r.url) as stream_info:
        _join(paula, url, "Paula")
    paula.evaluate("() => { window.zwkSamePage = true; }")  # gone if the page reloads
    stream = stream_info.value
    assert stream.status == 200
    assert stream.headers["content-type"].startswith("text/event-stream")
    assert_no_axe_violations(paula)

    # While the stream is open, the page does not poll: in 7 s (two 3-second polling rounds)
    # no request for the live regions. The first event after connecting triggers one
    # refresh; give it a moment to settle. (wait_for_timeout, not time.sleep: the sync API
    # delivers "request" events only while a Playwright call runs.)
    paula.wait_for_timeout(1_500)
    quiet_from = time.monotonic()
    paula.wait_for_timeout(7_000)
    polls = [u for t, u in requests if t >= quiet_from and "/live/" in u]
    assert polls == [], f"the page polled although the event stream was open: {polls}"

    # Kemal writes a card on his phone; Paula's page shows it without reload, fetched
    # because an event arrived (not by a timed poll: none ran in the quiet period above).
    kemal = new_page(**PHONE)
    _join(kemal, url, "Kemal")
    text = "Die Ampel am Markt ist für Ältere viel zu kurz grün."
    written = time.monotonic()
    kemal.get_by_label("Ihre Karte").fill(text)
    kemal.get_by_role("button", name="Karte veröffentlichen").click()
    expect(kemal.get_by_text("Danke! Ihre Karte ist jetzt für alle sichtbar.")).to_be_visible()
    expect(_card(paula, text)).to_be_visible(timeout=5_000)
    arrived = time.monotonic() - written
    # The stream delivered the version the card was written with, and a refresh followed.
    version = Workshop.objects.get(code="demo").version
    paula.wait_for_function(
        "(v) => window.zwkLiveEvents.some((e) => e.type === 'change' && e.data.v === v)",
        arg=version,
        timeout=5_000,
    )
    refreshes = [u for t, u in requests if t >= written and "/live/" in u]
    assert refreshes, "the new card came without a refresh request"
    assert paula.evaluate("() => window.zwkSamePage === true"), "Paula's page was reloaded"
    print(f"card on the other phone {arrived:.2f} s after Kemal started typing it")
    assert_no_axe_violations(paula)


def test_under_wsgi_the_stream_says_not_available_and_the_page_polls(
    new_page, base_url, demo, settings
):
    """The contrast: Django's threaded WSGI live server, Redis configured – 204, polling."""
    _redis_or_skip()
    settings.REDIS_URL = REDIS_URL
    paula = new_page(**PHONE)
    requests = []
    paula.on("request", lambda r: requests.append((time.monotonic(), r.url)))
    with paula.expect_response(lambda r: "/ereignisse/" in r.url) as stream_info:
        _join(paula, f"{base_url}/mitmachen/demo/", "Paula")
    assert stream_info.value.status == 204
    start = time.monotonic()
    paula.wait_for_timeout(7_000)
    polls = [u for t, u in requests if t >= start and "/live/" in u]
    assert len(polls) >= 2, f"the page should poll every 3 s, saw {polls}"


# --- 3. Sketches into the Werkstattplan in one action -------------------------------------


def test_coordinator_carries_selected_sketches_into_the_plan_in_one_action(page, base_url, demo):
    from zwk.plans.models import Measure

    # The demo carried both sketches over already; start from the finished workshop's results
    # before that step (the plan itself stays).
    Measure.objects.filter(origin_sketch__workshop__code="musterstadt-innenstadt").delete()
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/werkstatt/")
    page.get_by_role("link", name=re.compile(FINISHED)).click()
    sketches = page.locator("section", has=page.get_by_role("heading", name="Projektskizzen"))
    boxes = sketches.get_by_role("checkbox")
    expect(boxes).to_have_count(2)
    sketches.get_by_label("Bürgerbus Musterstadt").check()
    sketches.get_by_label("Haus der Generationen im ehemaligen Kaufhaus").check()
    assert_no_axe_violations(page)
    console = page.url
    sketches.get_by_role(
        "button", name="Ausgewählte Skizzen in den Werkstattplan übernehmen"
    ).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Werkstattplan")
    expect(page.get_by_text("2 Projektskizzen als Maßnahmen übernommen.")).to_be_visible()
    main = page.get_by_role("main")
    for title in ("Bürgerbus Musterstadt", "Haus der Generationen im ehemaligen Kaufhaus"):
        row = main.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
        expect(row).to_have_count(1)
        expect(row.get_by_role("link", name=f"Projektskizze „{title}“")).to_be_visible()
    assert_no_axe_violations(page)

    # The measure names its origin and leads back to the workshop.
    main.get_by_role("link", name="Bürgerbus Musterstadt", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(
        "Projektskizze „Bürgerbus Musterstadt“ aus „Zukunftswerkstatt „Lebendige Innenstadt““"
    )
    follow(page.get_by_role("link", name="zur Zukunftswerkstatt"))
    assert page.url.split("#")[0].split("?")[0] == console.split("?")[0]
    expect(sketches.get_by_text("im Werkstattplan", exact=True)).to_have_count(2)
    expect(sketches.get_by_role("checkbox")).to_have_count(0)
    expect(sketches).to_contain_text("Keine weitere vorgeschlagene Skizze zum Übernehmen.")
    assert (
        Measure.objects.filter(origin_sketch__workshop__code="musterstadt-innenstadt").count() == 2
    )


# --- 4. Plain language ------------------------------------------------------------------


def test_participant_screen_switches_to_plain_language_and_back(new_page, base_url, demo):
    from django.contrib.auth import get_user_model

    from zwk.workshops import services
    from zwk.workshops.models import Workshop

    phone = new_page(**PHONE)
    _join(phone, f"{base_url}/mitmachen/demo/", "Erika")
    toggle = phone.get_by_role("button", name="Leichte Sprache")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(phone.get_by_role("heading", name="Kritikphase: Was stört Sie?")).to_be_visible()

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(
        phone.get_by_role("heading", name="Kritikphase: Was finden Sie schlecht in unserem Ort?")
    ).to_be_visible()
    expect(phone.get_by_text("Schreiben Sie nur eine Sache auf eine Karte.")).to_be_visible()
    expect(phone.get_by_role("heading", name="Karten von allen")).to_be_visible()
    expect(phone.get_by_text("Geben Sie Punkte für wichtige Karten.")).to_be_visible()
    assert_no_axe_violations(phone)

    # Writing works the same way; the page stays in plain language.
    phone.get_by_label("Ihre Karte").fill("Es gibt zu wenige Bänke.")
    phone.get_by_role("button", name="Karte abschicken").click()
    expect(phone.get_by_text("Danke! Ihre Karte ist jetzt für alle sichtbar.")).to_be_visible()
    expect(_card(phone, "Es gibt zu wenige Bänke.")).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "true")

    # A live update (a paper card typed in by the moderation) keeps the plain wording.
    workshop = Workshop.objects.get(code="demo")
    coordinator = get_user_model().objects.get(username="koordination-musterstadt")
    services.card_add_paper(
        phase=workshop.phases.get(kind="critique"), by=coordinator, text="Der Weg ist zu dunkel."
    )
    expect(_card(phone, "Der Weg ist zu dunkel.")).to_be_visible(timeout=12_000)
    expect(phone.get_by_role("heading", name="Karten von allen")).to_be_visible()
    assert_no_axe_violations(phone)

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(phone.get_by_role("heading", name="Kritikphase: Was stört Sie?")).to_be_visible()
    expect(phone.get_by_role("heading", name="Karten aller Teilnehmenden")).to_be_visible()
    expect(phone.get_by_role("button", name="Karte veröffentlichen")).to_be_visible()
