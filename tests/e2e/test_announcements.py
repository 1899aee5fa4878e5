"""Journey: the office writes a Mitteilung to one Kommune, checks the reach and sends it; the
coordinator sees it on the workspace and marks it as read; the office sees the read state.
Every page is checked with axe."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e


def test_office_sends_and_the_kommune_marks_it_read(page, new_page, base_url, demo):
    mail.outbox.clear()
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/geschaeftsstelle/")
    page.get_by_role("navigation", name="Bereiche der Geschäftsstelle").get_by_role(
        "link", name="Mitteilungen", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitteilungen an Kommunen")
    assert_no_axe_violations(page)

    follow(page.get_by_role("link", name="Neue Mitteilung schreiben"))
    assert_no_axe_violations(page)
    # Without a Kommune the selection is refused.
    page.get_by_label("Betreff").fill("Netzwerktreffen im Mai")
    page.get_by_label("Text").fill("Liebes Team,\n\nwir laden Sie herzlich ein.")
    page.get_by_label("einzeln ausgewählte Kommunen").check()
    page.get_by_role("button", name="Entwurf speichern und Empfänger prüfen").click()
    expect(page.locator(".error-summary")).to_contain_text("mindestens eine Kommune")
    assert_no_axe_violations(page)

    page.get_by_role("group", name="Ausgewählte Kommunen").get_by_label(
        "Musterstadt", exact=True
    ).check()
    page.get_by_role("button", name="Entwurf speichern und Empfänger prüfen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitteilung prüfen und senden")
    expect(page.locator("#reichweite")).to_contain_text("Geht an 1 Kommune")
    assert_no_axe_violations(page)
    assert mail.outbox == []

    page.get_by_role("button", name="Jetzt an 1 Kommune senden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Netzwerktreffen im Mai")
    expect(page.get_by_role("cell", name="noch nicht gelesen")).to_be_visible()
    assert_no_axe_violations(page)
    assert mail.outbox and all("Netzwerktreffen im Mai" in m.subject for m in mail.outbox)
    detail_url = page.url

    kommune = new_page()
    login(kommune, base_url, "koordination-musterstadt", check=False)
    kommune.goto(f"{base_url}/kommunen/musterstadt/")
    notices = kommune.get_by_role("region", name="Mitteilungen der Geschäftsstelle")
    expect(notices).to_contain_text("wir laden Sie herzlich ein.")
    assert_no_axe_violations(kommune)
    notices.get_by_role("button", name="Gelesen").click()
    expect(kommune.get_by_role("status")).to_contain_text("als gelesen markiert")
    expect(kommune.get_by_text("wir laden Sie herzlich ein.")).to_have_count(0)
    assert_no_axe_violations(kommune)

    page.goto(detail_url)
    expect(
        page.get_by_text("1 von 1 Kommunen haben die Mitteilung als gelesen markiert.")
    ).to_be_visible()
