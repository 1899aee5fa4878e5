"""Demo data of the Austausch: five events (fictional, German) – two past ones with
documentation, an upcoming online seminar with a few registrations, a fully booked
Werkstattgespräch with a waiting list and a Fachforum for programme Kommunen only.

Idempotent: an event whose title exists is left as it is. The demo sends no e-mail.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from zwk.exchange import services
from zwk.exchange.models import Event, Registration, RegistrationStatus
from zwk.municipalities.models import Theme

ORDER = 70  # before the newsletter (80), which lists upcoming events
BERLIN = ZoneInfo("Europe/Berlin")

# A minimal valid PDF, so the past seminar has slides to download.
SLIDES_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

PEOPLE = [
    ("Sabine Kröger", "s.kroeger@seedorf.example.org", "Gemeinde Seedorf am Wald"),
    ("Mehmet Aydın", "m.aydin@kreis-lindenau.example.org", "Landkreis Lindenau, Sozialplanung"),
    ("Jana Petersen", "jana.petersen@amt-nordheide.example.org", "Amt Nordheide"),
    ("Dr. Klaus Weber", "k.weber@demografie-netz.example.org", "Demografie-Netzwerk Mitte e. V."),
    ("Lena Hoffmann", "lena.hoffmann@talstadt.example.org", "Stadt Talstadt, Quartiersmanagement"),
    ("Tobias Brandt", "t.brandt@wiesengrund.example.org", "Gemeinde Wiesengrund"),
    ("Aylin Demir", "a.demir@hafenviertel.example.org", "Bezirksamt Hafenviertel"),
]


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    while day.weekday() >= 5:  # events on working days
        day += timedelta(days=1 if days >= 0 else -1)
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


EVENTS = [
    {
        "title": "Wohnen im Alter in kleinen Gemeinden – was funktioniert?",
        "event_type": "webinar",
        "themes": ["wohnen-im-alter", "gesundheit-und-pflege"],
        "days": -41,
        "hours": (10, 12),
        "capacity": 60,
        "audience": "open",
        "description": (
            "<p>Drei Gemeinden berichten, wie sie Wohnangebote für ältere Menschen im Ort "
            "geschaffen haben: eine Senioren-WG im ehemaligen Pfarrhaus, ein "
            "Mehrgenerationenhaus mit Tagespflege und ein Wohnberatungsnetz mit "
            "Ehrenamtlichen.</p><ul><li>Bedarf erheben mit einfachen Mitteln</li>"
            "<li>Träger und Finanzierung</li><li>Was wir anders machen würden</li></ul>"
        ),
        "past_registrations": 5,
        "summary": (
            "<p>Rund 45 Teilnehmende aus 28 Kommunen. Zentrale Erkenntnisse:</p><ol>"
            "<li>Ein früher Bürgerdialog verhindert Widerstand gegen Standorte.</li>"
            "<li>Kleine Projekte (4–8 Wohnungen) lassen sich mit Genossenschaften "
            "realisieren.</li><li>Die Wohnberatung braucht eine feste Ansprechperson in der "
            "Verwaltung.</li></ol>"
        ),
        "recording_url": "https://video.zwk.example.org/aufzeichnungen/wohnen-im-alter",
        "slides": True,
    },
    {
        "title": "Vernetzungstreffen Nord: Ehrenamt gewinnen und halten",
        "event_type": "networking",
        "themes": ["ehrenamt-engagement"],
        "days": -12,
        "hours": (13, 17),
        "capacity": 25,
        "audience": "programme",
        "place": "Bürgerhaus Beispielhausen, Lindenstraße 4, Großer Saal",
        "description": (
            "<p>Austausch der Programmkommunen aus dem Norden: Wie gewinnen wir Menschen für "
            "ein Ehrenamt, wenn Vereine schrumpfen? Mit kurzen Impulsen und viel Zeit für "
            "Gespräche.</p>"
        ),
        "past_registrations": 3,
        "summary": (
            "<p>Die Teilnehmenden vereinbarten einen gemeinsamen Ehrenamtstag im Frühjahr und "
            "tauschen Vorlagen für Ehrenamtskarten aus. Kontakt über die Geschäftsstelle.</p>"
        ),
    },
    {
        "title": "Online-Seminar: Jugendbeteiligung digital",
        "event_type": "webinar",
        "themes": ["kinder-jugend-familie", "digitale-teilhabe"],
        "days": 10,
        "hours": (16, 17, 30),
        "capacity": 40,
        "audience": "open",
        "online_link": "https://konferenz.zwk.example.org/jugendbeteiligung-digital",
        "description": (
            "<p>Wie erreichen Kommunen Jugendliche, die nicht zur Bürgerversammlung kommen? "
            "Praxisbeispiele mit Umfragen per Messenger, Jugendforen auf Discord und einer "
            "App für Ideen im Ort.</p><p>Das Seminar richtet sich an Verwaltung, "
            "Jugendpflege und Kommunalpolitik.</p>"
        ),
        "registrations": 3,
    },
    {
        "title": "Werkstattgespräch: Dorfläden und mobile Nahversorgung",
        "event_type": "talk",
        "themes": ["nahversorgung", "ortskerne-innenentwicklung"],
        "days": 17,
        "hours": (10, 12),
        "capacity": 4,
        "audience": "open",
        "online_link": "https://konferenz.zwk.example.org/dorflaeden",
        "description": (
            "<p>Ein Gespräch in kleiner Runde mit der Geschäftsführerin eines "
            "Bürger-Dorfladens und dem Betreiber eines Verkaufsmobils. Bewusst wenige "
            "Plätze, damit alle Fragen stellen können.</p>"
        ),
        "registrations": 6,  # 4 places: two on the waiting list
    },
    {
        "title": "Fachforum Fachkräftesicherung in der Pflege",
        "event_type": "forum",
        "themes": ["fachkraeftesicherung", "gesundheit-und-pflege"],
        "days": 31,
        "hours": (9, 15),
        "capacity": 50,
        "audience": "programme",
        "place": "Rathaus Musterstadt, Ratssaal, Marktplatz 1",
        "online_link": "https://konferenz.zwk.example.org/fachforum-pflege",
        "description": (
            "<p>Ganztägiges Fachforum für die Programmkommunen, vor Ort und online: "
            "Ausbildungsverbünde, Anwerbung aus dem Ausland, Wohnraum für Pflegekräfte. "
            "Mit Beiträgen aus zwei Landkreisen und der Pflegekammer.</p>"
        ),
        "registrations": 0,
        "member_registration": "team-musterstadt",
    },
]


def _create(spec, office) -> Event:
    start = _at(spec["days"], spec["hours"][0])
    end_hour = spec["hours"][1]
    end_minute = spec["hours"][2] if len(spec["hours"]) > 2 else 0
    end = _at(spec["days"], end_hour, end_minute)
    data = {
        "title": spec["title"],
        "event_type": spec["event_type"],
        "description": spec["description"],
        "start": start,
        "end": end,
        "capacity": spec["capacity"],
        "audience": spec["audience"],
        "status": "published",
        "place": spec.get("place", ""),
        "online_link": spec.get("online_link", ""),
        "organiser": office,
        "contact_email": "austausch@zwk.example.org",
    }
    themes = Theme.objects.filter(slug__in=spec["themes"], municipality__isnull=True)
    return services.event_create(by=office, data=data, themes=themes)


def build(*, municipalities, users, stdout):
    office = users.get("geschaeftsstelle")
    if office is None:
        return
    created = 0
    for spec in EVENTS:
        if Event.objects.filter(title=spec["title"]).exists():
            continue
        event = _create(spec, office)
        created += 1
        # Past events: registrations as they were at the time (the service refuses them now).
        for name, email, organisation in PEOPLE[: spec.get("past_registrations", 0)]:
            Registration.objects.create(
                event=event,
                name=name,
                email=email,
                organisation=organisation,
                status=RegistrationStatus.CONFIRMED,
                created_at=event.start - timedelta(days=14),
                confirmed_at=event.start - timedelta(days=14),
                reminded_at=event.start - timedelta(days=1),
            )
        for name, email, organisation in PEOPLE[: spec.get("registrations", 0)]:
            services.registration_create(
                event=event, name=name, email=email, organisation=organisation, notify=False
            )
        member = users.get(spec.get("member_registration", ""))
        if member:
            membership = member.memberships.select_related("municipality").first()
            services.registration_create(
                event=event,
                name=member.get_full_name() or member.username,
                email=member.email,
                organisation=membership.municipality.name if membership else "",
                user=member,
                municipality=membership.municipality if membership else None,
                notify=False,
            )
        if "summary" in spec:
            slides = ContentFile(SLIDES_PDF, name="folien-wohnen-im-alter.pdf")
            services.event_document(
                event=event,
                by=office,
                summary=spec["summary"],
                recording_url=spec.get("recording_url", ""),
                slides=slides if spec.get("slides") else None,
            )
    stdout.write(f"Austausch: {created} Veranstaltung(en) neu, {Event.objects.count()} insgesamt.")
