"""Journey 1: anonymous visitor – start page, login page, failed and successful login."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def test_start_and_login_pages_are_accessible(page, base_url, demo):
    page.goto(f"{base_url}/")
    expect(page).to_have_title(re.compile("ZWK"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("main").get_by_role("link", name="Anmelden").click()
    expect(page).to_have_url(f"{base_url}/anmelden/")
    assert_no_axe_violations(page)


def test_wrong_password_shows_german_error_summary(page, base_url, demo):
    login(page, base_url, "koordination-musterstadt", "falsch")
    expect(page).to_have_url(re.compile(r"/anmelden/"))
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("heading")).to_have_text("Bitte prüfen Sie Ihre Eingaben")
    expect(summary).to_contain_text("Passwort sind nicht richtig")
    # zwk.js moves focus to the summary so screen readers announce it.
    expect(summary).to_be_focused()
    assert_no_axe_violations(page)


def test_login_by_email_address(page, base_url, demo):
    login(page, base_url, "koordination-musterstadt@zwk.example", check=False)
    # the coordinator of one Kommune lands in its workspace (the start page of the role)
    expect(page).to_have_url(f"{base_url}/kommunen/musterstadt/")
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Musterstadt")
    assert_no_axe_violations(page)
