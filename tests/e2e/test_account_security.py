"""Two-factor sign-in and the device list in a real browser: set up with the key shown on the
page (as an authenticator app would), log in again with a code, see the signed-in devices."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def _app_code(secret: str, drift: int = 0) -> str:
    """Compute the code from the key on the page, like an authenticator app."""
    key = base64.b32decode("".join(secret.split()) + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key, drift=drift):06d}"


def test_set_up_two_factor_and_sign_in_with_a_code(page, base_url, transactional_db):
    UserFactory(username="erika", first_name="Erika", last_name="Muster")
    login(page, base_url, "erika", PASSWORD, check=False)
    page.goto(f"{base_url}/konto/")
    page.get_by_role("link", name="Zwei-Faktor-Anmeldung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Anmeldung")
    assert_no_axe_violations(page)
    secret = page.locator("code.secret").inner_text()

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Einrichten").click()
    # the error at the field (its paragraph is tied to the field by aria-describedby)
    expect(page.get_by_role("alert")).to_contain_text("Der Code stimmt nicht")
    expect(page.get_by_label("Code")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)  # the error summary too
    page.wait_for_timeout(1500)  # after a wrong code the next one is checked after 1 s
    page.get_by_label("Code").fill(_app_code(secret))
    page.get_by_role("button", name="Einrichten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Backup-Codes")
    expect(page.locator(".backup-codes li")).to_have_count(10)
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Abmelden").click()
    login(page, base_url, "erika", PASSWORD, check=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden: Code eingeben")
    assert_no_axe_violations(page)
    page.get_by_label("Code").fill(_app_code(secret, drift=1))
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()

    page.goto(f"{base_url}/konto/sitzungen/")
    expect(page.get_by_role("cell", name="dieses Gerät")).to_be_visible()
    assert_no_axe_violations(page)


def test_privacy_pages_for_a_person_and_the_office(page, base_url, transactional_db):
    UserFactory(username="amt", first_name="Anna", last_name="Amt", is_office=True)
    page.goto(f"{base_url}/")
    page.get_by_role("navigation", name="Rechtliches").get_by_role("link", name="Impressum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impressum")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Datenschutz").click()
    page.wait_for_url("**/datenschutz/")
    page.wait_for_load_state()
    assert_no_axe_violations(page)

    login(page, base_url, "amt", PASSWORD, check=False)
    page.goto(f"{base_url}/datenschutz/meine-daten/")
    expect(page.get_by_role("heading", name="Konto")).to_be_visible()
    expect(page.get_by_text("Anna", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{base_url}/datenschutz/verzeichnis/")
    expect(page.get_by_role("rowheader", name="Benutzerkonten und Anmeldung")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{base_url}/datenschutz/anfragen/?q=amt")
    expect(page.get_by_role("link", name="Auskunft (JSON) – amt")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{base_url}/datenschutz/konto-loeschen/")
    page.get_by_role("button", name="Endgültig löschen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
