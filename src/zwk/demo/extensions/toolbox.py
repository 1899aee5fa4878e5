"""Demo data of the Werkzeugkoffer: the published entries (from the data migration, restored if
tests emptied the database), some ratings and bookmarks, and one best practice from
Beispielhausen that awaits the office's review."""

from zwk.municipalities.models import Theme
from zwk.toolbox import content, services
from zwk.toolbox.models import Bookmark, Entry, Rating

ORDER = 30

RATINGS = [
    # (username, entry slug, stars, helpful)
    ("team-musterstadt", "zukunftswerkstatt", 5, True),
    ("koordination-musterstadt", "world-cafe", 4, True),
    ("koordination-beispielhausen", "nahversorgung-sichern", 5, True),
    ("team-beispielhausen", "mobilitaet-laendlicher-raum", 4, True),
    ("koordination-seedorf-am-wald", "wohnen-im-alter", 5, True),
    ("koordination-landkreis-musterland", "stakeholder-analyse", 3, False),
]
BOOKMARKS = [
    ("musterstadt", "zukunftswerkstatt"),
    ("musterstadt", "kinder-und-jugendbeteiligung"),
    ("beispielhausen", "nahversorgung-sichern"),
    ("beispielhausen", "beispiel-dorfladen-als-treffpunkt"),
]
SUBMISSION_TITLE = "Mitfahrbänke in allen Ortsteilen von Beispielhausen"


def build(*, municipalities, users, stdout):
    created = content.install()
    for username, slug, stars, helpful in RATINGS:
        user = users.get(username)
        entry = Entry.objects.filter(slug=slug).first()
        membership = user.memberships.select_related("municipality").first() if user else None
        if not (entry and membership) or Rating.objects.filter(entry=entry, user=user).exists():
            continue
        services.rating_set(
            entry=entry,
            user=user,
            municipality=membership.municipality,
            stars=stars,
            helpful=helpful,
        )
    for m_slug, slug in BOOKMARKS:
        municipality = municipalities.get(m_slug)
        entry = Entry.objects.filter(slug=slug).first()
        if municipality and entry:
            Bookmark.objects.get_or_create(
                entry=entry,
                municipality=municipality,
                defaults={"created_by": users.get(f"koordination-{m_slug}")},
            )
    beispielhausen = municipalities.get("beispielhausen")
    author = users.get("koordination-beispielhausen")
    if beispielhausen and author and not Entry.objects.filter(title=SUBMISSION_TITLE).exists():
        services.best_practice_submit(
            municipality=beispielhausen,
            by=author,
            themes=Theme.objects.filter(slug__in=["mobilitaet"], municipality__isnull=True),
            data={
                "title": SUBMISSION_TITLE,
                "summary": "Zwölf Mitfahrbänke verbinden die fünf Ortsteile mit dem Hauptort. "
                "Wer sich setzt, wird von Nachbarinnen und Nachbarn mitgenommen.",
                "body": "<p>Die Idee stammt aus unserer Zukunftswerkstatt: Viele Ältere kommen "
                "ohne Auto nicht zum Arzt und zum Einkaufen. Der Bauhof hat die Bänke gebaut, "
                "der Heimatverein hat sie gestrichen und beschildert.</p>"
                "<p>Nach einem Jahr nutzen vor allem Ältere und Jugendliche die Bänke.</p>",
                "steps": "Standorte mit den Ortsvorstehern festlegen\nBänke bauen und "
                "beschildern\nIm Amtsblatt und bei Vereinen bekannt machen\nNach einem Jahr "
                "nachfragen",
                "period": "2025–2026",
                "results": "12 Bänke; nach unserer Umfrage nutzen rund 40 Menschen sie "
                "regelmäßig (Demodaten).",
                "lessons_learnt": "Die Schilder müssen auch zeigen, wohin man möchte. Ohne "
                "Werbung im Amtsblatt wusste anfangs kaum jemand Bescheid.",
                "transferability": "Für kleine Gemeinden mit mehreren Ortsteilen gut geeignet.",
                "phases": ["plan", "review"],
                "target_groups": ["seniors", "youth"],
            },
        )
    stdout.write(
        f"Werkzeugkoffer: {Entry.objects.published().count()} veröffentlichte Einträge "
        f"({created} neu), {Entry.objects.filter(status='review').count()} in Prüfung."
    )
