"""Demo data of the Beratungspool: profiles of beratung1–3, day budgets for this year and
requests in every state with logged days (fictional, German).

Idempotent per part: an existing profile is left as it is, a budget only created when the
Kommune has none for the year, requests only when the Kommune has none yet.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from zwk.consulting import services
from zwk.consulting.models import ConsultantProfile, ConsultingRequest, DayBudget, ProfileTag
from zwk.municipalities.models import Theme

ORDER = 60
# Seedorf may overrun its small budget: the office's overview then shows „über Plan“.
OVERRUN = {"seedorf-am-wald"}

PROFILES = {
    "beratung1": {
        "headline": "Beteiligungsprozesse und Zukunftswerkstätten in Klein- und Mittelstädten",
        "themes": [
            "halte-und-anziehungsfaktoren",
            "teilhabe-aller-altersgruppen",
            "kinder-jugend-familie",
            "ehrenamt-engagement",
        ],
        "methods": ["moderation", "zukunftswerkstatt", "buergerbeteiligung", "jugendbeteiligung"],
        "regions": ["06", "03", "05", "16"],
        "languages": ["de", "en"],
        "cv": (
            "Diplom-Sozialpädagoge, seit 2009 selbstständig mit dem Büro für Beteiligung in "
            "Kassel. Hat über 60 Beteiligungsverfahren moderiert, darunter Jugendforen, "
            "Seniorenwerkstätten und Stadtteilkonferenzen. Lehrbeauftragter für "
            "Partizipation an der Universität Kassel."
        ),
        "availability_note": "dienstags bis freitags, Samstagstermine nach Absprache",
        "days_per_month": Decimal("4"),
    },
    "beratung2": {
        "headline": "Demografische Analysen, Fachkräftemonitoring und Wirkungsmessung",
        "themes": [
            "fachkraeftesicherung",
            "gesundheit-und-pflege",
            "digitale-teilhabe",
            "integration-willkommenskultur",
            "wohnen-im-alter",
        ],
        "methods": ["datenanalyse", "evaluation", "strategieentwicklung", "moderation"],
        "regions": ["14", "15", "12", "11"],
        "languages": ["de", "tr", "en"],
        "cv": (
            "Geografin (M. Sc.), zehn Jahre in der kommunalen Statistikstelle einer "
            "Großstadt, seit 2019 Inhaberin von Demografie & Daten in Leipzig. Schwerpunkte: "
            "Bevölkerungsvorausberechnung, Pflegebedarfsplanung, Indikatorensysteme für "
            "Verwaltung und Politik."
        ),
        "availability_note": "überwiegend online, vor Ort in Mitteldeutschland",
        "days_per_month": Decimal("6"),
    },
    "beratung3": {
        "headline": "Dorfentwicklung, Nahversorgung und Fördermittel für ländliche Räume",
        "themes": [
            "nahversorgung",
            "mobilitaet",
            "ortskerne-innenentwicklung",
            "wohnen-im-alter",
            "kommunale-identitaet",
        ],
        "methods": ["moderation", "zukunftswerkstatt", "foerdermittel", "projektmanagement"],
        "regions": ["13", "01", "09", "12"],
        "languages": ["de", "da"],
        "cv": (
            "Landschaftsplanerin und Mediatorin. Begleitet seit 2012 Dörfer und "
            "Kleinstädte bei Dorfläden, Bürgerbussen und der Belebung von Ortskernen; "
            "kennt die Förderprogramme von Bund, Ländern und EU (LEADER)."
        ),
        "availability_note": "ab Februar wieder mit freien Kapazitäten, keine Abendtermine",
        "days_per_month": Decimal("3.5"),
    },
}

BUDGETS = {
    "musterstadt": Decimal("12"),
    "beispielhausen": Decimal("8"),
    "landkreis-musterland": Decimal("20"),
    "musterberg-altstadt-nord": Decimal("10"),
    "seedorf-am-wald": Decimal("6"),
    "talstadt": Decimal("8"),
}

# slug -> requests: (topic, theme slug, step, methods, status, consultant, logs, extra)
REQUESTS = {
    "musterstadt": [
        {
            "topic": "Moderation der Zukunftswerkstatt „Musterstadt 2040“",
            "theme": "teilhabe-aller-altersgruppen",
            "step": "workshop",
            "methods": ["moderation", "zukunftswerkstatt"],
            "format": "vor_ort",
            "urgency": "normal",
            "dates_note": "zwei Samstage im Frühjahr, je 10 bis 16 Uhr",
            "days_estimated": Decimal("4"),
            "description": (
                "Wir planen eine zweitägige Zukunftswerkstatt mit etwa 60 Bürgerinnen und "
                "Bürgern aller Altersgruppen und suchen eine erfahrene Moderation, die auch "
                "die Vorbereitung mit dem Kernteam übernimmt."
            ),
            "status": "accepted",
            "consultant": "beratung1",
            "logs": [
                (40, "1", "Vorbereitungstreffen mit dem Kernteam, Ablaufplan"),
                (12, "0.5", "Abstimmung der Einladung und der Jugendbeteiligung"),
            ],
        },
        {
            "topic": "Auswertung der Bürgerbefragung zum Wohnen im Alter",
            "theme": "wohnen-im-alter",
            "step": "profile",
            "methods": ["datenanalyse"],
            "format": "online",
            "urgency": "low",
            "description": (
                "Rund 1.200 Fragebögen liegen als Tabelle vor. Wir brauchen Unterstützung bei "
                "der Auswertung nach Altersgruppen und Stadtteilen."
            ),
            "status": "open",
        },
    ],
    "beispielhausen": [
        {
            "topic": "Fördermittel für den genossenschaftlichen Dorfladen",
            "theme": "nahversorgung",
            "step": "plan",
            "methods": ["foerdermittel", "projektmanagement"],
            "format": "beides",
            "urgency": "high",
            "dates_note": "möglichst vor der Gemeinderatssitzung Ende des Monats",
            "description": (
                "Der Verein „Unser Laden Beispielhausen“ will einen Dorfladen gründen. Welche "
                "Förderprogramme passen, und wie stellen wir den Antrag?"
            ),
            "status": "proposed",
            "consultant": "beratung3",
        },
    ],
    "landkreis-musterland": [
        {
            "topic": "Fachkräftemonitoring für Pflege und Handwerk aufbauen",
            "theme": "fachkraeftesicherung",
            "step": "review",
            "methods": ["datenanalyse", "evaluation"],
            "format": "online",
            "urgency": "normal",
            "description": (
                "Für die Zwischenbilanz wollen wir wenige, jährlich fortschreibbare Indikatoren "
                "zum Fachkräftebedarf festlegen und die Datenquellen klären."
            ),
            "status": "accepted",
            "consultant": "beratung2",
            "logs": [
                (60, "1", "Workshop Indikatorenauswahl mit Kreisentwicklung und Jobcenter"),
                (30, "1.5", "Aufbereitung der Beschäftigtenstatistik nach Gemeinden"),
                (5, "0.5", "Abstimmung der Berichtsvorlage"),
            ],
        },
        {
            "topic": "Pflegebedarfsvorausberechnung bis 2040",
            "theme": "gesundheit-und-pflege",
            "step": "profile",
            "methods": ["datenanalyse"],
            "format": "online",
            "urgency": "normal",
            "description": "Vorausberechnung der Pflegebedürftigen nach Ämtern als Grundlage der Pflegeplanung.",
            "status": "completed",
            "consultant": "beratung2",
            "summary": "Vorausberechnung mit drei Varianten übergeben und im Kreistag vorgestellt.",
            "logs": [
                (150, "2", "Datenaufbereitung und Modellrechnung"),
                (120, "1", "Vorstellung im Sozialausschuss"),
            ],
        },
    ],
    "musterberg-altstadt-nord": [
        {
            "topic": "Mehrsprachige Beteiligung im Quartier",
            "theme": "integration-willkommenskultur",
            "step": "workshop",
            "methods": ["buergerbeteiligung", "moderation"],
            "format": "vor_ort",
            "language": "tr",
            "urgency": "normal",
            "description": (
                "Viele Bewohnerinnen und Bewohner sprechen Türkisch oder Arabisch. Wir suchen "
                "Unterstützung für eine Beteiligung, die alle erreicht."
            ),
            "status": "declined",
            "consultant": "beratung1",
            "decline_reason": "Keine Beratung auf Türkisch möglich – Frau Yılmaz wäre besser geeignet.",
        },
    ],
    "seedorf-am-wald": [
        {
            "topic": "Zwischenbilanz vorbereiten und Ergebnisse präsentieren",
            "theme": "wohnen-im-alter",
            "step": "review",
            "methods": ["moderation", "evaluation"],
            "format": "vor_ort",
            "urgency": "normal",
            "description": "Begleitung der Zwischenbilanz mit Gemeindevertretung und Seniorenbeirat.",
            "status": "accepted",
            "consultant": "beratung3",
            "logs": [
                (100, "2", "Bilanzworkshop mit der Gemeindevertretung"),
                (70, "1.5", "Auswertung der Maßnahmen und Indikatoren"),
                (20, "2", "Vorbereitung und Moderation der Bürgerversammlung"),
                (10, "1", "Nachbereitung, Protokoll und Pressetext"),
            ],
        },
    ],
}


def _profiles(users, office, themes):
    for username, spec in PROFILES.items():
        user = users.get(username)
        if user is None or ConsultantProfile.objects.filter(user=user, headline__gt="").exists():
            continue
        profile = services.profile_for(user)
        services.profile_update(
            profile=profile,
            by=office,
            data={
                "headline": spec["headline"],
                "cv": spec["cv"],
                "availability_note": spec["availability_note"],
                "days_per_month": spec["days_per_month"],
            },
            themes=[themes[s] for s in spec["themes"] if s in themes],
            tags={
                ProfileTag.Kind.METHOD: spec["methods"],
                ProfileTag.Kind.REGION: spec["regions"],
                ProfileTag.Kind.LANGUAGE: spec["languages"],
            },
        )


def _request(municipality, spec, users, office, coordinator, themes, today):
    data = {
        k: spec[k]
        for k in (
            "topic",
            "step",
            "methods",
            "format",
            "urgency",
            "description",
            "dates_note",
            "days_estimated",
            "language",
        )
        if k in spec
    }
    data["theme"] = themes.get(spec["theme"])
    r = services.request_create(municipality=municipality, by=coordinator, data=data, notify=False)
    status = spec["status"]
    if status == "open":
        return
    consultant = users[spec["consultant"]]
    services.request_propose(consulting_request=r, consultant=consultant, by=office, notify=False)
    if status == "proposed":
        return
    if status == "declined":
        services.request_decline(
            consulting_request=r, by=consultant, reason=spec["decline_reason"], notify=False
        )
        return
    services.request_accept(consulting_request=r, by=consultant, notify=False)
    start_of_year = date(today.year, 1, 1)
    for days_ago, days, activity in spec.get("logs", []):
        services.day_log_add(
            consulting_request=r,
            by=consultant,
            worked_on=max(start_of_year, today - timedelta(days=days_ago)),
            days=Decimal(days),
            activity=activity,
        )
    if status == "completed":
        services.request_complete(consulting_request=r, by=consultant, summary=spec["summary"])


def build(*, municipalities, users, stdout) -> None:
    office = users.get("geschaeftsstelle")
    if office is None:
        return
    themes = {t.slug: t for t in Theme.objects.filter(municipality__isnull=True)}
    _profiles(users, office, themes)
    today = timezone.localdate()
    for slug, days in BUDGETS.items():
        m = municipalities.get(slug)
        if m is not None and not DayBudget.objects.filter(municipality=m, year=today.year).exists():
            services.budget_set(
                municipality=m,
                year=today.year,
                days=days,
                by=office,
                allow_overrun=slug in OVERRUN,
            )
    created = 0
    for slug, specs in REQUESTS.items():
        m = municipalities.get(slug)
        coordinator = users.get(f"koordination-{slug}")
        if (
            m is None
            or coordinator is None
            or ConsultingRequest.objects.filter(municipality=m).exists()
        ):
            continue
        for spec in specs:
            _request(m, spec, users, office, coordinator, themes, today)
            created += 1
    stdout.write(f"  Beratungspool: {created} Demo-Anfragen angelegt.")
