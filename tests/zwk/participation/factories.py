"""Build participation projects in tests through the services, as in production."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zwk.participation import services
from zwk.participation.models import Project, ProjectPhase, Question, Survey

K = Question.Kind


def make_project(municipality, *, by=None, slug="zukunft", published=True, open_now=True, **extra):
    project = services.project_save(
        project=Project(
            municipality=municipality,
            title="Zukunft gestalten",
            slug=slug,
            description="Wie wollen wir leben?",
            published=published,
            **extra,
        ),
        by=by,
    )
    today = timezone.localdate()
    start = today - timedelta(days=3) if open_now else today - timedelta(days=30)
    end = today + timedelta(days=20) if open_now else today - timedelta(days=10)
    services.phase_save(
        phase=ProjectPhase(project=project, title="Umfrage", starts_on=start, ends_on=end), by=by
    )
    return project


def make_survey(project, *, by=None, access=Survey.Access.OPEN, questions=True):
    survey = services.survey_save(
        survey=Survey(
            project=project,
            phase=project.phases.first(),
            title="Bürgerbefragung 2027",
            intro="Ihre Meinung zählt.",
            access=access,
        ),
        by=by,
    )
    if questions:
        add_questions(survey, by=by)
    return survey


def q(survey, kind, text, *, by=None, page=1, position=1, **fields):
    return services.question_save(
        question=Question(
            survey=survey, kind=kind, text=text, page=page, position=position, **fields
        ),
        by=by,
    )


def add_questions(survey, *, by=None):
    """Page 1: age group, sex, Ortsteil; page 2: satisfaction, transport (+ condition),
    wishes; page 3: ranking, number, free text."""
    q(survey, K.AGE_GROUP, "Wie alt sind Sie?", by=by, page=1, position=1, required=True)
    q(survey, K.SEX, "Ihr Geschlecht", by=by, page=1, position=2)
    q(
        survey,
        K.DISTRICT,
        "In welchem Ortsteil wohnen Sie?",
        by=by,
        page=1,
        position=3,
        options=["Altstadt", "Neubaugebiet", "Oberdorf"],
    )
    q(
        survey,
        K.SCALE,
        "Wie gern leben Sie hier?",
        by=by,
        page=2,
        position=1,
        required=True,
        options=["gar nicht gern", "sehr gern"],
    )
    bus = q(
        survey,
        K.SINGLE,
        "Wie kommen Sie meist zum Einkaufen?",
        by=by,
        page=2,
        position=2,
        options=["zu Fuß", "Bus", "Auto"],
    )
    q(
        survey,
        K.TEXT,
        "Was fehlt Ihnen beim Bus?",
        by=by,
        page=2,
        position=3,
        condition_question=bus,
        condition_value="Bus",
        required=True,
    )
    q(
        survey,
        K.MULTIPLE,
        "Was wünschen Sie sich?",
        by=by,
        page=2,
        position=4,
        options=["mehr Bänke", "Treffpunkt", "Ärztin"],
    )
    q(
        survey,
        K.RANKING,
        "Was ist am wichtigsten?",
        by=by,
        page=3,
        position=1,
        options=["Wohnen", "Mobilität", "Pflege"],
    )
    q(
        survey,
        K.NUMBER,
        "Seit wie vielen Jahren wohnen Sie hier?",
        by=by,
        page=3,
        position=2,
        number_min=0,
        number_max=110,
    )
    q(survey, K.TEXT, "Was möchten Sie uns noch sagen?", by=by, page=3, position=3)
    return survey


def answers_for(survey, **by_text):
    """{question id: value} from {question text prefix: value}."""
    out = {}
    for question in survey.questions.all():
        for prefix, value in by_text.items():
            if question.text.startswith(prefix):
                out[question.pk] = value
    return out


def make_collection(project, *, by=None, title="Ideen für Musterdorf"):
    from zwk.participation import idea_services
    from zwk.participation.models import IdeaCollection

    return idea_services.collection_save(
        collection=IdeaCollection(
            project=project, phase=project.phases.first(), title=title, intro="Was fehlt?"
        ),
        by=by,
    )


def make_participant(collection, pseudonym="Erika", **extra):
    from zwk.participation import idea_services

    return idea_services.participant_join(
        collection=collection, pseudonym=pseudonym, consent=True, **extra
    )


_keys = iter(range(10**9))


def make_idea(collection, participant=None, *, title="Bank am Marktplatz", **extra):
    from zwk.participation import idea_services

    participant = participant or make_participant(collection, f"P{next(_keys)}")
    idea, _created = idea_services.idea_submit(
        collection=collection,
        participant=participant,
        submission_key=f"idea-{next(_keys)}",
        title=title,
        text=extra.pop("text", "Zum Ausruhen beim Einkaufen."),
        **extra,
    )
    return idea


def png_upload(name="foto.png", size=(40, 30)):
    """A real small PNG as an uploaded file."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
