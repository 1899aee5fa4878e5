"""Fictional demo Kommunen (names, AGS ending in 999 and figures are invented).

Slugs and usernames are stable: checks and browser tests rely on them (DESIGN.md).
"""

from datetime import date

OFFICE = {
    "username": "geschaeftsstelle",
    "first_name": "Gesa",
    "last_name": "Stellmann",
    "organisation": "Geschäftsstelle Zukunftswerkstatt Kommunen",
}

CONSULTANTS = [
    {
        "username": "beratung1",
        "first_name": "Bernd",
        "last_name": "Rater",
        "organisation": "Büro für Beteiligung, Kassel",
    },
    {
        "username": "beratung2",
        "first_name": "Dilara",
        "last_name": "Yılmaz",
        "organisation": "Demografie & Daten, Leipzig",
    },
    {
        "username": "beratung3",
        "first_name": "Ines",
        "last_name": "Moderow",
        "organisation": "Werkstatt Dorfentwicklung, Rostock",
    },
]

# done = number of completed steps; current = status of the next step
MUNICIPALITIES = [
    {
        "slug": "musterstadt",
        "name": "Musterstadt",
        "kind": "stadt",
        "land": "06",
        "ags": "06435999",
        "population": 28417,
        "themes": [
            "halte-und-anziehungsfaktoren",
            "wohnen-im-alter",
            "teilhabe-aller-altersgruppen",
        ],
        "description": "Mittelstadt im Rhein-Main-Umland mit wachsendem Anteil älterer Menschen und jungen Familien in den Neubaugebieten.",
        "contact": ("Miriam Koch", "m.koch@musterstadt.example", "06181 123-45"),
        "done": 2,
        "current": "in_progress",
        "consultant": "beratung1",
        "coordinator": ("Miriam", "Koch", "Stabsstelle Stadtentwicklung"),
        "member": ("Jonas", "Weber", "Sozialamt"),
    },
    {
        "slug": "beispielhausen",
        "name": "Beispielhausen",
        "kind": "gemeinde",
        "land": "09",
        "ags": "09275999",
        "population": 4312,
        "themes": ["nahversorgung", "mobilitaet", "ehrenamt-engagement"],
        "description": "Ländliche Gemeinde im Bayerischen Wald; Abwanderung junger Erwachsener, starkes Vereinsleben.",
        "contact": ("Franz Huber", "rathaus@beispielhausen.example", "08552 9876-0"),
        "done": 1,
        "current": "in_progress",
        "consultant": "beratung3",
        "coordinator": ("Franz", "Huber", "Geschäftsleitung Rathaus"),
        "member": ("Anna", "Bauer", "Seniorenbeauftragte"),
    },
    {
        "slug": "landkreis-musterland",
        "name": "Landkreis Musterland",
        "kind": "landkreis",
        "land": "12",
        "ags": "12099",
        "population": 176500,
        "themes": [
            "fachkraeftesicherung",
            "gesundheit-und-pflege",
            "digitale-teilhabe",
            "mobilitaet",
        ],
        "description": "Flächenlandkreis in Brandenburg zwischen Berliner Umland und ländlichem Raum.",
        "contact": ("Dr. Karin Lehmann", "demografie@lk-musterland.example", "03381 55-100"),
        "done": 3,
        "current": "in_progress",
        "consultant": "beratung2",
        "coordinator": ("Karin", "Lehmann", "Kreisentwicklung"),
        "member": ("Tobias", "Schulz", "Jugendamt"),
    },
    {
        "slug": "musterberg-altstadt-nord",
        "name": "Musterberg – Altstadt-Nord",
        "kind": "quartier",
        "land": "05",
        "ags": "05999000",
        "local_name": "Altstadt-Nord",
        "population": 12840,
        "themes": ["integration-willkommenskultur", "kinder-jugend-familie", "kultur-freizeit"],
        "description": "Innenstadtquartier einer Großstadt mit vielen Zugezogenen aus aller Welt und wenig Grünflächen.",
        "contact": ("Selin Arslan", "quartier@musterberg.example", "0231 4711-0"),
        "done": 0,
        "current": "in_progress",
        "consultant": "beratung1",
        "coordinator": ("Selin", "Arslan", "Quartiersmanagement"),
        "member": ("Paul", "Neumann", "Stadtteilbüro"),
    },
    {
        "slug": "seedorf-am-wald",
        "name": "Seedorf am Wald",
        "kind": "gemeinde",
        "land": "13",
        "ags": "13071999",
        "population": 1853,
        "themes": ["wohnen-im-alter", "ortskerne-innenentwicklung", "kommunale-identitaet"],
        "description": "Kleine Gemeinde an der Mecklenburgischen Seenplatte mit hohem Durchschnittsalter und vielen Zweitwohnsitzen.",
        "contact": ("Heike Brandt", "buergermeisterin@seedorf.example", "039921 123"),
        "done": 4,
        "current": "in_progress",
        "consultant": "beratung3",
        "coordinator": ("Heike", "Brandt", "Bürgermeisterin (ehrenamtlich)"),
        "member": ("Ole", "Jensen", "Gemeindevertretung"),
    },
    {
        "slug": "talstadt",
        "name": "Talstadt",
        "kind": "stadt",
        "land": "14",
        "ags": "14522999",
        "population": 15620,
        "themes": ["halte-und-anziehungsfaktoren", "fachkraeftesicherung"],
        "description": "Kleinstadt im Erzgebirge, die nach Jahren der Schrumpfung wieder Zuzug junger Familien verzeichnet.",
        "contact": ("Uwe Richter", "stadtverwaltung@talstadt.example", "03733 400-0"),
        "done": 0,
        "current": "open",
        "consultant": None,
        "coordinator": ("Uwe", "Richter", "Hauptamt"),
        "member": ("Lea", "Vogel", "Wirtschaftsförderung"),
    },
]

KICKOFF = {
    "goals": "Junge Familien halten und gewinnen.\nÄlteren ein selbstbestimmtes Leben im vertrauten Umfeld ermöglichen.\nBürgerinnen und Bürger aller Altersgruppen an der Strategie beteiligen.",
    "timetable": "Kick-off erledigt\nKommunalprofil bis Quartalsende\nZukunftswerkstatt im Frühjahr\nWerkstattplan vor der Sommerpause\nZwischenbilanz nach einem Jahr",
}
KICKOFF_ACTORS = [
    {
        "name": "Bürgermeisterin/Bürgermeister",
        "organisation": "Verwaltung",
        "role": "Schirmherrschaft",
        "is_leadership": True,
    },
    {"name": "Seniorenbeirat", "organisation": "Seniorenbeirat", "role": "Stimme der Älteren"},
    {"name": "Jugendforum", "organisation": "Jugendforum", "role": "Stimme der Jugend"},
    {
        "name": "Gewerbeverein",
        "organisation": "Gewerbeverein",
        "role": "Wirtschaft und Nahversorgung",
    },
]
PROGRAMME_START = date(2026, 3, 1)
PROGRAMME_END = date(2027, 12, 31)
