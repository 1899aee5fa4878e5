"""Journey (issue 17, „Was aus Ihren Ideen wurde“): a citizen follows a workshop card of
Musterstadt by e-mail (double opt-in, link read from the live server's locmem outbox), the
team sets the measure it became to „umgesetzt“ on the plan's board, the follower gets the mail
and unsubscribes with its link. axe on every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

EMAIL = "e2e-folgt@example.org"
MEASURE = "Bürgerbus Musterstadt"


def _path(pattern: str, body: str) -> str:
    match = re.search(pattern, body)
    assert match, body
    return match.group(1)


def test_follower_gets_a_mail_when_the_team_publishes_a_status_change(
    page, new_page, base_url, demo
):
    mail.outbox.clear()
    page.goto(f"{base_url}/kommunen/musterstadt/ergebnisse/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Was aus Ihren Ideen wurde")
    card = (
        page.locator("article.contribution", has_text="Karte aus der Zukunftswerkstatt")
        .filter(has_text=MEASURE)
        .first
    )
    expect(page.locator("article.contribution", has_text="Ideensammlung")).not_to_have_count(0)
    expect(card).to_contain_text("in Umsetzung")
    expect(page.locator("article.contribution", has_text="Umfrage")).not_to_have_count(0)
    assert_no_axe_violations(page)

    follow(card.get_by_role("link", name=re.compile("^Diesem Beitrag folgen")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Per E-Mail folgen")
    assert_no_axe_violations(page)
    page.get_by_label("Ihre E-Mail-Adresse").fill(EMAIL)
    follow(page.get_by_role("button", name="Folgen"))
    expect(page.locator(".error-summary")).to_contain_text("Bitte bestätigen Sie")  # no consent
    expect(page.get_by_label("Ihre E-Mail-Adresse")).to_have_value(EMAIL)
    assert_no_axe_violations(page)
    page.get_by_label(re.compile("^Ich möchte eine E-Mail erhalten")).check()
    follow(page.get_by_role("button", name="Folgen"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    )
    assert_no_axe_violations(page)
    (confirmation,) = mail.outbox
    assert confirmation.to == [EMAIL]
    page.goto(
        base_url
        + _path(
            r"https?://[^/\s]+(/kommunen/musterstadt/ergebnisse/bestaetigen/\S+/)",
            confirmation.body,
        )
    )
    assert_no_axe_violations(page)
    follow(page.get_by_role("button", name="Ja, E-Mails erhalten"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank – Sie folgen jetzt")
    assert_no_axe_violations(page)

    # The team sets the measure to "umgesetzt" on the board of the Werkstattplan.
    team = new_page()
    login(team, base_url, "koordination-musterstadt", check=False)
    team.goto(f"{base_url}/kommunen/musterstadt/plan/tafel/")
    board_card = team.locator("li.board-card", has_text=MEASURE)
    board_card.get_by_label(re.compile("^Status")).select_option(label="umgesetzt")
    follow(board_card.get_by_role("button", name=re.compile("^Ändern")))
    expect(team.get_by_text(f"„{MEASURE}“ hat jetzt den Status „umgesetzt“.")).to_be_visible()

    notices = [m for m in mail.outbox if m.to == [EMAIL] and "Neuer Stand" in m.subject]
    assert len(notices) == 1, [m.subject for m in mail.outbox]
    assert f"„{MEASURE}“ hat jetzt den Stand „umgesetzt“" in notices[0].body

    page.goto(f"{base_url}/kommunen/musterstadt/ergebnisse/?status=done")
    expect(page.locator("article.contribution", has_text=MEASURE).first).to_contain_text(
        "umgesetzt"
    )
    assert_no_axe_violations(page)

    page.goto(
        base_url
        + _path(
            r"https?://[^/\s]+(/kommunen/musterstadt/ergebnisse/abmelden/\S+/)", notices[0].body
        )
    )
    assert_no_axe_violations(page)
    follow(page.get_by_role("button", name="Ja, abmelden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sie sind abgemeldet")
    assert_no_axe_violations(page)
