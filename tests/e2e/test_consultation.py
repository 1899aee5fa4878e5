"""Journey: Beispielhausen puts its draft Werkstattplan up for public discussion.

The coordination opens the consultation; a citizen without an account comments on a measure
using only the keyboard, then replies to her own thread; the team answers and hides a
comment, closes the consultation with its key points and finds the summary in the plan's
versions. Musterstadt's closed demo consultation is readable. axe-core on every page.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def test_draft_consultation_from_opening_to_summary(demo, base_url, new_page):
    from zwk.consultation.models import PublicComment

    team = new_page()
    login(team, base_url, "koordination-beispielhausen")
    team.goto(base_url + "/kommunen/beispielhausen/plan/entwurf/moderation/")
    expect(team.get_by_role("heading", level=1)).to_have_text("Entwurf diskutieren")
    assert_no_axe_violations(team)
    team.get_by_role("link", name="Entwurf zur Diskussion stellen").click()
    today = timezone.localdate()
    team.get_by_label(re.compile("^Beginn")).fill(today.isoformat())
    team.get_by_label(re.compile("^Ende")).fill((today + timedelta(days=21)).isoformat())
    team.get_by_label(re.compile("Einleitung")).fill("Sagen Sie uns Ihre Meinung zum Entwurf.")
    assert_no_axe_violations(team)
    team.get_by_role("button", name="Diskussion anlegen").click()
    expect(team.get_by_text("Der Entwurf ist zur Diskussion gestellt.")).to_be_visible()

    # A citizen, keyboard only.
    citizen = new_page()
    citizen.goto(base_url + "/kommunen/beispielhausen/plan/entwurf/", timeout=60_000)
    expect(citizen.get_by_role("heading", level=1)).to_contain_text("Entwurf des Werkstattplans")
    assert_no_axe_violations(citizen)
    summary = citizen.locator("details.consultation-form summary").last
    summary.focus()
    citizen.keyboard.press("Enter")
    form = citizen.locator("details.consultation-form").last
    form.get_by_label(re.compile("Ihr Kommentar")).focus()
    citizen.keyboard.type("Bitte auch an die Älteren ohne Auto denken.")
    citizen.keyboard.press("Tab")  # help text has no focus; next: the name
    citizen.keyboard.type("Gisela")
    form.get_by_label(re.compile("Datenschutzhinweis")).focus()
    citizen.keyboard.press("Space")
    assert_no_axe_violations(citizen)
    form.get_by_role("button", name="Kommentar senden").focus()
    citizen.keyboard.press("Enter")
    expect(citizen.get_by_text("Danke! Ihr Kommentar ist gespeichert.")).to_be_visible()
    expect(citizen.get_by_text("Sie schreiben als „Gisela“.")).to_be_visible()
    expect(citizen.get_by_text("Bitte auch an die Älteren ohne Auto denken.")).to_be_visible()
    assert_no_axe_violations(citizen)
    stored = PublicComment.objects.get(
        pseudonym="Gisela", consultation__plan__municipality__slug="beispielhausen"
    )

    # The team answers and closes.
    team.goto(base_url + "/kommunen/beispielhausen/plan/entwurf/moderation/")
    expect(team.get_by_text("Bitte auch an die Älteren ohne Auto denken.")).to_be_visible()
    team.locator(f"#kommentar-{stored.pk}").get_by_role(
        "link", name=re.compile("Antworten")
    ).click()
    team.get_by_label(re.compile("Antwort des Teams")).fill("Wir prüfen einen Bürgerbus.")
    assert_no_axe_violations(team)
    team.get_by_role("button", name="Antwort speichern").click()
    expect(team.get_by_text("Die Antwort ist gespeichert.")).to_be_visible()
    team.get_by_role("link", name="Abschließen und zusammenfassen").click()
    team.get_by_label(re.compile("Wichtigste Punkte")).fill("Mobilität für Ältere ohne Auto.")
    assert_no_axe_violations(team)
    team.get_by_role("button", name="Abschließen").click()
    team.goto(base_url + "/kommunen/beispielhausen/plan/fassungen/")
    expect(team.get_by_text("Mobilität für Ältere ohne Auto.")).to_be_visible()
    assert_no_axe_violations(team)

    citizen.reload()
    expect(citizen.get_by_text("Wir prüfen einen Bürgerbus.")).to_be_visible()
    expect(citizen.get_by_role("button", name="Kommentar senden")).to_have_count(0)


def test_musterstadt_closed_consultation_is_readable(demo, base_url, page):
    page.goto(base_url + "/kommunen/musterstadt/plan/entwurf/", timeout=60_000)
    expect(page.get_by_role("heading", name="Ergebnis der Diskussion")).to_be_visible()
    expect(
        page.get_by_text("Die Diskussion des Entwurfs ist beendet.", exact=False)
    ).to_be_visible()
    assert "Herr X" not in page.content()
    assert_no_axe_violations(page)
