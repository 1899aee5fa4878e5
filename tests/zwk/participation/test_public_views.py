"""Public pages: project page, survey page by page with save-and-continue, duplicate
submissions, closed phase, used codes – German messages, nothing stored twice."""

import pytest
from django.urls import reverse

from tests.zwk.participation.factories import make_project, make_survey
from zwk.participation import services
from zwk.participation.models import AccessCode, Question, Response, Survey

pytestmark = pytest.mark.django_db


def page_url(survey, page):
    return reverse(
        "participation:survey_page",
        kwargs={
            "slug": survey.project.municipality.slug,
            "project": survey.project.slug,
            "survey": survey.pk,
            "page": page,
        },
    )


def field(survey, prefix):
    return f"q{survey.questions.get(text__startswith=prefix).pk}"


def start(client, survey, **extra):
    response = client.post(survey.get_absolute_url(), {"consent": "on", **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def answer_all(client, survey):
    start(client, survey)
    r1 = client.post(
        page_url(survey, 1),
        {
            field(survey, "Wie alt"): "16-17",
            field(survey, "Ihr Geschlecht"): "w",
            field(survey, "In welchem"): "Altstadt",
        },
    )
    assert r1.status_code == 302 and r1["Location"] == page_url(survey, 2)
    r2 = client.post(
        page_url(survey, 2),
        {
            field(survey, "Wie gern"): "5",
            field(survey, "Wie kommen"): "1",
            field(survey, "Was fehlt"): "Abends fährt kein Bus",
            field(survey, "Was wünschen"): ["0", "2"],
        },
    )
    assert r2.status_code == 302 and r2["Location"] == page_url(survey, 3)
    ranking = survey.questions.get(kind=Question.Kind.RANKING)
    data = {
        f"q{ranking.pk}_0": "2",
        f"q{ranking.pk}_1": "1",
        f"q{ranking.pk}_2": "3",
        field(survey, "Seit wie"): "3",
        "submission": client.session[f"zwk_umfrage_{survey.pk}"]["key"],
    }
    return client.post(page_url(survey, 3), data), data


def test_project_page_lists_the_open_survey(client, survey):
    response = client.get(survey.project.get_absolute_url())
    assert response.status_code == 200
    assert survey.title in response.content.decode()
    assert survey.get_absolute_url() in response.content.decode()


def test_unpublished_project_is_hidden_from_the_public(client, municipality, coordinator):
    project = make_project(municipality, by=coordinator, slug="geheim", published=False)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_a_survey_answered_page_by_page_is_stored_once(client, survey):
    response, data = answer_all(client, survey)
    assert response.status_code == 302 and response["Location"].endswith("/fertig/")
    stored = Response.objects.get()
    assert (stored.age_group, stored.sex, stored.district) == ("16-17", "w", "Altstadt")
    assert stored.answers.count() == 9
    # Double click on "Absenden": the same page again with the same key → thanks, no copy.
    again = client.post(page_url(survey, 3), data)
    assert again.status_code == 302 and again["Location"].endswith("/fertig/")
    assert Response.objects.count() == 1
    done = client.get(again["Location"])
    assert "Ihre Antworten sind gespeichert" in done.content.decode()


def test_two_tabs_store_once(client, survey):
    _response, data = answer_all(client, survey)
    # The second tab still shows page 3 of the same questionnaire (same session, same key).
    key = data["submission"]
    services.response_submit(survey=survey, values={}, submission_key=key, consent=True)
    assert Response.objects.count() == 1


def test_save_and_continue_on_the_device(client, survey):
    start(client, survey)
    client.post(page_url(survey, 1), {field(survey, "Wie alt"): "65-79"})
    page = client.get(survey.get_absolute_url())
    assert "Weitermachen" in page.content.decode()
    back = client.get(page_url(survey, 1))
    assert 'value="65-79" checked' in back.content.decode() or "checked" in back.content.decode()
    assert not Response.objects.exists()


def test_missing_required_answer_keeps_input_and_says_why(client, survey):
    start(client, survey)
    client.post(page_url(survey, 1), {field(survey, "Wie alt"): "40-64"})
    response = client.post(page_url(survey, 2), {field(survey, "Wie kommen"): "0"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte beantworten Sie diese Frage." in html
    assert "checked" in html  # the choice made stays
    assert not Response.objects.exists()


def test_too_long_text_and_bad_number_are_refused_in_german(client, survey):
    start(client, survey)
    client.post(page_url(survey, 1), {field(survey, "Wie alt"): "40-64"})
    client.post(page_url(survey, 2), {field(survey, "Wie gern"): "3"})
    response = client.post(
        page_url(survey, 3),
        {field(survey, "Seit wie"): "viele", field(survey, "Was möchten"): "x" * 2500},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "ganze Zahl" in html and "höchstens 2000 Zeichen" in html
    assert not Response.objects.exists()


def test_skipped_condition_question_is_not_asked(client, survey):
    start(client, survey)
    client.post(page_url(survey, 1), {field(survey, "Wie alt"): "40-64"})
    response = client.post(
        page_url(survey, 2), {field(survey, "Wie gern"): "3", field(survey, "Wie kommen"): "2"}
    )
    assert response.status_code == 302


def test_closed_phase_says_so_and_takes_nothing(client, municipality, coordinator):
    project = make_project(municipality, by=coordinator, slug="vorbei", open_now=False)
    survey = make_survey(project, by=coordinator)
    page = client.get(survey.get_absolute_url())
    assert "beendet" in page.content.decode()
    response = client.post(survey.get_absolute_url(), {"consent": "on"})
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_used_access_code_is_refused(client, project, coordinator):
    survey = make_survey(project, by=coordinator, access=Survey.Access.CODES)
    code = services.codes_generate(survey=survey, count=1, by=coordinator)[0].code
    response = client.get(survey.get_absolute_url() + f"?code={code}")
    assert code in response.content.decode()
    answer_all_code = client.post(
        survey.get_absolute_url(), {"consent": "on", "code": code.lower()}
    )
    assert answer_all_code.status_code == 302
    AccessCode.objects.filter(code=code).update(used_at="2026-01-01T00:00:00Z")
    other = client.__class__()
    refused = other.post(survey.get_absolute_url(), {"consent": "on", "code": code})
    assert refused.status_code == 400
    assert "Mit diesem Zugangscode wurde schon geantwortet" in refused.content.decode()
    wrong = other.post(survey.get_absolute_url(), {"consent": "on", "code": "XXXX"})
    assert "kennen wir nicht" in wrong.content.decode()


def test_without_consent_the_survey_does_not_start(client, survey):
    response = client.post(survey.get_absolute_url(), {})
    assert response.status_code == 400
    assert "Bitte stimmen Sie zu" in response.content.decode()


def test_open_projects_on_mitmachen_and_home(client, survey):
    for url in (reverse("participate:index"), reverse("home"), reverse("participation:open_list")):
        html = client.get(url).content.decode()
        assert survey.project.get_absolute_url() in html, url
