"""Demo data of the Beteiligung: Musterstadt's open project "Zukunft Musterstadt" with a
Bürgerbefragung by open link (/beteiligung/musterstadt/zukunft-musterstadt/) and about 120
fictional answers – older people and women over-represented, so the weighting has something
to do. Idempotent: nothing is created when the project exists.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from zwk.municipalities.models import Theme
from zwk.participation import services
from zwk.participation.models import Project, ProjectPhase, Question, Survey

ORDER = 45  # after the workshops (40)
SLUG = "zukunft-musterstadt"
K = Question.Kind
DISTRICTS = ["Altstadt", "Nordviertel", "Am Bahnhof", "Oberdorf"]


def _questions(survey, by):
    def q(kind, text, page, position, **fields):
        return services.question_save(
            question=Question(
                survey=survey, kind=kind, text=text, page=page, position=position, **fields
            ),
            by=by,
        )

    age = q(K.AGE_GROUP, "Wie alt sind Sie?", 1, 1, required=True)
    sex = q(K.SEX, "Welches Geschlecht haben Sie?", 1, 2)
    district = q(K.DISTRICT, "In welchem Ortsteil wohnen Sie?", 1, 3, options=DISTRICTS)
    stay = q(
        K.SCALE,
        "Wie gern leben Sie in Musterstadt?",
        2,
        1,
        required=True,
        options=["gar nicht gern", "eher nicht gern", "teils, teils", "gern", "sehr gern"],
    )
    moving = q(
        K.SINGLE,
        "Denken Sie darüber nach, in den nächsten fünf Jahren wegzuziehen?",
        2,
        2,
        options=["nein", "vielleicht", "ja"],
    )
    why = q(
        K.TEXT,
        "Was müsste sich ändern, damit Sie bleiben?",
        2,
        3,
        condition_question=moving,
        condition_value="ja",
    )
    wishes = q(
        K.MULTIPLE,
        "Was fehlt Ihnen in Ihrem Ortsteil?",
        3,
        1,
        options=[
            "Treffpunkt für Jung und Alt",
            "Ärztin oder Arzt",
            "bezahlbare Wohnungen",
            "Busverbindung am Abend",
            "Spielplatz",
        ],
    )
    ranking = q(
        K.RANKING,
        "Was ist für die Zukunft am wichtigsten?",
        3,
        2,
        options=["Wohnen", "Mobilität", "Pflege", "Arbeit"],
    )
    years = q(
        K.NUMBER, "Seit wie vielen Jahren wohnen Sie hier?", 3, 3, number_min=0, number_max=110
    )
    q(K.TEXT, "Was möchten Sie uns noch mitgeben?", 3, 4)
    return age, sex, district, stay, moving, why, wishes, ranking, years


def _answers(survey, questions):
    age, sex, district, stay, moving, why, wishes, ranking, years = questions
    rng = random.Random(17)
    groups = ["16-17", "18-24", "25-39", "40-64", "65-79", "80+"]
    # Who answers an open survey: many 40–79, few under 25, more women.
    weights = [2, 4, 12, 40, 45, 9]
    for i in range(120):
        group = rng.choices(groups, weights)[0]
        young = group in ("16-17", "18-24", "25-39")
        leave = rng.random() < (0.35 if young else 0.08)
        values = {
            age.pk: group,
            sex.pk: rng.choices(["w", "m", "d", "x"], [60, 37, 1, 2])[0],
            district.pk: rng.choice(DISTRICTS),
            stay.pk: rng.choices(
                [1, 2, 3, 4, 5], [1, 3, 6, 10, 8] if not young else [3, 6, 8, 6, 2]
            )[0],
            moving.pk: 2 if leave else rng.choice([0, 0, 1]),
            wishes.pk: sorted(rng.sample(range(5), rng.randint(1, 3))),
            ranking.pk: rng.sample(range(4), 4),
            years.pk: rng.randint(1, 60),
        }
        if leave:
            values[why.pk] = rng.choice(
                [
                    "Eine Ausbildungsstelle in der Nähe und abends einen Bus.",
                    "Eine bezahlbare kleine Wohnung.",
                    "Etwas für junge Leute am Wochenende.",
                ]
            )
        services.response_submit(
            survey=survey,
            values=values,
            submission_key=f"demo-{i}",
            consent=True,
            language="de",
        )


def build(*, municipalities, users, stdout) -> None:
    municipality = municipalities.get("musterstadt")
    if (
        municipality is None
        or Project.objects.filter(municipality=municipality, slug=SLUG).exists()
    ):
        return
    coordinator = users.get("koordination-musterstadt")
    project = services.project_save(
        project=Project(
            municipality=municipality,
            slug=SLUG,
            title="Zukunft Musterstadt – Ihre Meinung zählt",
            description=(
                "Wie wollen wir 2040 in Musterstadt leben? Bevor der Werkstattplan entsteht, "
                "fragen wir alle ab 16 Jahren: Was hält Sie hier, was fehlt Ihnen?"
            ),
            minimum_age=16,
            published=True,
        ),
        by=coordinator,
        themes=Theme.objects.filter(municipality__isnull=True)[:3],
    )
    today = timezone.localdate()
    phase = services.phase_save(
        phase=ProjectPhase(
            project=project,
            title="Online-Befragung",
            starts_on=today - timedelta(days=14),
            ends_on=today + timedelta(days=60),
            description="Fragebogen online und auf Papier im Bürgerbüro.",
        ),
        by=coordinator,
    )
    services.phase_save(
        phase=ProjectPhase(
            project=project,
            title="Ergebnisse in der Zukunftswerkstatt",
            starts_on=today + timedelta(days=61),
            ends_on=today + timedelta(days=90),
        ),
        by=coordinator,
    )
    survey = services.survey_save(
        survey=Survey(
            project=project,
            phase=phase,
            title="Bürgerbefragung Zukunft Musterstadt",
            intro="Die Befragung dauert etwa 5 Minuten. Alle Angaben sind freiwillig, außer dem Alter.",
            access=Survey.Access.OPEN,
        ),
        by=coordinator,
    )
    _answers(survey, _questions(survey, coordinator))
    stdout.write(
        f"Beteiligung: Projekt {SLUG} mit offener Umfrage und 120 Antworten "
        f"(/beteiligung/musterstadt/{SLUG}/)."
    )
