"""Demo data of the Beteiligung: Musterstadt's open project "Zukunft Musterstadt" with a
Bürgerbefragung by open link (/beteiligung/musterstadt/zukunft-musterstadt/) and about 120
fictional answers – older people and women over-represented, so the weighting has something
to do – and an Ideensammlung with ideas (some placed near Musterstadt's coordinates),
comments, replies, support and statuses; one idea is taken into the Werkstattplan (its
"Bürgerbus" measure, hence after plans.py). Idempotent: the project and the idea collection
are each created once.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from zwk.municipalities.models import Theme
from zwk.participation import idea_services, services
from zwk.participation.models import (
    IdeaCollection,
    IdeaStatus,
    Project,
    ProjectPhase,
    Question,
    Survey,
)

ORDER = 52  # after the workshops (40) and plans (50): an idea links to a measure
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


IDEAS = [
    # title, text, district, place, offset from the Kommune's coordinates (lat, lon) or None
    (
        "Sitzbänke auf dem Weg zum Friedhof",
        "Der Weg vom Marktplatz zum Friedhof ist lang. Alle 200 Meter eine Bank, dann schaffen "
        "ihn auch die Älteren zu Fuß.",
        "Altstadt",
        "Friedhofsweg",
        (0.0021, -0.0034),
    ),
    (
        "Abendbus nach Oberdorf",
        "Nach 19 Uhr fährt kein Bus mehr nach Oberdorf. Ein Rufbus oder Bürgerbus am Abend "
        "würde Jugendlichen und Älteren helfen.",
        "Oberdorf",
        "Haltestelle Oberdorf Kirche",
        (0.0105, 0.0062),
    ),
    (
        "Treffpunkt für Jugendliche im alten Bahnhof",
        "Im Bahnhofsgebäude stehen Räume leer. Dort könnte ein Jugendtreff entstehen, den die "
        "Jugendlichen selbst mitgestalten.",
        "Am Bahnhof",
        "Bahnhofstraße 1",
        (-0.0047, 0.0011),
    ),
    (
        "Mittagstisch für Seniorinnen und Senioren",
        "Einmal in der Woche gemeinsam essen, zum Beispiel im Gemeindehaus – gegen das Alleinsein.",
        "Nordviertel",
        "",
        None,
    ),
    (
        "Schwimmbad wieder öffnen",
        "Das Hallenbad ist seit Jahren geschlossen. Kinder lernen kaum noch schwimmen.",
        "Altstadt",
        "Hallenbad an der Schulstraße",
        (-0.0012, -0.0058),
    ),
]
COMMENTS = [
    (0, "Ja, besonders im Sommer wäre Schatten an den Bänken gut.", "Lena, 17"),
    (1, "Ich arbeite bis 20 Uhr in der Stadt und komme ohne Auto nicht heim.", "Murat"),
    (1, "Ein Bürgerbus mit ehrenamtlichen Fahrern klappt in unserem Nachbarort gut.", "Hans"),
    (2, "Wir würden beim Renovieren mithelfen!", "Jugendforum"),
]


def _ideas(project, phase, coordinator, stdout) -> None:
    collection = idea_services.collection_save(
        collection=IdeaCollection(
            project=project,
            phase=phase,
            title="Ideen für Musterstadt",
            intro=(
                "Was würde Musterstadt für Jung und Alt lebenswerter machen? Schreiben Sie Ihre "
                "Idee auf, unterstützen Sie die Ideen anderer und diskutieren Sie mit. Das Team "
                "der Stadt antwortet und sagt, was aus jeder Idee wird."
            ),
        ),
        by=coordinator,
    )
    municipality = project.municipality
    themes = list(project.themes.all())
    people = [
        idea_services.participant_join(
            collection=collection, pseudonym=name, consent=True, age_group=age, district=district
        )
        for name, age, district in [
            ("Gerda", "65-79", "Altstadt"),
            ("Murat", "25-39", "Oberdorf"),
            ("Lena, 17", "16-17", "Am Bahnhof"),
            ("Hans", "80+", "Nordviertel"),
            ("Jugendforum", "16-17", "Am Bahnhof"),
        ]
    ]
    lat0 = float(municipality.latitude) if municipality.latitude is not None else None
    lon0 = float(municipality.longitude) if municipality.longitude is not None else None
    ideas = []
    for i, (title, text, district, place, offset) in enumerate(IDEAS):
        position = {}
        if offset and lat0 is not None and lon0 is not None:
            position = {"latitude": lat0 + offset[0], "longitude": lon0 + offset[1]}
        idea, _created = idea_services.idea_submit(
            collection=collection,
            participant=people[i % len(people)],
            submission_key=f"demo-idea-{i}",
            title=title,
            text=text,
            theme=themes[i % len(themes)] if themes else None,
            place=place,
            district=district,
            **position,
        )
        ideas.append(idea)
    for j, (index, text, name) in enumerate(COMMENTS):
        person = next(p for p in people if p.pseudonym == name)
        idea_services.comment_add(
            idea=ideas[index], participant=person, text=text, submission_key=f"demo-c-{j}"
        )
    first = ideas[1].comments.first()
    idea_services.comment_add(
        idea=ideas[1],
        participant=people[0],
        text="Dem schließe ich mich an – sonntags auch.",
        submission_key="demo-reply",
        parent=first,
    )
    for index, count in [(0, 4), (1, 5), (2, 3), (3, 2)]:
        for person in people[:count]:
            idea_services.idea_support(idea=ideas[index], participant=person)
    idea_services.idea_status_set(
        idea=ideas[0],
        status=IdeaStatus.REVIEW,
        reason="Der Bauhof prüft bis zum Frühjahr, wo Bänke stehen können.",
        by=coordinator,
    )
    idea_services.idea_answer(
        idea=ideas[0],
        by=coordinator,
        text="Danke! Wir melden uns, sobald der Bauhof die Standorte geprüft hat.",
    )
    bus = idea_services.measures_for(municipality).filter(title__icontains="Bürgerbus").first()
    if bus is not None:
        idea_services.idea_status_set(
            idea=ideas[1],
            status=IdeaStatus.ADOPTED,
            reason="Die Idee ist Teil der Maßnahme „Bürgerbus“ im Werkstattplan.",
            measure=bus,
            by=coordinator,
        )
    idea_services.idea_status_set(
        idea=ideas[4],
        status=IdeaStatus.REJECTED,
        reason=(
            "Ein eigenes Hallenbad kann die Stadt nicht finanzieren. Die Schulen fahren ab "
            "2027 zum Schwimmunterricht ins Kreisbad; der Bus dorthin ist bezahlt."
        ),
        by=coordinator,
    )
    stdout.write(
        f"Beteiligung: Ideensammlung mit {len(ideas)} Ideen, Kommentaren und Unterstützung "
        f"({collection.get_absolute_url()})."
    )


def build(*, municipalities, users, stdout) -> None:
    municipality = municipalities.get("musterstadt")
    if municipality is None:
        return
    coordinator = users.get("koordination-musterstadt")
    project = Project.objects.filter(municipality=municipality, slug=SLUG).first()
    if project is not None:
        if not project.idea_collections.exists():
            phase = project.phases.order_by("starts_on").first()
            if phase is not None:
                _ideas(project, phase, coordinator, stdout)
        return
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
    _ideas(project, phase, coordinator, stdout)
    stdout.write(
        f"Beteiligung: Projekt {SLUG} mit offener Umfrage und 120 Antworten "
        f"(/beteiligung/musterstadt/{SLUG}/)."
    )
