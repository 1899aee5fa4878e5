"""Survey results by interface language (issue 18): the team sees whom it reaches.

Only the language code the survey was answered in is stored (Response.language); the results
page counts answers per language and crosses single-choice questions with it. Paper
questionnaires have no interface language.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.zwk.core.test_participant_paths import walk_survey
from tests.zwk.participation.factories import answers_for
from zwk.participation import results, services

pytestmark = pytest.mark.django_db


def _respond(survey, n, language, *, paper=False, **answers):
    for i in range(n):
        services.response_submit(
            survey=survey,
            values=answers_for(survey, **answers),
            submission_key=f"{language}-{paper}-{i}",
            consent=True,
            paper=paper,
            language=language,
        )


def test_answering_in_a_language_stores_its_code(survey):
    walk_survey(Client(), survey, "ar")  # the whole survey, opened by a ?sprache=ar link
    assert list(survey.responses.values_list("language", flat=True)) == ["ar"]


def test_results_count_answers_per_interface_language(client_for, member, survey):
    _respond(survey, 3, "de", **{"Wie alt": "65-79", "Wie gern": 5})
    _respond(survey, 2, "uk", **{"Wie alt": "25-39", "Wie gern": 2})
    _respond(survey, 1, "de-ls", **{"Wie alt": "40-64", "Wie gern": 4})
    _respond(survey, 1, "", paper=True, **{"Wie alt": "80+", "Wie gern": 5})

    data = results.survey_results(survey)
    rows = [(row["name"], row["count"]) for row in data["interface_languages"]]
    assert rows == [
        ("Deutsch", 3),
        ("Leichte Sprache", 1),
        ("Українська", 2),
        ("ohne Angabe (z. B. Papier)", 1),
    ]
    scale = next(r for r in data["questions"] if r.question.text.startswith("Wie gern"))
    by_language = next(ct for ct in scale.crosstabs if ct["title"] == "Sprache der Oberfläche")
    assert [(row["label"], row["total"]) for row in by_language["rows"]] == [
        ("Deutsch", 3),
        ("Leichte Sprache", 1),
        ("Українська", 2),
    ]

    html = client_for(member).get(
        reverse(
            "participation_team:results",
            kwargs={"slug": survey.project.municipality.slug, "survey": survey.pk},
        )
    )
    text = html.content.decode()
    assert "Antwortbögen nach Sprache der Oberfläche" in text
    assert '<th class="kern-table__header" scope="row" lang="uk">Українська</th>' in text
    assert "nach Sprache der Oberfläche (Anzahl, ungewichtet)" in text


def test_results_page_of_another_kommune_stays_closed(client_for, survey):
    from tests.factories import MunicipalityFactory, UserFactory, membership
    from zwk.municipalities.models import Membership

    other = MunicipalityFactory(name="Anderswo", slug="anderswo", ags="09180998")
    stranger = UserFactory(username="fremd")
    membership(stranger, other, Membership.Role.COORDINATOR)
    _respond(survey, 1, "uk", **{"Wie alt": "25-39", "Wie gern": 2})
    response = client_for(stranger).get(
        reverse(
            "participation_team:results",
            kwargs={"slug": survey.project.municipality.slug, "survey": survey.pk},
        )
    )
    assert response.status_code in (403, 404)
    assert "nach Sprache der Oberfläche" not in response.content.decode()
