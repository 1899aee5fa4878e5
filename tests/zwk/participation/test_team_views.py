"""Team pages: setting up, codes and letters, paper entry, results with weighting, export,
moderation – and bad input (German message, input kept, nothing written)."""

import re

import numpy as np
import pytest
from django.urls import reverse

from tests.zwk.participation.factories import answers_for, make_survey
from zwk.participation import results, services
from zwk.participation.models import AccessCode, Answer, Project, Question, Response, Survey

pytestmark = pytest.mark.django_db


def url(name, survey, **kw):
    return reverse(
        f"participation_team:{name}",
        kwargs={"slug": survey.project.municipality.slug, "survey": survey.pk, **kw},
    )


def _population(municipality):
    """Stocks of the Kommune's region: as many men as women, ages 0–100 falling."""
    from zwk.profiles.models import PopulationStock, Region, StatisticsRelease
    from zwk.profiles.regions import region_code_for

    release = StatisticsRelease.objects.create(
        table_code="test", file_name="pop.csv", sha256="pop-participation"
    )
    region, _ = Region.objects.get_or_create(
        code=region_code_for(municipality), defaults={"name": "x", "level": "gemeinde"}
    )
    ages = np.linspace(60, 10, 101).round().tolist()
    for sex in ("male", "female"):
        PopulationStock.objects.create(
            region=region, year=2024, sex=sex, total=sum(ages), ages=ages, release=release
        )
    return ages


def _respond(survey, n, **answers):
    for i in range(n):
        services.response_submit(
            survey=survey,
            values=answers_for(survey, **answers),
            submission_key=f"{hash(str(answers))}-{i}",
            consent=True,
        )


def test_weighted_results_reproduce_the_population_structure(survey, municipality):
    ages = np.array(_population(municipality))
    _respond(survey, 4, **{"Wie alt": "65-79", "Ihr Geschlecht": "w", "Wie gern": 5})
    _respond(survey, 2, **{"Wie alt": "65-79", "Ihr Geschlecht": "m", "Wie gern": 5})
    _respond(survey, 1, **{"Wie alt": "18-24", "Ihr Geschlecht": "m", "Wie gern": 1})
    _respond(survey, 1, **{"Wie alt": "18-24", "Ihr Geschlecht": "w", "Wie gern": 1})
    _respond(survey, 1, **{"Wie alt": "40-64", "Ihr Geschlecht": "m", "Wie gern": 3})
    _respond(survey, 1, **{"Wie alt": "40-64", "Ihr Geschlecht": "w", "Wie gern": 3})
    _respond(survey, 1, **{"Wie alt": "25-39", "Ihr Geschlecht": "d", "Wie gern": 3})
    data = results.survey_results(survey)
    w = data["weighting"]
    assert w.available and w.converged and w.year == 2024 and w.n == 11 and w.n_weighted == 10
    # 16–17, 25–39 (only "divers", not in the official table) and 80+ have residents but no
    # respondent among the weighted: the weighting cannot stand in for them.
    assert w.missing_groups == ["16 bis 17", "25 bis 39", "80 und älter"]
    # Sex: population 50/50 → weighted 50/50 despite 6 women to 4 men.
    by_label = {row["label"]: row for row in w.structure}
    assert by_label["weiblich"]["weighted_share"] == pytest.approx(0.5)
    # Age: weighted shares = population shares of the groups present (renormalised).
    present = {"18 bis 24": (18, 24), "40 bis 64": (40, 64), "65 bis 79": (65, 79)}
    total = sum(ages[lo : hi + 1].sum() for lo, hi in present.values())
    for label, (lo, hi) in present.items():
        assert by_label[label]["weighted_share"] == pytest.approx(ages[lo : hi + 1].sum() / total)
    # Kish: (Σw)² / Σw² of all eleven (the one with "divers" keeps weight 1).
    weights = np.array(list(data["weights"].values()))
    assert w.effective_n == pytest.approx(weights.sum() ** 2 / (weights**2).sum())
    scale = next(r for r in data["questions"] if r.question.kind == Question.Kind.SCALE)
    assert scale.mean == pytest.approx((6 * 5 + 2 * 1 + 3 * 3) / 11)
    assert scale.weighted_mean < scale.mean  # the many satisfied older women count less


def test_results_page_shows_raw_and_weighted_and_the_note(client_for, member, survey, municipality):
    _population(municipality)
    _respond(survey, 3, **{"Wie alt": "65-79", "Ihr Geschlecht": "w", "Wie gern": 5})
    _respond(survey, 1, **{"Wie alt": "18-24", "Ihr Geschlecht": "m", "Wie gern": 1})
    html = client_for(member).get(url("results", survey)).content.decode()
    assert "Effektive Stichprobengröße" in html
    assert "Was Gewichtung kann und was nicht" in html
    assert "Anteil gewichtet" in html and "<svg" in html and "<desc" in html
    assert "nach Altersgruppe" in html


def test_results_without_population_data_say_why(client_for, member, survey):
    _respond(survey, 2, **{"Wie alt": "65-79", "Wie gern": 5})
    html = client_for(member).get(url("results", survey)).content.decode()
    assert "keine Einwohnerzahlen nach Alter und Geschlecht" in html


def test_export_has_weights(client_for, member, survey, municipality):
    _population(municipality)
    _respond(survey, 2, **{"Wie alt": "65-79", "Ihr Geschlecht": "w", "Wie gern": 5})
    _respond(survey, 1, **{"Wie alt": "18-24", "Ihr Geschlecht": "m", "Wie gern": 2})
    csv = client_for(member).get(url("export", survey, fmt="csv"))
    text = csv.content.decode("utf-8-sig")
    assert "Gewicht" in text.splitlines()[0] and "65 bis 79" in text
    xlsx = client_for(member).get(url("export", survey, fmt="xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client_for(member).get(url("export", survey, fmt="pdf")).status_code == 404


def test_paper_entry_is_marked_and_stored_once(client_for, member, survey):
    page = client_for(member).get(url("paper", survey)).content.decode()
    assert 'name="submission"' in page
    age = survey.questions.get(kind=Question.Kind.AGE_GROUP)
    text = survey.questions.get(text__startswith="Was möchten")
    data = {"submission": "papier-1", f"q{age.pk}": "80+", f"q{text.pk}": "Mehr Bänke"}
    client = client_for(member)
    assert client.post(url("paper", survey), data).status_code == 302
    assert client.post(url("paper", survey), data).status_code == 302  # double click
    response = Response.objects.get()
    assert response.origin == Response.Origin.PAPER and response.entered_by == member
    assert response.age_group == "80+" and response.answers.count() == 2


def test_paper_entry_bad_number_keeps_the_input(client_for, member, survey):
    number = survey.questions.get(kind=Question.Kind.NUMBER)
    text = survey.questions.get(text__startswith="Was möchten")
    response = client_for(member).post(
        url("paper", survey),
        {"submission": "p2", f"q{number.pk}": "zwölf", f"q{text.pk}": "Bitte mehr Busse"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "ganze Zahl" in html and "Bitte mehr Busse" in html
    assert not Response.objects.exists()


def test_codes_and_letters(client_for, coordinator, project):
    survey = make_survey(project, by=coordinator, access=Survey.Access.CODES)
    client = client_for(coordinator)
    bad = client.post(url("codes", survey), {"codes-count": "0"})
    assert bad.status_code == 400 and not AccessCode.objects.exists()
    assert client.post(url("codes", survey), {"codes-count": "3"}).status_code == 302
    assert AccessCode.objects.filter(survey=survey).count() == 3
    pdf = client.get(url("letters_pdf", survey) + "?stapel=1")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # One letter per page, each with its own code (and QR code).
    from tests.zwk.test_pdf_tagging import pdf_objects

    objects = pdf_objects(pdf.content)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", objects)) == 3


def test_member_may_not_generate_codes(client_for, member, coordinator, project):
    survey = make_survey(project, by=coordinator, access=Survey.Access.CODES)
    assert client_for(member).post(url("codes", survey), {"codes-count": "3"}).status_code == 403
    assert not AccessCode.objects.exists()


def test_free_text_moderation_needs_a_reason(client_for, coordinator, survey):
    _respond(survey, 1, **{"Wie alt": "40-64", "Wie gern": 3, "Was möchten": "Herr X ist doof"})
    answer = Answer.objects.get(question__kind=Question.Kind.TEXT)
    client = client_for(coordinator)
    client.post(url("answer_moderate", survey, answer=answer.pk), {"reason": ""})
    answer.refresh_from_db()
    assert answer.hidden_reason == ""
    done = client.post(
        url("answer_moderate", survey, answer=answer.pk), {"reason": "nennt eine Person"}
    )
    # back to the moderated answer itself, not to the first free-text question of the survey
    assert done["Location"].endswith(f"#antwort-{answer.pk}")
    answer.refresh_from_db()
    assert answer.hidden_reason == "nennt eine Person"
    html = client.get(url("results", survey)).content.decode()
    assert "ausgeblendet: nennt eine Person" in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "every id on the results page once"


def test_question_with_one_option_is_refused_and_input_kept(client_for, coordinator, survey):
    before = survey.questions.count()
    response = client_for(coordinator).post(
        url("question_create", survey),
        {
            "kind": "single",
            "text": "Nur eine Wahl?",
            "page": "1",
            "position": "9",
            "options_text": "ja",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "mindestens zwei Antwortmöglichkeiten" in html and "Nur eine Wahl?" in html
    assert survey.questions.count() == before


def test_project_slug_taken_twice_is_refused(client_for, coordinator, project, municipality):
    response = client_for(coordinator).post(
        reverse("participation_team:create", kwargs={"slug": municipality.slug}),
        {"title": "Noch eins", "slug": project.slug, "retention_days": "180"},
    )
    assert response.status_code == 400
    assert "Kurznamen hat schon" in response.content.decode()
    assert Project.objects.count() == 1
