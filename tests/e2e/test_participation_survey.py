"""Journey: a 16-year-old answers Musterstadt's Bürgerbefragung on a 375 px phone.

From the home page's "Jetzt mitmachen" list to the project, consent, three pages with
progress (a conditional question on the same page), back to the start page in between
(save and continue on the device), and the thanks page – axe-core on every page, no
horizontal scrolling.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}


def _fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width} px wide on a 375 px phone"


def _group(page, question):
    return page.get_by_role("group", name=re.compile(re.escape(question)))


def test_a_sixteen_year_old_answers_the_survey_on_her_phone(demo, base_url, new_page):
    from zwk.participation.models import Response

    before = Response.objects.count()
    page = new_page(**PHONE)
    page.goto(base_url + "/", timeout=60_000)  # the first request of the live server warms up
    page.get_by_role("link", name=re.compile("Zukunft Musterstadt")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zukunft Musterstadt")
    assert page.url.endswith("/beteiligung/musterstadt/zukunft-musterstadt/")
    assert_no_axe_violations(page)
    _fits(page)

    page.get_by_role("link", name=re.compile("Zur Umfrage")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bürgerbefragung")
    assert_no_axe_violations(page)
    _fits(page)
    page.get_by_label(re.compile("Datenschutzhinweis gelesen")).check()
    page.get_by_label("Ich bin mindestens 16 Jahre alt.").check()  # the project asks 16+
    page.get_by_role("button", name="Umfrage beginnen").click()

    expect(page.get_by_text("Seite 1 von 3")).to_be_visible()
    assert_no_axe_violations(page)
    _fits(page)
    _group(page, "Wie alt sind Sie?").get_by_label("16 bis 17").check()
    _group(page, "Welches Geschlecht").get_by_label("weiblich").check()
    _group(page, "In welchem Ortsteil").get_by_label("Nordviertel").check()
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_text("Seite 2 von 3")).to_be_visible()
    # Save and continue: leave, come back on the same phone, pick up where she was.
    page.goto(base_url + "/beteiligung/musterstadt/zukunft-musterstadt/")
    page.get_by_role("link", name=re.compile("Zur Umfrage")).click()
    page.get_by_role("link", name="Weitermachen").click()
    expect(page.get_by_text("Seite 2 von 3")).to_be_visible()
    assert_no_axe_violations(page)
    _fits(page)
    _group(page, "Wie gern leben Sie").get_by_label(re.compile("^4")).check()
    _group(page, "wegzuziehen").get_by_label("ja", exact=True).check()
    page.get_by_label(re.compile("Was müsste sich ändern")).fill(
        "Eine Ausbildungsstelle in der Nähe und abends einen Bus."
    )
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_text("Seite 3 von 3")).to_be_visible()
    assert_no_axe_violations(page)
    _fits(page)
    _group(page, "Was fehlt Ihnen").get_by_label("Spielplatz").check()
    for rank, option in enumerate(("Mobilität", "Arbeit", "Wohnen", "Pflege"), start=1):
        page.get_by_label(re.compile(f"Rang für „{option}“")).select_option(str(rank))
    page.get_by_label(re.compile("Seit wie vielen Jahren")).fill("16")
    page.get_by_role("button", name="Antworten absenden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Danke fürs Mitmachen!")
    assert_no_axe_violations(page)
    _fits(page)
    assert Response.objects.count() == before + 1
    mine = Response.objects.latest("pk")
    assert (mine.age_group, mine.sex, mine.district) == ("16-17", "w", "Nordviertel")
    assert mine.answers.count() == 9
