"""Demo data of the Zukunftswerkstatt: musterstadt gets an open workshop (code ``demo``,
``/mitmachen/demo/``) and a finished one with cards, clusters, points, sketches and protocol.

Idempotent: each workshop is created only if its code does not exist yet.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zwk.workshops import results, services, voting
from zwk.workshops.models import Workshop

ORDER = 40

OPEN_CODE = "demo"
FINISHED_CODE = "musterstadt-innenstadt"

PEOPLE = [
    ("Hanna", "25-39", "Altstadt"),
    ("Jonas", "18-24", "Nordviertel"),
    ("Gerda", "65-79", "Altstadt"),
    ("Mehmet", "40-64", "Südstadt"),
    ("Lena", "40-64", "Nordviertel"),
    ("Werner", "65-79", "Südstadt"),
    ("Sophie", "25-39", "Altstadt"),
    ("Ali", "", ""),
]

CRITIQUE = [
    ("Der Bus fährt abends und am Wochenende kaum – ohne Auto kommt man nicht weg.", "paper"),
    ("In der Innenstadt stehen viele Läden leer.", "online"),
    ("Für Jugendliche gibt es keinen Treffpunkt ohne Konsumzwang.", "online"),
    ("Ärztinnen und Ärzte gehen in Rente, Nachfolge fehlt.", "online"),
    ("Gehwege sind für Rollator und Kinderwagen oft zu schmal.", "online"),
    ("Bezahlbare kleine Wohnungen für Ältere fehlen.", "paper"),
]
FANTASY = [
    "Es wäre schön, wenn es einen Bürgerbus mit festen Fahrten gäbe.",
    "Es wäre schön, wenn im leeren Kaufhaus ein Haus für alle Generationen entstünde.",
    "Es wäre schön, wenn Jugendliche einen eigenen Raum selbst verwalten.",
    "Es wäre schön, wenn es ein Gesundheitszentrum mit Praxen unter einem Dach gäbe.",
    "Es wäre schön, wenn der Marktplatz Bänke, Schatten und Trinkbrunnen hätte.",
]
REALISATION = [
    (
        "Bürgerbus starten",
        "Seniorenbeirat, Verkehrsverein",
        "Frühjahr 2027",
        "Fahrerinnen und Fahrer suchen",
    ),
    (
        "Zwischennutzung leerer Läden",
        "Stadtmarketing, Eigentümer",
        "Herbst 2026",
        "Liste leerer Läden",
    ),
    (
        "Jugendraum im alten Bahnhof",
        "Jugendforum, Jugendamt",
        "Sommer 2027",
        "Treffen mit dem Jugendforum",
    ),
]


def _pinboard_image():
    """A drawn stand-in for a photo of a pin board: coloured cards with dots."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), (222, 206, 170))
    draw = ImageDraw.Draw(image)
    colours = [(255, 244, 160), (180, 220, 255), (200, 240, 190), (255, 205, 180)]
    for i in range(12):
        x, y = 30 + (i % 4) * 150, 30 + (i // 4) * 130
        draw.rectangle([x, y, x + 130, y + 100], fill=colours[i % 4], outline=(120, 110, 90))
        for d in range(i % 4):
            draw.ellipse([x + 10 + d * 22, y + 70, x + 26 + d * 22, y + 86], fill=(200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("pinnwand.png", buffer.getvalue(), "image/png")


def _people(workshop, count):
    return [
        services.participant_join(
            workshop=workshop, pseudonym=name, consent=True, age_group=age, district=district
        )
        for name, age, district in PEOPLE[:count]
    ]


def _add_cards(phase, coordinator, people, texts):
    cards = []
    for index, item in enumerate(texts):
        text, origin = item if isinstance(item, tuple) else (item, "online")
        if origin == "paper":
            card = services.card_add_paper(phase=phase, by=coordinator, text=text)
        else:
            card = services.card_create(
                participant=people[index % len(people)], phase=phase, text=text
            )
        cards.append(card)
    return cards


def _vote(people, cards, pattern):
    """``pattern``: for each person, indexes of the cards they give a point to."""
    for person, picks in zip(people, pattern, strict=False):
        for index in picks:
            voting.vote_cast(participant=person, card=cards[index])


def _open_workshop(municipality, coordinator, team):
    workshop = services.workshop_create(
        municipality=municipality,
        by=coordinator,
        data={
            "title": "Zukunftswerkstatt „Musterstadt 2040 – Jung und Alt“",
            "question": "Wie wollen wir 2040 in Musterstadt leben – in jedem Alter?",
            "starts_at": timezone.now().replace(minute=0, second=0, microsecond=0),
            "ends_at": timezone.now().replace(minute=0, second=0, microsecond=0)
            + timedelta(hours=4),
            "place": "Bürgerhaus Musterstadt, Großer Saal",
            "online_url": "https://konferenz.example/musterstadt-2040",
            "code": OPEN_CODE,
            "vote_budget": 5,
            "max_points_per_card": 2,
            "retention_days": 90,
        },
        themes=municipality.themes.all()[:3],
        moderators=[u for u in (coordinator, team) if u],
    )
    preparation = workshop.phases.get(kind="preparation")
    services.phase_open(phase=preparation, by=coordinator)
    critique = services.phase_open(phase=workshop.phases.get(kind="critique"), by=coordinator)
    people = _people(workshop, 5)
    cards = _add_cards(critique, coordinator, people, CRITIQUE[:4])
    _vote(people, cards, [(0, 2), (2,), (0, 3), (1,)])
    return workshop


# Sketches of the follow-up: (title of the Phantasie cluster, fields).
SKETCHES = [
    (
        "Unterwegs ohne Auto",
        {
            "title": "Bürgerbus Musterstadt",
            "goal": "Ältere und Jugendliche kommen abends und am Wochenende ohne Auto in die Innenstadt.",
            "first_steps": "Bedarf erheben, Verein gründen, Fahrzeug über Förderprogramm beschaffen.",
            "who_needed": "Ehrenamtliche Fahrerinnen und Fahrer, Seniorenbeirat, Verkehrsverbund.",
            "resources": "Fahrzeug (Förderung), Versicherung, Koordination 5 Std./Woche.",
            "sponsor": "Seniorenbeirat",
            "for_plan": True,
        },
    ),
    (
        "Miteinander der Generationen",
        {
            "title": "Haus der Generationen im ehemaligen Kaufhaus",
            "goal": "Ein offener Ort für Jung und Alt mit Café, Jugendraum und Beratung.",
            "first_steps": "Gespräch mit der Eigentümerin, Zwischennutzung für ein Jahr vereinbaren.",
            "who_needed": "Stadtmarketing, Jugendforum, Mehrgenerationenhaus-Träger.",
            "resources": "Miete für die Zwischennutzung, kleine Umbauten.",
            "sponsor": "Stadtmarketing Musterstadt",
            "for_plan": True,
        },
    ),
]


def _cluster(phase, title, cards, coordinator):
    cluster = services.cluster_create(phase=phase, title=title, by=coordinator)
    for card in cards:
        services.card_set_cluster(card=card, cluster=cluster, by=coordinator)
    return cluster


def _critique(workshop, coordinator, people) -> None:
    critique = services.phase_open(phase=workshop.phases.get(kind="critique"), by=coordinator)
    cards = _add_cards(critique, coordinator, people, CRITIQUE)
    duplicate = services.card_create(
        participant=people[7], phase=critique, text="Abends fährt kaum ein Bus."
    )
    _vote(people, cards, [(0, 1), (0, 2), (0, 5), (3, 4), (1, 2), (5, 0), (2,), (3,)])
    voting.vote_cast(participant=people[6], card=duplicate)
    services.card_merge(source=duplicate, target=cards[0], by=coordinator)
    _cluster(critique, "Mobilität", (cards[0], cards[4]), coordinator)
    _cluster(critique, "Innenstadt und Treffpunkte", (cards[1], cards[2]), coordinator)


def _fantasy(workshop, coordinator, people) -> dict:
    """The Phantasie phase; returns its clusters by title (the sketches build on them)."""
    fantasy = services.phase_open(phase=workshop.phases.get(kind="fantasy"), by=coordinator)
    visions = _add_cards(fantasy, coordinator, people, FANTASY)
    _vote(people, visions, [(0, 1), (1, 2), (0, 3), (2,), (1, 4), (0,), (2, 1), (3,)])
    clusters = [
        _cluster(fantasy, "Miteinander der Generationen", (visions[1], visions[2]), coordinator),
        _cluster(fantasy, "Unterwegs ohne Auto", (visions[0],), coordinator),
    ]
    return {c.title: c for c in clusters}


def _realisation(workshop, coordinator, people) -> None:
    realisation = services.phase_open(phase=workshop.phases.get(kind="realisation"), by=coordinator)
    projects = [
        services.card_create(
            participant=people[index],
            phase=realisation,
            text=text,
            who=who,
            by_when=by_when,
            first_step=first_step,
        )
        for index, (text, who, by_when, first_step) in enumerate(REALISATION)
    ]
    _vote(people, projects, [(0,), (0, 2), (1,), (2,), (0,), (1, 2)])


def _finished_workshop(municipality, coordinator, team):
    start = timezone.now() - timedelta(days=45)
    workshop = services.workshop_create(
        municipality=municipality,
        by=coordinator,
        data={
            "title": "Zukunftswerkstatt „Lebendige Innenstadt“",
            "question": "Was braucht unsere Innenstadt, damit alle Generationen gern dort sind?",
            "starts_at": start,
            "ends_at": start + timedelta(hours=6),
            "place": "Rathaus Musterstadt, Ratssaal",
            "code": FINISHED_CODE,
            "vote_budget": 5,
            "max_points_per_card": 2,
            "retention_days": 180,
        },
        themes=municipality.themes.all()[:2],
        moderators=[u for u in (coordinator, team) if u],
    )
    people = _people(workshop, 8)
    services.phase_open(phase=workshop.phases.get(kind="preparation"), by=coordinator)
    _critique(workshop, coordinator, people)
    clusters = _fantasy(workshop, coordinator, people)
    _realisation(workshop, coordinator, people)
    services.phase_open(phase=workshop.phases.get(kind="follow_up"), by=coordinator)
    for cluster_title, data in SKETCHES:
        results.sketch_save(
            workshop=workshop, by=coordinator, data={**data, "cluster": clusters[cluster_title]}
        )
    results.photo_add(
        workshop=workshop,
        by=coordinator,
        upload=_pinboard_image(),
        caption="Pinnwand der Kritikphase mit Punkten (Demofoto)",
    )
    services.workshop_finish(workshop=workshop, by=coordinator)
    Workshop.objects.filter(pk=workshop.pk).update(finished_at=start + timedelta(hours=6))
    return workshop


def build(*, municipalities, users, stdout) -> None:
    municipality = municipalities.get("musterstadt")
    if municipality is None:
        return
    coordinator = users.get("koordination-musterstadt")
    team = users.get("team-musterstadt")
    created = []
    if not Workshop.objects.filter(code=FINISHED_CODE).exists():
        created.append(_finished_workshop(municipality, coordinator, team))
    if not Workshop.objects.filter(code=OPEN_CODE).exists():
        created.append(_open_workshop(municipality, coordinator, team))
    if created:
        stdout.write(
            f"Zukunftswerkstatt: {len(created)} Demo-Werkstatt/-stätten für musterstadt "
            f"(Mitmachen: /mitmachen/{OPEN_CODE}/)."
        )
