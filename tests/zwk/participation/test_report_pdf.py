"""PDF report of a survey's results (issue 17): what the council reads – counts, raw and
weighted shares, effective sample size, the note on weighting, cross-tabs, visible free texts –
read from the laid-out PDF as existing PDF tests do (WeasyPrint's text boxes)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from weasyprint.formatting_structure import boxes

from tests.factories import MunicipalityFactory, UserFactory, membership
from tests.zwk.participation.factories import answers_for
from tests.zwk.participation.test_team_views import _population, _respond, url
from tests.zwk.test_pdf_tagging import pdf_objects
from zwk.participation import report, results, services

pytestmark = pytest.mark.django_db


def _texts(box):
    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


def pdf_text(survey) -> str:
    """All text of the laid-out report; words hyphenated at a line end joined again."""
    text = " ".join(" ".join(_texts(page._page_box)) for page in report.document(survey).pages)
    return re.sub(r"(\w)[-\u2010] (?=[a-zäöüß])", r"\1", text)


@pytest.fixture
def answered(survey, municipality, coordinator):
    _population(municipality)
    _respond(survey, 3, **{"Wie alt": "65-79", "Ihr Geschlecht": "w", "Wie gern": 5})
    _respond(survey, 1, **{"Wie alt": "18-24", "Ihr Geschlecht": "m", "Wie gern": 1})
    text = survey.questions.get(text__startswith="Was möchten")
    for value in ("Mehr Bänke am Marktplatz", "Ich heiße Erika Muster, Tel. 0176"):
        response, _ = services.response_submit(
            survey=survey,
            values=answers_for(survey, **{"Wie alt": "40-64", "Wie gern": 3, "Was möchten": value}),
            submission_key=value,
            consent=True,
        )
    hidden = response.answers.get(question=text)
    services.answer_hide(answer=hidden, by=coordinator, reason="Name und Telefon")
    return survey


def test_report_has_raw_and_weighted_shares_like_the_results_page(answered, client_for, member):
    text = pdf_text(answered)
    assert "Ergebnisbericht: Bürgerbefragung 2027" in text
    assert "Effektive Stichprobengröße" in text and "Was Gewichtung kann und was nicht" in text
    assert "Anteil gewichtet" in text and "nach Altersgruppe" in text
    # The weighted share of "5" on the scale question, as the results page prints it.
    with translation.override("de"):
        scale = next(
            r for r in results.survey_results(answered)["questions"] if r.question.kind == "scale"
        )
    top = next(row for row in scale.rows if row.count == 3)
    figure = f"{top.wpercent:.1f}".replace(".", ",") + " %"
    assert top.wpercent != pytest.approx(top.percent)  # weighting changes the share
    page = client_for(member).get(url("results", answered)).content.decode()
    assert f'<td class="num">{figure}</td>' in page
    assert figure in text
    # Years as years (no "2.024"), German decimal comma.
    assert "(2024)" in text and "2.024" not in text
    assert re.search(r"\d+,\d %", text)
    # Free texts: the visible one, not the one hidden by the moderation.
    assert "Mehr Bänke am Marktplatz" in text
    assert "Erika" not in text and "1 Freitext wurde von der Moderation ausgeblendet" in text


def test_report_without_population_data_says_so(survey):
    _respond(survey, 2, **{"Wie alt": "65-79", "Wie gern": 5})
    text = pdf_text(survey)
    assert "keine Einwohnerzahlen nach Alter und Geschlecht" in text
    assert "nur ungewichtete Zahlen" in text and "Anteil gewichtet" not in text


def test_download_from_the_results_page_tagged_and_team_only(
    answered, client_for, member, office_user
):
    pdf_url = reverse(
        "participation_team:report_pdf",
        kwargs={"slug": answered.project.municipality.slug, "survey": answered.pk},
    )
    assert pdf_url in client_for(member).get(url("results", answered)).content.decode()
    response = client_for(member).get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    objects = pdf_objects(response.content)
    assert b"/StructTreeRoot" in objects and re.search(rb"/Lang\s*\(de\)", objects)
    assert client_for(office_user).get(pdf_url).status_code == 200
    # Anonymous and a participant (no account): log in first.
    anonymous = client_for(None).get(pdf_url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(
        reverse("accounts:login")
    )
    other = MunicipalityFactory(name="Anderswo", slug="anderswo", ags="09180997")
    stranger = UserFactory(username="anderswo-team")
    membership(stranger, other)
    assert client_for(stranger).get(pdf_url).status_code == 404
    wrong_kommune = reverse(
        "participation_team:report_pdf", kwargs={"slug": "anderswo", "survey": answered.pk}
    )
    assert client_for(stranger).get(wrong_kommune).status_code == 404
