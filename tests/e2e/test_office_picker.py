"""Browser test of the recipient picker of a Mitteilung (issue 19): the office searches many
Kommunen on the server, ticks and adds them by keyboard, takes all hits of a search at once
and removes some again; the selection reaches the Mitteilung. axe-core is clean on every
state of the page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

EXTRA = 60  # more than one page of hits (50)


@pytest.fixture
def draft(demo):
    from zwk.accounts.models import User
    from zwk.announcements.models import Announcement
    from zwk.municipalities.models import Municipality

    Municipality.objects.bulk_create(
        Municipality(
            name=f"Picker-Gemeinde {i:02d}",
            slug=f"picker-gemeinde-{i:02d}",
            kind="gemeinde",
            land="09" if i % 2 else "05",
            ags=f"0918{i:04d}" if i % 2 else f"0531{i:04d}",
        )
        for i in range(1, EXTRA + 1)
    )
    return Announcement.objects.create(
        subject="Einladung zum Austausch",
        body="Liebes Team, wir laden Sie ein.",
        author=User.objects.get(username="geschaeftsstelle"),
    )


def _submit_by_keyboard(page, button) -> None:
    """Focus a submit button and press Enter; wait for the page the form leads to."""
    button.focus()
    expect(button).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_office_searches_selects_and_removes_recipients_by_keyboard(page, base_url, draft):
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/geschaeftsstelle/mitteilungen/{draft.pk}/empfaenger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Empfänger auswählen")
    status = page.locator("#auswahl-stand")
    expect(status).to_have_text("0 Kommunen ausgewählt.")
    assert_no_axe_violations(page)

    # search by name: typing and Enter in the search field, 50 hits per page
    search = page.get_by_role("search", name="Kommunen suchen")
    field = search.get_by_label("Name oder Gemeindeschlüssel (AGS)")
    field.fill("Picker")
    with page.expect_navigation():
        field.press("Enter")
    hits = page.get_by_role("group", name=re.compile(r"^Treffer 1–50 von 60"))
    expect(hits.get_by_role("checkbox")).to_have_count(50)
    expect(page.get_by_text("Seite 1 von 2")).to_be_visible()
    assert_no_axe_violations(page)

    # tick one Kommune with the space bar, add it with Enter on the button
    first = hits.get_by_role("checkbox", name=re.compile(r"^Picker-Gemeinde 01 "))
    first.focus()
    page.keyboard.press(" ")
    expect(first).to_be_checked()
    _submit_by_keyboard(page, page.get_by_role("button", name="Angekreuzte hinzufügen"))
    expect(status).to_have_text("1 Kommune ausgewählt.")
    expect(page.get_by_text("1 Kommune hinzugefügt.")).to_be_visible()
    # the search is kept; the chosen one is no longer a checkbox among the hits
    expect(page.get_by_label("Name oder Gemeindeschlüssel (AGS)")).to_have_value("Picker")
    expect(page.get_by_text(re.compile(r"Picker-Gemeinde 01 .*bereits ausgewählt"))).to_be_visible()
    chosen = page.get_by_role("group", name=re.compile(r"^Ausgewählt 1–1 von 1"))
    expect(chosen.get_by_role("checkbox")).to_have_count(1)
    assert_no_axe_violations(page)

    # narrow the search by Land with the keyboard: the AGS shows which Land a hit is in
    search = page.get_by_role("search", name="Kommunen suchen")
    search.get_by_label("Land").select_option(label="Nordrhein-Westfalen")
    _submit_by_keyboard(page, search.get_by_role("button", name="Suchen"))
    expect(page).to_have_url(re.compile(r"land=05"))
    hits = page.get_by_role("group", name=re.compile(r"^Treffer 1–30 von 30"))
    expect(hits.get_by_role("checkbox")).to_have_count(30)
    expect(page.get_by_text("Seite 1 von 2")).to_have_count(0)
    assert_no_axe_violations(page)

    # all hits of the search at once (every page of it)
    _submit_by_keyboard(page, page.get_by_role("button", name="Alle 30 Treffer auswählen"))
    expect(status).to_have_text("31 Kommunen ausgewählt.")
    expect(page.get_by_text("Alle 30 Treffer hinzugefügt.")).to_be_visible()
    assert_no_axe_violations(page)

    # remove two from the selection again
    chosen = page.get_by_role("group", name=re.compile(r"^Ausgewählt 1–31 von 31"))
    for name in ("Picker-Gemeinde 01 ", "Picker-Gemeinde 02 "):
        box = chosen.get_by_role("checkbox", name=re.compile("^" + name))
        box.focus()
        page.keyboard.press(" ")
        expect(box).to_be_checked()
    _submit_by_keyboard(page, page.get_by_role("button", name="Angekreuzte entfernen"))
    expect(status).to_have_text("29 Kommunen ausgewählt.")
    expect(page.get_by_text("2 Kommunen entfernt.")).to_be_visible()
    assert_no_axe_violations(page)

    # the Mitteilung goes to exactly these Kommunen
    draft.refresh_from_db()
    assert draft.audience == "selection"
    ids = draft.criteria["municipalities"]
    assert len(ids) == len(set(ids)) == 29
    from zwk.municipalities.models import Municipality

    names = set(Municipality.objects.filter(pk__in=ids).values_list("name", flat=True))
    assert "Picker-Gemeinde 01" not in names and "Picker-Gemeinde 02" not in names
    assert names == {f"Picker-Gemeinde {i:02d}" for i in range(4, EXTRA + 1, 2)}

    # back to the Mitteilung: its check page counts the same Kommunen
    page.get_by_role("link", name=re.compile("Zurück zur Mitteilung")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitteilung prüfen und senden")
    expect(page.locator("#reichweite")).to_contain_text("29 Kommunen")
    assert_no_axe_violations(page)


def test_a_search_without_hits_says_so(page, base_url, draft):
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(f"{base_url}/geschaeftsstelle/mitteilungen/{draft.pk}/empfaenger/?q=Gibtsnichtdorf")
    expect(page.get_by_text("Keine Kommune entspricht der Suche.")).to_be_visible()
    expect(page.get_by_role("button", name="Angekreuzte hinzufügen")).to_have_count(0)
    assert_no_axe_violations(page)
