"""Services of the Beteiligungsprojekte: answers stored once, codes answer once, refusals
write nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.zwk.participation.factories import answers_for, make_project, make_survey, q
from zwk.participation import services
from zwk.participation.models import AccessCode, Answer, Question, Response, Survey

pytestmark = pytest.mark.django_db

GOOD = {"Wie alt": "16-17", "Ihr Geschlecht": "w", "In welchem": "Altstadt", "Wie gern": 4}


def submit(survey, values, key="k1", **kw):
    kw.setdefault("consent", True)
    return services.response_submit(survey=survey, values=values, submission_key=key, **kw)


def test_a_response_is_stored_with_its_demographics(survey):
    response, created = submit(survey, answers_for(survey, **GOOD))
    assert created
    assert (response.age_group, response.sex, response.district) == ("16-17", "w", "Altstadt")
    assert response.answers.count() == 4
    assert response.consent_version


def test_the_same_submission_twice_is_stored_once(survey):
    values = answers_for(survey, **GOOD)
    first, created = submit(survey, values, key="same")
    again, created_again = submit(survey, values, key="same")
    assert created and not created_again and again.pk == first.pk
    assert Response.objects.count() == 1 and Answer.objects.count() == 4


def test_missing_required_answer_names_the_question_and_writes_nothing(survey):
    values = answers_for(survey, **{"Wie alt": "16-17"})
    with pytest.raises(ValidationError) as exc:
        submit(survey, values)
    scale = survey.questions.get(kind=Question.Kind.SCALE)
    assert exc.value.message_dict[f"q{scale.pk}"] == ["Bitte beantworten Sie diese Frage."]
    assert not Response.objects.exists()


def test_conditional_question_is_required_only_when_shown(survey):
    with pytest.raises(ValidationError) as exc:
        submit(survey, answers_for(survey, **GOOD, **{"Wie kommen": 1}))
    bus_text = survey.questions.get(text__startswith="Was fehlt")
    assert f"q{bus_text.pk}" in exc.value.message_dict
    # Not shown (Auto): its answer is dropped, not required.
    values = answers_for(survey, **GOOD, **{"Wie kommen": 2, "Was fehlt": "Takt"})
    response, _ = submit(survey, values)
    assert not response.answers.filter(question=bus_text).exists()


@pytest.mark.parametrize(
    "prefix, value",
    [
        ("Wie gern", 6),
        ("Wie kommen", 9),
        ("Was wünschen", [0, 0]),
        ("Was ist am wichtigsten", [0, 1]),
        ("Seit wie vielen", 200),
        ("Was möchten", "x" * 2001),
        ("In welchem", "Mond"),
        ("Wie alt", "99"),
    ],
)
def test_bad_values_are_refused(survey, prefix, value):
    with pytest.raises(ValidationError):
        submit(survey, answers_for(survey, **{**GOOD, prefix: value}))
    assert not Response.objects.exists()


def test_without_consent_nothing_is_stored(survey):
    with pytest.raises(ValidationError, match="Datenschutzhinweis"):
        submit(survey, answers_for(survey, **GOOD), consent=False)
    assert not Response.objects.exists()


def test_closed_phase_refuses_in_german(municipality, coordinator):
    project = make_project(municipality, by=coordinator, slug="alt", open_now=False)
    survey = make_survey(project, by=coordinator)
    with pytest.raises(ValidationError, match="beendet"):
        submit(survey, answers_for(survey, **GOOD))
    # Paper questionnaires filled in while it was open may still be entered.
    response, created = submit(
        survey, answers_for(survey, **GOOD), paper=True, by=coordinator, consent=False
    )
    assert created and response.origin == Response.Origin.PAPER


def test_unpublished_project_takes_no_online_answers(municipality, coordinator):
    project = make_project(municipality, by=coordinator, slug="entwurf", published=False)
    survey = make_survey(project, by=coordinator)
    with pytest.raises(ValidationError, match="nicht veröffentlicht"):
        submit(survey, answers_for(survey, **GOOD))


def test_access_code_answers_once(project, coordinator):
    survey = make_survey(project, by=coordinator, access=Survey.Access.CODES)
    codes = services.codes_generate(survey=survey, count=3, by=coordinator)
    assert len({c.code for c in codes}) == 3
    code = codes[0].code
    submit(survey, answers_for(survey, **GOOD), key="a", code=code.lower())
    with pytest.raises(ValidationError, match="schon geantwortet"):
        submit(survey, answers_for(survey, **GOOD), key="b", code=code)
    # The same device again (same key): the stored response, no error.
    _same, created = submit(survey, answers_for(survey, **GOOD), key="a", code=code)
    assert not created
    assert Response.objects.count() == 1
    assert AccessCode.objects.get(code=code).used_at is not None
    with pytest.raises(ValidationError, match="kennen wir nicht"):
        submit(survey, answers_for(survey, **GOOD), key="c", code="FALSCH12")


def test_codes_only_for_code_surveys_and_in_bounds(survey, coordinator, project):
    with pytest.raises(ValidationError):
        services.codes_generate(survey=survey, count=3, by=coordinator)
    coded = make_survey(project, by=coordinator, access=Survey.Access.CODES, questions=False)
    with pytest.raises(ValidationError):
        services.codes_generate(survey=coded, count=0, by=coordinator)
    assert services.codes_generate(survey=coded, count=2, by=coordinator)[0].batch == 1
    assert services.codes_generate(survey=coded, count=2, by=coordinator)[0].batch == 2


def test_question_condition_must_point_backwards_and_match_an_option(survey, coordinator):
    first = survey.questions.get(text__startswith="Wie kommen")
    with pytest.raises(ValidationError) as exc:
        q(
            survey,
            Question.Kind.TEXT,
            "Früher?",
            by=coordinator,
            page=1,
            position=1,
            condition_question=first,
            condition_value="Bus",
        )
    assert "condition_question" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        q(
            survey,
            Question.Kind.TEXT,
            "Später",
            by=coordinator,
            page=4,
            position=1,
            condition_question=first,
            condition_value="Fahrrad",
        )
    assert "condition_value" in exc.value.message_dict


def test_choice_question_needs_two_options(survey, coordinator):
    with pytest.raises(ValidationError):
        q(survey, Question.Kind.SINGLE, "Ja?", by=coordinator, options=["ja"])


def test_answered_question_keeps_its_options(survey, coordinator):
    submit(survey, answers_for(survey, **GOOD, **{"Wie kommen": 0}))
    question = survey.questions.get(text__startswith="Wie kommen")
    question.options = ["Rad", "Bus", "Auto"]
    with pytest.raises(ValidationError):
        services.question_save(question=question, by=coordinator)
    with pytest.raises(ValidationError):
        services.question_delete(question=question, by=coordinator)


def test_retention_purges_codes_free_texts_and_keys(municipality, coordinator):
    from zwk.participation.retention import responses_purge

    project = make_project(municipality, by=coordinator, slug="alt", open_now=False)
    survey = make_survey(project, by=coordinator)
    values = answers_for(survey, **GOOD, **{"Was möchten": "Ich heiße Erika"})
    submit(survey, values, paper=True, by=coordinator)
    assert responses_purge(today=timezone.localdate()) == []  # within retention
    later = timezone.localdate() + timedelta(days=project.retention_days + 1)
    assert [(p.pk, n) for p, n in responses_purge(today=later)] == [(project.pk, 1)]
    response = Response.objects.get()
    assert response.anonymised_at and response.submission_key is None
    assert not response.answers.filter(question__kind=Question.Kind.TEXT).exists()
    assert response.answers.count() == 4


def test_purge_runs_daily_as_a_task(settings):
    from zwk.participation.tasks import purge_responses

    entry = settings.CELERY_BEAT_SCHEDULE["participation-purge-responses"]
    assert entry["task"] == purge_responses.name
    assert purge_responses() == 0


@pytest.mark.parametrize("key", ["", "x" * 65])
def test_missing_or_overlong_submission_key_is_refused(survey, key):
    with pytest.raises(ValidationError, match="Seite neu"):
        submit(survey, answers_for(survey, **GOOD), key=key)
    assert not Response.objects.exists()
