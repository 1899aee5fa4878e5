"""Journey: events of the Austausch. An anonymous visitor registers for an open online seminar,
lands on the waiting list of a full Werkstattgespräch and cancels through the personal link;
the office creates an event and looks at the attendance list. Every page is checked with axe.

The events are created here (not by ``manage.py demo``), so the journey does not depend on
other apps' demo data."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

OPEN = "Online-Seminar: Jugendbeteiligung digital"
FULL = "Werkstattgespräch: Dorfläden"
LINK = "https://konferenz.example.org/jugend"


@pytest.fixture
def events(transactional_db, settings, tmp_path):
    from tests.factories import UserFactory
    from zwk.exchange import services

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    office = UserFactory(username="gs", is_office=True, email="gs@example.org")
    start = timezone.now() + timedelta(days=5)
    common = {
        "description": "<p>Praxisbeispiele und Austausch.</p>",
        "start": start,
        "end": start + timedelta(hours=2),
        "audience": "open",
        "status": "published",
        "online_link": LINK,
    }
    seminar = services.event_create(
        by=office, data={**common, "title": OPEN, "event_type": "webinar", "capacity": 20}
    )
    talk = services.event_create(
        by=office, data={**common, "title": FULL, "event_type": "talk", "capacity": 1}
    )
    services.registration_create(
        event=talk, name="Sabine Kröger", email="sabine@example.org", organisation="Seedorf"
    )
    past_start = timezone.now() - timedelta(days=20)
    past = services.event_create(
        by=office,
        data={
            **common,
            "title": "Wohnen im Alter",
            "event_type": "forum",
            "capacity": 30,
            "start": past_start,
            "end": past_start + timedelta(hours=2),
        },
    )
    services.event_document(
        event=past,
        by=office,
        summary="<p>Drei Erkenntnisse aus dem Forum.</p>",
        recording_url="https://video.example.org/wohnen",
    )
    mail.outbox.clear()
    return {"office": office, "seminar": seminar, "talk": talk, "past": past}


def _register(page, name, email):
    form = page.get_by_role("region", name="Anmeldung")
    form.get_by_label("Vor- und Nachname").fill(name)
    form.get_by_label("E-Mail-Adresse").fill(email)
    form.get_by_label("Kommune oder Organisation").fill("Gemeinde Wiesengrund")
    form.get_by_label(re.compile("Ich bin einverstanden")).check()


def test_visitor_registers_joins_a_waiting_list_and_cancels(page, base_url, events):
    page.goto(f"{base_url}/austausch/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Austausch und Veranstaltungen")
    assert_no_axe_violations(page)

    # Filter by format, then open the seminar.
    page.get_by_label("Format").select_option(label="Online-Seminar")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("link", name=FULL)).to_have_count(0)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=OPEN).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OPEN)
    expect(page.get_by_text(LINK)).to_have_count(0)  # not registered: no access link
    assert_no_axe_violations(page)

    # A mistake first: the form comes back with German errors and the input kept.
    form = page.get_by_role("region", name="Anmeldung")
    form.get_by_label("Vor- und Nachname").fill("Tobias Brandt")
    form.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte stimmen Sie der Speicherung")
    expect(form.get_by_label("Vor- und Nachname")).to_have_value("Tobias Brandt")
    assert_no_axe_violations(page)

    _register(page, "Tobias Brandt", "tobias@example.org")
    page.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Anmeldung")
    expect(page.locator(".registration-status")).to_have_text("Bestätigt – Sie haben einen Platz.")
    expect(page.get_by_role("link", name=LINK)).to_be_visible()
    assert_no_axe_violations(page)
    assert [m.to for m in mail.outbox] == [["tobias@example.org"]]
    assert LINK in mail.outbox[0].body

    # The full Werkstattgespräch: waiting list.
    page.goto(f"{base_url}{events['talk'].get_absolute_url()}")
    expect(page.get_by_text("Alle Plätze sind vergeben.")).to_be_visible()
    assert_no_axe_violations(page)
    _register(page, "Tobias Brandt", "tobias@example.org")
    page.get_by_role("button", name="Auf die Warteliste setzen").click()
    expect(page.locator(".registration-status")).to_have_text("Warteliste, Platz 1")
    expect(page.get_by_text(LINK)).to_have_count(0)
    assert_no_axe_violations(page)

    # Cancel through the link from the e-mail – no login needed, a confirmation page first.
    waiting_mail = mail.outbox[-1]
    assert waiting_mail.subject.startswith("Warteliste")
    manage_url = re.search(r"https?://\S+/austausch/anmeldung/\S+/", waiting_mail.body).group(0)
    path = manage_url.split("/austausch/", 1)[1]
    page.goto(f"{base_url}/austausch/{path}")
    page.get_by_role("link", name="Von der Warteliste nehmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung stornieren")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, Anmeldung stornieren").click()
    expect(page.locator(".registration-status")).to_have_text("Storniert")
    expect(page.get_by_role("link", name="Von der Warteliste nehmen")).to_have_count(0)
    assert_no_axe_violations(page)

    # Past events with their documentation.
    page.goto(f"{base_url}/austausch/?zeit=vergangen")
    page.get_by_role("link", name=re.compile("Zur Dokumentation")).click()
    expect(page.get_by_role("heading", name="Dokumentation")).to_be_visible()
    expect(page.get_by_text("Drei Erkenntnisse aus dem Forum.")).to_be_visible()
    assert_no_axe_violations(page)


def test_office_creates_an_event_and_sees_the_attendance_list(page, base_url, events):
    from tests.factories import PASSWORD

    login(page, base_url, "gs", PASSWORD, check=False)
    page.goto(f"{base_url}/austausch/")
    follow(page.get_by_role("link", name="Neue Veranstaltung anlegen"))
    assert_no_axe_violations(page)
    page.get_by_role("textbox", name="Titel", exact=True).fill("Vernetzungstreffen Süd")
    page.get_by_label("Format").select_option(label="Vernetzungstreffen")
    page.get_by_role("textbox", name="Beschreibung", exact=True).fill(
        "<p>Treffen der Kommunen im Süden.</p>"
    )
    page.get_by_label("Beginn").fill("2027-10-31T10:00")
    page.get_by_label("Ende").fill("2027-10-31T14:00")
    page.get_by_label("Ort (vor Ort)").fill("Rathaus Musterstadt")
    page.get_by_label("Plätze").fill("12")
    page.get_by_label("Status").select_option(label="veröffentlicht")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vernetzungstreffen Süd")
    expect(page.get_by_text("Sonntag, 31. Oktober 2027, 10:00")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(f"{base_url}{events['talk'].get_absolute_url()}")
    page.get_by_role("link", name="Teilnahmeliste").click()
    expect(page.get_by_role("region", name="Bestätigte Teilnehmende")).to_contain_text(
        "Sabine Kröger"
    )
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Als CSV herunterladen").click()
    assert download.value.suggested_filename == f"teilnahmeliste-{events['talk'].pk}.csv"

    page.goto(f"{base_url}{events['seminar'].get_absolute_url()}")
    follow(page.get_by_role("link", name="Veranstaltung absagen"))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, Veranstaltung absagen").click()
    expect(page.get_by_role("article").get_by_role("status")).to_contain_text(
        "Diese Veranstaltung wurde abgesagt."
    )
    assert_no_axe_violations(page)
