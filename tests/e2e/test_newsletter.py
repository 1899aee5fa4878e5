"""Journey: signing up to the newsletter with double opt-in (the confirmation link is read from
the live server's outbox – it runs in this process with the locmem mail backend), choosing
topics, unsubscribing without login; the archive; the office's issue pages. Every page is
checked with axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login
from zwk.newsletter.models import Subscriber

pytestmark = pytest.mark.e2e

EMAIL = "e2e-leserin@example.org"


def _path_in_last_mail(pattern: str) -> str:
    match = re.search(pattern, mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_sign_up_confirm_choose_topics_and_unsubscribe(page, base_url, demo):
    mail.outbox.clear()
    page.goto(f"{base_url}/newsletter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter abonnieren")
    assert_no_axe_violations(page)

    # Without consent the form is refused and keeps the address.
    page.get_by_label("E-Mail-Adresse").fill(EMAIL)
    page.get_by_role("button", name="Newsletter abonnieren", exact=True).click()
    expect(page.locator(".error-summary")).to_contain_text("Einwilligung")
    expect(page.get_by_label("E-Mail-Adresse")).to_have_value(EMAIL)
    assert_no_axe_violations(page)

    page.get_by_label("Veranstaltungen und Online-Formate").check()
    page.get_by_label("Ich willige ein, den Newsletter zu erhalten.").check()
    page.get_by_role("button", name="Newsletter abonnieren", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bitte prüfen Sie Ihr Postfach")
    assert_no_axe_violations(page)

    assert mail.outbox[-1].to == [EMAIL]
    confirm = _path_in_last_mail(r"https?://[^/\s]+(/newsletter/bestaetigen/[^\s]+/)")
    page.goto(base_url + confirm)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, Newsletter erhalten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank – Sie sind angemeldet")
    assert_no_axe_violations(page)
    assert Subscriber.objects.get(email=EMAIL).status == Subscriber.Status.ACTIVE

    preferences = page.get_by_role("link", name="Themen auswählen oder abmelden")
    preferences_url = base_url + preferences.get_attribute("href")

    # The used link again: a clear page, no second subscription.
    page.goto(base_url + confirm)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dieser Link wurde bereits verwendet")
    assert_no_axe_violations(page)
    assert Subscriber.objects.filter(email=EMAIL).count() == 1

    page.goto(preferences_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter-Einstellungen")
    expect(page.get_by_label("Veranstaltungen und Online-Formate")).to_be_checked()
    assert_no_axe_violations(page)
    page.get_by_label("Werkzeugkoffer: neue Methoden und Beispiele").check()
    page.get_by_role("button", name="Themen speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre Themen sind gespeichert.")
    assert_no_axe_violations(page)
    assert Subscriber.objects.get(email=EMAIL).topics == ["events", "toolbox"]

    page.get_by_role("link", name="Newsletter abbestellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter abbestellen")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, abmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sie sind abgemeldet")
    assert_no_axe_violations(page)
    assert Subscriber.objects.get(email=EMAIL).status == Subscriber.Status.UNSUBSCRIBED


def test_archive_and_office_issue_pages(page, base_url, demo):
    page.goto(f"{base_url}/newsletter/archiv/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter-Archiv")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Newsletter Oktober")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Newsletter Oktober")
    assert_no_axe_violations(page)

    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/newsletter/ausgaben/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter-Ausgaben")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Newsletter Dezember")).click()
    expect(page.get_by_role("heading", name="Vorschau")).to_be_visible()
    assert_no_axe_violations(page)
    follow(page.get_by_role("link", name="Bearbeiten"))
    assert_no_axe_violations(page)
    page.goto(f"{base_url}/newsletter/ausgaben/neu/")
    page.get_by_role("button", name="Speichern und Vorschau ansehen").click()
    expect(page.locator(".error-summary")).to_contain_text("Betreff")
    assert_no_axe_violations(page)
