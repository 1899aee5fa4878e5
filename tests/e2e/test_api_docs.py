"""Journey: the API reference (no JavaScript, no CDN) and a person creating, seeing once and
revoking an API token. Every page is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def test_api_reference_and_token_lifecycle(page, base_url, transactional_db):
    from zwk.api import docs

    docs.schema()  # the live server runs in this process: generate the schema once up front
    UserFactory(username="api-nutzerin")
    page.goto(f"{base_url}/api/v1/dokumentation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumentation der Schnittstelle")
    expect(page.get_by_text("/api/v1/kommunen/{slug}/profil/").first).to_be_visible()
    assert_no_axe_violations(page)

    login(page, base_url, "api-nutzerin", PASSWORD)
    page.goto(f"{base_url}/api/v1/tokens/")
    expect(page.get_by_text("Sie haben noch kein Token.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Token erstellen").click()  # empty: errors, nothing created
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie eine Bezeichnung an.")
    assert_no_axe_violations(page)

    page.get_by_label("Bezeichnung").fill("Export Rathaus")
    page.get_by_label(re.compile("Werkstattplan lesen")).check()
    page.get_by_role("button", name="Token erstellen").click()
    token = page.get_by_label("Token", exact=True)
    expect(token).to_have_value(re.compile(r"^zwk_[0-9a-f]{8}_"))
    assert_no_axe_violations(page)
    plain = token.input_value()

    page.goto(f"{base_url}/api/v1/tokens/")  # shown once: not on the list
    expect(page.get_by_role("cell", name="Export Rathaus", exact=True)).to_be_visible()
    assert plain not in page.content()
    follow(page.get_by_role("link", name=re.compile("Widerrufen")))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Widerrufen").click()
    expect(page.get_by_role("cell", name="widerrufen", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
