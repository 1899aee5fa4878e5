"""Survey results (issue 18, item 3): the moderation adds one translation of a free-text
answer on the results page, shown next to the original, marked and in its own language."""

import pytest
from django.urls import reverse

from tests.zwk.participation.factories import make_project, make_survey, q
from zwk.participation.models import Answer, Question, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def turkish_answer(municipality, coordinator):
    project = make_project(municipality, by=coordinator)
    survey = make_survey(project, by=coordinator, questions=False)
    question = q(survey, Question.Kind.TEXT, "Was fehlt Ihnen?")
    response = Response.objects.create(survey=survey, language="tr")
    return Answer.objects.create(response=response, question=question, value="Akşam otobüs yok")


def urls(answer):
    kwargs = {"slug": answer.municipality.slug, "survey": answer.response.survey_id}
    results = reverse("participation_team:results", kwargs=kwargs)
    translate = reverse(
        "participation_team:answer_translate", kwargs={**kwargs, "answer": answer.pk}
    )
    return results, translate


def data(answer, text="Abends fährt kein Bus", language="de"):
    prefix = f"a{answer.pk}"
    return {
        f"{prefix}-moderator_translation": text,
        f"{prefix}-moderator_translation_language": language,
    }


def test_translation_is_shown_next_to_the_answer_and_marked(
    client_for, coordinator, turkish_answer
):
    results, translate = urls(turkish_answer)
    team = client_for(coordinator)
    before = team.get(results).content.decode()
    assert f'action="{translate}"' in before and "Übersetzung hinzufügen" in before
    response = team.post(translate, data(turkish_answer, "No bus in the evening", "en"))
    assert response["Location"] == f"{results}#antwort-{turkish_answer.pk}"
    page = team.get(results).content.decode()
    item = page[page.index(f'id="antwort-{turkish_answer.pk}"') :]
    assert item.index('<span lang="tr" dir="ltr">Akşam otobüs yok</span>') < item.index(
        "Übersetzung durch die Moderation"
    )
    assert '<p lang="en" dir="ltr">No bus in the evening</p>' in item
    # Saving an empty text removes it again.
    team.post(translate, data(turkish_answer, text=""))
    turkish_answer.refresh_from_db()
    assert turkish_answer.moderator_translation == ""


def test_unknown_language_is_refused_and_nothing_stored(client_for, coordinator, turkish_answer):
    results, translate = urls(turkish_answer)
    team = client_for(coordinator)
    team.post(translate, data(turkish_answer, language="xx"))
    page = team.get(results).content.decode()
    assert "keine gültige Auswahl" in page
    turkish_answer.refresh_from_db()
    assert turkish_answer.moderator_translation == ""


def test_translation_permissions(client_for, member, other_member, turkish_answer):
    _results, translate = urls(turkish_answer)
    anonymous = client_for(None)
    assert anonymous.post(translate, data(turkish_answer))["Location"].startswith(
        reverse("accounts:login")
    )
    assert client_for(other_member).post(translate, data(turkish_answer)).status_code == 404
    # A plain team member sees the results but does not moderate them.
    assert client_for(member).post(translate, data(turkish_answer)).status_code == 403
    turkish_answer.refresh_from_db()
    assert turkish_answer.moderator_translation == ""
