"""Journey (issue 17): staff enter a returned paper questionnaire of Musterstadt's
Bürgerbefragung with the same questions as online – from the team's survey page, by keyboard
where it matters, axe-core on each page – and a second click on "Bogen speichern" (the same
sheet sent twice) stores nothing twice."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def test_staff_enter_a_paper_questionnaire(demo, base_url, new_page):
    from zwk.participation.models import Response, Survey

    survey = Survey.objects.get(project__slug="zukunft-musterstadt")
    paper_before = Response.objects.filter(survey=survey, origin="paper").count()
    page = new_page(viewport={"width": 1280, "height": 900})
    login(page, base_url, "team-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/beteiligung/umfragen/{survey.pk}/")
    page.get_by_role("link", name=re.compile("Papierfragebogen")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Papierfragebogen erfassen")
    assert_no_axe_violations(page)

    page.get_by_role("group", name=re.compile("Wie alt sind Sie")).get_by_label(
        "80 und älter"
    ).check()
    # the free text is asked only of those who think of moving away (a condition)
    page.get_by_role("group", name=re.compile("wegzuziehen")).get_by_label("ja", exact=True).check()
    page.get_by_label(re.compile("Was müsste sich ändern")).fill(
        "Ein Arzt im Ort und eine Bank an der Haltestelle."
    )
    sheet = page.locator("input[name=submission]").input_value()
    page.get_by_role("button", name="Bogen speichern").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Der Papierfragebogen ist gespeichert")).to_be_visible()
    assert_no_axe_violations(page)
    paper = Response.objects.filter(survey=survey, origin="paper")
    assert paper.count() == paper_before + 1
    stored = paper.latest("pk")
    assert stored.age_group == "80+"
    assert "Ein Arzt im Ort" in " ".join(str(a.value) for a in stored.answers.all())

    # The same sheet once more (a double click, a reloaded tab): nothing stored twice.
    page.evaluate(
        """(key) => { const form = document.querySelector("main form[method=post]");
                      form.querySelector("input[name=submission]").value = key;
                      form.submit(); }""",
        sheet,
    )
    expect(page.get_by_text("nicht doppelt erfasst")).to_be_visible()
    assert paper.count() == paper_before + 1
