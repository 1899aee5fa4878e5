"""Journey: a Kommune asks for consulting, the office assigns, the consultant books a day.

Koordination Musterstadt files a request, the Geschäftsstelle assigns the best-ranked
suggestion, that consultant accepts and books a day, and the coordinator sees the remaining
budget shrink (demo budget 12 days, 1.5 already used). Every page is checked with axe-core.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

USERNAMES = {"Bernd Rater": "beratung1", "Dilara Yılmaz": "beratung2", "Ines Moderow": "beratung3"}
TOPIC = "Datenauswertung für den Kommunalprofil-Workshop"


def _warm_up(page, base_url):
    """The live server's first response (URL conf, templates) can exceed the 10 s default
    timeout on a loaded machine; one generous request first keeps the journey's timeouts tight."""
    page.goto(base_url + "/anmelden/", timeout=60_000)


def test_request_assign_accept_log_and_see_the_budget(demo, page, new_page, base_url):
    _warm_up(page, base_url)
    # 1. The coordinator looks at the pool and files a request.
    login(page, base_url, "koordination-musterstadt")
    page.goto(base_url + "/beratung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beratungspool")
    expect(page.get_by_role("link", name="Dilara Yılmaz")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Anfragen und Budget von Musterstadt").click()
    expect(page.get_by_text("10,5 Tage übrig")).to_be_visible()
    assert_no_axe_violations(page)
    follow(page.get_by_role("link", name="Beratung anfragen"))
    assert_no_axe_violations(page)
    page.get_by_label("Thema").fill(TOPIC)
    page.get_by_label("Handlungsfeld").select_option(label="Wohnen im Alter")
    page.get_by_label("Datenanalyse").check()
    page.get_by_label("online", exact=True).check()
    page.get_by_label("Beschreibung").fill("Wir brauchen Hilfe bei der Auswertung der Befragung.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TOPIC)
    expect(page.get_by_text("offen", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    request_url = page.url

    # 2. The office assigns the best-ranked suggestion.
    office = new_page()
    login(office, base_url, "geschaeftsstelle", check=False)
    office.goto(request_url)
    office.get_by_role("link", name="Beratung zuweisen").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Beratung zuweisen")
    assert_no_axe_violations(office)
    first = office.locator("input[name=consultant]").first
    label = office.locator(f"label[for='{first.get_attribute('id')}'] strong").inner_text()
    expect(office.locator(".consulting-suggestions > li").first).to_contain_text(
        "Expertise im Handlungsfeld „Wohnen im Alter“"
    )
    first.check()
    office.get_by_role("button", name="Zuweisen und benachrichtigen").click()
    expect(office.get_by_text(f"{label} ist zugewiesen")).to_be_visible()
    assert_no_axe_violations(office)

    # 3. The consultant accepts and books a day.
    consultant = new_page()
    login(consultant, base_url, USERNAMES[label], check=False)
    consultant.goto(base_url + "/beratung/meine-anfragen/")
    assert_no_axe_violations(consultant)
    follow(consultant.get_by_role("link", name=TOPIC))
    assert_no_axe_violations(consultant)
    consultant.get_by_role("button", name="Anfrage annehmen").click()
    expect(consultant.get_by_text("Sie haben die Anfrage angenommen")).to_be_visible()
    follow(consultant.get_by_role("link", name="Beratungstage buchen"))
    assert_no_axe_violations(consultant)
    consultant.locator("#id_days").fill("1")
    consultant.get_by_label("Tätigkeit").fill("Auswertung der Befragung, Tabellen und Grafiken")
    consultant.get_by_role("button", name="Buchen").click()
    expect(consultant.get_by_text("1 Tag gebucht.")).to_be_visible()
    expect(
        consultant.get_by_role("cell", name=re.compile("Auswertung der Befragung"))
    ).to_be_visible()
    assert_no_axe_violations(consultant)

    # 4. The coordinator sees the remaining budget.
    page.goto(base_url + "/beratung/anfragen/musterstadt/")
    expect(page.get_by_text("9,5 Tage übrig")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(TOPIC))).to_contain_text("angenommen")
    assert_no_axe_violations(page)


def test_office_budget_overview(demo, page, base_url):
    _warm_up(page, base_url)
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(base_url + "/beratung/budgets/")
    expect(page.get_by_role("row", name=re.compile("Seedorf am Wald"))).to_contain_text("über Plan")
    assert_no_axe_violations(page)
    follow(page.get_by_role("link", name="Budget festlegen – Talstadt"))
    assert_no_axe_violations(page)
    page.get_by_label("Beratungstage im Jahr").fill("9,5")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("row", name=re.compile("Talstadt"))).to_contain_text("9,5")
    page.goto(base_url + "/beratung/anfragen/")
    assert_no_axe_violations(page)
