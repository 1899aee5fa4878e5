"""Journey 2: the coordinator of Musterstadt works in the workspace of their Kommune.

Every page visited is checked with axe-core (WCAG 2.1 A/AA).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

WORKSPACE = "/kommunen/musterstadt/"
STEP_TITLES = [
    "Kick-off",
    "Kommunalprofil",
    "Zukunftswerkstatt",
    "Werkstattplan",
    "Zwischenbilanz",
]

# Smallest useful PDF: one empty page, valid cross-reference table.
MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n"
    b"0000000000 65535 f \n"
    b"0000000009 00000 n \n"
    b"0000000052 00000 n \n"
    b"0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n166\n%%EOF\n"
)
# The start of a Windows executable (MZ header, DOS stub) – renamed to .pdf.
FAKE_EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + (b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200)
)


@pytest.fixture
def coordinator(page, base_url, demo):
    login(page, base_url, "koordination-musterstadt")
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    return page


def _step_nav(page):
    return page.get_by_role("navigation", name="Die fünf Schritte")


def test_walk_the_five_steps(coordinator, base_url):
    page = coordinator
    page.goto(base_url + WORKSPACE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Musterstadt")
    assert_no_axe_violations(page)

    # From the workspace overview into step 1, then through the step navigation.
    page.get_by_role("region", name="Wo wir stehen").get_by_role(
        "link", name=STEP_TITLES[0], exact=True
    ).click()
    for number, title in enumerate(STEP_TITLES, start=1):
        if number > 1:
            _step_nav(page).get_by_role("link", name=title, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{number}. {title}")
        expect(_step_nav(page).get_by_role("link", name=title, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        assert_no_axe_violations(page)


def _current_step_url(page, base_url):
    page.goto(base_url + WORKSPACE)
    return page.get_by_role("link", name=re.compile("^Zum Schritt ")).get_attribute("href")


def test_tick_checklist_item_by_keyboard(coordinator, base_url):
    page = coordinator
    page.goto(base_url + _current_step_url(page, base_url))
    item = (
        page.locator(".checklist > li")
        .filter(has=page.locator("button[aria-pressed='false']"))
        .first
    )
    button = item.get_by_role("button")
    item_id = item.get_attribute("id")
    text = item.locator("form > span").first.inner_text()

    button.focus()
    with page.expect_response(re.compile(r"/checkliste/\d+/$")) as response:
        page.keyboard.press("Enter")
    assert response.value.status == 200, (response.value.status, response.value.text()[:500])
    new_button = page.locator(f"#{item_id} button")
    expect(new_button).to_have_attribute("aria-pressed", "true")
    expect(new_button).to_contain_text("erledigt")
    expect(page.locator(f"#{item_id} .done-text")).to_have_text(text)
    expect(page.locator(f"#{item_id} [role='status']")).to_contain_text("ist erledigt")
    # Focus must not fall back to <body> when htmx replaces the button.
    expect(new_button).to_be_focused()
    assert_no_axe_violations(page)

    # Space toggles it back, then Enter again – still by keyboard only.
    page.keyboard.press("Space")
    expect(page.locator(f"#{item_id} button")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(f"#{item_id} button")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{item_id} button")).to_have_attribute("aria-pressed", "true")

    page.reload()
    expect(page.locator(f"#{item_id} button")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#{item_id} .done-text")).to_have_text(text)


def test_add_own_checklist_item(coordinator, base_url):
    page = coordinator
    page.goto(base_url + WORKSPACE + "schritte/kickoff/")
    page.get_by_label("Neue Aufgabe").fill("Pressemitteilung zum Start vorbereiten")
    page.get_by_role("button", name="Aufgabe hinzufügen").click()
    expect(page.locator(".messages")).to_contain_text("Die Aufgabe wurde hinzugefügt.")
    item = page.locator(".checklist > li").filter(has_text="Pressemitteilung zum Start vorbereiten")
    expect(item).to_have_count(1)
    expect(item.get_by_role("link", name=re.compile("^löschen"))).to_be_visible()
    assert_no_axe_violations(page)


def test_empty_checklist_item_shows_error(coordinator, base_url):
    page = coordinator
    page.goto(base_url + WORKSPACE + "schritte/kickoff/")
    page.get_by_role("button", name="Aufgabe hinzufügen").click()
    expect(page.locator(".error-summary")).to_contain_text("Neue Aufgabe")
    expect(page.get_by_label("Neue Aufgabe")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)


def _upload(page, name, data, title=""):
    section = page.get_by_role("region", name="Dokumente")
    if title:
        section.get_by_label("Titel").fill(title)
    section.get_by_label("Art des Dokuments").select_option(index=0)
    section.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": data}
    )
    section.get_by_role("button", name="Hochladen").click()
    page.wait_for_load_state()


def test_upload_and_download_document(coordinator, base_url):
    page = coordinator
    step_url = base_url + WORKSPACE + "schritte/kommunalprofil/"
    page.goto(step_url)
    documents = page.get_by_role("region", name="Dokumente")
    expect(documents).to_contain_text("Noch keine Dokumente.")

    # An executable renamed to .pdf is refused with a German explanation; nothing is stored.
    _upload(page, "bericht.pdf", FAKE_EXE, title="Angeblicher Bericht")
    expect(page.locator(".error-summary")).to_contain_text("Der Inhalt der Datei passt nicht")
    error = page.locator(".field-error .error")
    expect(error).to_contain_text("Bitte laden Sie eine echte PDF-Datei hoch.")
    expect(documents.get_by_role("link", name="Angeblicher Bericht")).to_have_count(0)
    expect(documents).to_contain_text("Noch keine Dokumente.")
    assert_no_axe_violations(page)

    # A real PDF is accepted and listed.
    page.goto(step_url)
    _upload(page, "Bestandsaufnahme.pdf", MINIMAL_PDF, title="Bestandsaufnahme 2025")
    expect(page.locator(".messages")).to_contain_text("„Bestandsaufnahme 2025“ wurde hochgeladen.")
    link = documents.get_by_role("link", name="Bestandsaufnahme 2025", exact=True)
    expect(link).to_be_visible()
    assert_no_axe_violations(page)

    # Download: always an attachment with the original file name and the same bytes.
    response = page.request.get(base_url + link.get_attribute("href"))
    assert response.ok
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment"), disposition
    assert "Bestandsaufnahme.pdf" in disposition
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body() == MINIMAL_PDF
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "Bestandsaufnahme.pdf"


def test_team_edit_account_and_activity_pages(coordinator, base_url):
    page = coordinator
    page.goto(base_url + WORKSPACE)
    page.get_by_role("link", name="Team verwalten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team Musterstadt")
    assert_no_axe_violations(page)

    page.goto(base_url + WORKSPACE)
    page.get_by_role("link", name="Stammdaten bearbeiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stammdaten bearbeiten")
    assert_no_axe_violations(page)

    page.get_by_role("link", name=re.compile("koordination|Koch")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")
    assert_no_axe_violations(page)

    # A too weak password gets several messages on one field; each is announced with it.
    page.get_by_role("link", name="Passwort ändern").click()
    page.locator("#id_old_password").fill("demo")
    page.locator("#id_new_password1").fill("123")
    page.locator("#id_new_password2").fill("123")
    page.get_by_role("main").get_by_role("button").click()
    expect(page.locator(".error-summary")).to_be_focused()
    field = page.locator("#id_new_password2")
    expect(field).to_have_attribute("aria-invalid", "true")
    errors = page.locator(f"#{field.get_attribute('aria-describedby').split()[-1]}")
    expect(errors.locator(".error")).not_to_have_count(0)
    assert errors.locator(".error").count() >= 2
    assert_no_axe_violations(page)

    page.goto(base_url + WORKSPACE)
    page.get_by_role("link", name="Alle Aktivitäten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktivitäten")
    expect(page.get_by_role("table")).to_be_visible()
    assert_no_axe_violations(page)
