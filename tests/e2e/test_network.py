"""Journey: a coordinator finds themenverwandte Kommunen with their reasons, writes to one of
them through the platform and posts in a discussion; the office works the moderation queue.
Every page is checked with axe-core."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e


def test_coordinator_finds_related_kommunen_writes_and_discusses(page, base_url, demo):
    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/")
    page.get_by_role("link", name="Themenverwandte Kommunen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Themenverwandte Kommunen von Musterstadt"
    )
    talstadt = page.locator("#kommune-talstadt")
    expect(talstadt).to_contain_text("ebenfalls Schwerpunkt Halte- und Anziehungsfaktoren")
    seedorf = page.locator("#kommune-seedorf-am-wald")
    expect(seedorf).to_contain_text("ebenfalls Schwerpunkt Wohnen im Alter")
    assert_no_axe_violations(page)

    talstadt.get_by_role("link", name="Talstadt schreiben").click()
    expect(page.get_by_label("An Kommune")).to_have_value("talstadt")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Nachricht senden").click()  # empty: errors, input kept
    expect(page.locator(".error-summary")).to_contain_text("Bitte geben Sie einen Betreff an")
    expect(page.get_by_label("An Kommune")).to_have_value("talstadt")
    assert_no_axe_violations(page)
    page.get_by_label("Betreff").fill("Rückkehrtag")
    page.locator("#id_text").fill("Wie haben Sie die Betriebe gewonnen?")
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.get_by_role("status")).to_contain_text("an Talstadt wurde weitergeleitet")
    expect(page.get_by_role("main")).to_contain_text("Wie haben Sie die Betriebe gewonnen?")
    assert_no_axe_violations(page)
    relayed = [m for m in mail.outbox if "Rückkehrtag" in m.subject]
    assert relayed and relayed[0].to == ["koordination-talstadt@zwk.example"]
    assert "koordination-musterstadt@zwk.example" not in relayed[0].body

    page.goto(f"{base_url}/austausch/netzwerk/diskussion/")
    assert_no_axe_violations(page)
    follow(page.get_by_role("link", name="Wohnen im Alter", exact=True))
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Gemeinschaftliches Wohnen")).click()
    expect(page.get_by_role("main")).to_contain_text("Bauernhöfe")
    assert_no_axe_violations(page)
    page.get_by_label("Ihr Beitrag").fill("Wir laden Sie gern zu unserem Projekt ein.")
    page.get_by_role("button", name="Beitrag veröffentlichen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Beitrag ist veröffentlicht")
    expect(page.locator(".post-list > li").last).to_contain_text("Wir laden Sie gern")
    expect(
        page.locator(".post-list > li").last.get_by_role("link", name="Bearbeiten")
    ).to_be_visible()
    assert_no_axe_violations(page)


def test_office_overview_and_moderation_queue(page, base_url, demo):
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/austausch/netzwerk/")
    expect(page.get_by_role("main")).to_contain_text("Übersicht für die Geschäftsstelle")
    assert_no_axe_violations(page)
    # Musterstadt's Werkstattplan is published in the demo: Seedorf sees its measures.
    page.goto(f"{base_url}/austausch/netzwerk/seedorf-am-wald/")
    musterstadt = page.locator("#kommune-musterstadt")
    expect(musterstadt).to_contain_text("ebenfalls Schwerpunkt Wohnen im Alter")
    expect(musterstadt).not_to_contain_text("Noch kein veröffentlichter Werkstattplan")
    assert_no_axe_violations(page)

    page.goto(f"{base_url}/austausch/netzwerk/")
    page.get_by_role("link", name=re.compile("offene Meldung")).first.click()
    report = page.locator(".report-list > li").first
    expect(report).to_contain_text("Werbung oder Spam")
    assert_no_axe_violations(page)
    follow(report.get_by_role("link", name="Ausblenden"))
    assert_no_axe_violations(page)
    page.get_by_label("Grund für das Ausblenden").fill("Werbung")
    page.get_by_role("button", name="Beitrag ausblenden").click()
    expect(page.get_by_role("main")).to_contain_text("Keine offenen Meldungen")
    assert_no_axe_violations(page)
