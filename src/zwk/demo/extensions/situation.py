"""Demo data of the Situationsanalyse: Bestandsaufnahme, SWOT, interviews and candidate
Handlungsfelder for the Kommunen past the Kommunalprofil (fictional, realistic, German).

Idempotent per part: a part that already has content in a Kommune is left alone.
"""

from __future__ import annotations

from datetime import date

from zwk.municipalities.models import Theme
from zwk.situation import services
from zwk.situation.models import SwotItem

ORDER = 20

STRENGTH, WEAKNESS, CHANCE, RISK = "strength", "weakness", "opportunity", "threat"

# Initiative: (title, theme slugs, target groups, provider, status, contact, description, url)
DATA = {
    "musterstadt": {
        "initiatives": [
            (
                "Seniorentreff Am Lindenplatz",
                ["wohnen-im-alter", "teilhabe-aller-altersgruppen"],
                ["seniors"],
                "AWO Ortsverein Musterstadt",
                "running",
                "Renate Vogt, 06181 123-77",
                "Mittagstisch dienstags und donnerstags, Spielenachmittag, Sprechstunde der Pflegeberatung.",
                "",
            ),
            (
                "Nachbarschaftshilfe „Hand in Hand“",
                ["wohnen-im-alter"],
                ["seniors", "care"],
                "Evangelische Kirchengemeinde",
                "running",
                "nachbarschaftshilfe@musterstadt.example",
                "Ehrenamtliche begleiten zum Arzt, kaufen ein und helfen im Haushalt.",
                "https://hand-in-hand.musterstadt.example",
            ),
            (
                "Willkommenspaket für Neubürgerinnen und Neubürger",
                ["halte-und-anziehungsfaktoren"],
                ["newcomers", "families"],
                "Stadtverwaltung, Bürgerbüro",
                "running",
                "Bürgerbüro, 06181 123-0",
                "Gutscheine örtlicher Geschäfte, Vereinsübersicht und Einladung zum Neubürgerempfang.",
                "",
            ),
            (
                "Sprachcafé in der Stadtbibliothek",
                ["teilhabe-aller-altersgruppen"],
                ["migrants", "newcomers"],
                "Stadtbibliothek mit Freiwilligenagentur",
                "running",
                "Stadtbibliothek, Frau Demir",
                "Jeden Mittwoch Deutsch üben bei Kaffee – offen für alle.",
                "",
            ),
            (
                "Jugendforum Musterstadt",
                ["halte-und-anziehungsfaktoren", "teilhabe-aller-altersgruppen"],
                ["youth"],
                "Stadtjugendring",
                "planned",
                "Stadtjugendpflege, 06181 123-60",
                "Jugendliche beraten den Stadtrat zu Freizeitangeboten und Treffpunkten.",
                "",
            ),
            (
                "Wohnberatung „Länger zu Hause“",
                ["wohnen-im-alter"],
                ["seniors", "care"],
                "Pflegestützpunkt des Kreises",
                "running",
                "Pflegestützpunkt, 06181 555-20",
                "Kostenlose Beratung zum barrierearmen Umbau der eigenen Wohnung.",
                "",
            ),
        ],
        "interviews": [
            (
                "Renate Vogt",
                "Leiterin",
                "Seniorentreff Am Lindenplatz",
                date(2026, 3, 10),
                "Der Mittagstisch ist voll, aber die Helferinnen sind selbst über 70. "
                "Viele Ältere in den Neubaugebieten kennen das Angebot nicht.",
                [(WEAKNESS, "Ehrenamtliche in der Seniorenarbeit werden knapp")],
            ),
            (
                "Pflegedienstleitung",
                "Leitung ambulanter Pflegedienst",
                "Sozialstation Musterstadt",
                date(2026, 3, 24),
                "Wir müssen Anfragen ablehnen, weil Pflegekräfte fehlen. "
                "Junge Familien im Neubaugebiet wären als Teilzeitkräfte interessant.",
                [(RISK, "Pflegekräfte fehlen schon heute")],
            ),
        ],
        "swot": [
            (
                STRENGTH,
                "Zuzug junger Familien in die Neubaugebiete",
                "Bürgerbüro: viele Anmeldungen von Familien",
            ),
            (STRENGTH, "Gute Bahnanbindung ins Rhein-Main-Gebiet", ""),
            (WEAKNESS, "Wenige Treffpunkte für Jugendliche in der Innenstadt", ""),
            (
                CHANCE,
                "Leerstehende Ladenlokale für generationenübergreifende Treffpunkte nutzen",
                "",
            ),
            (RISK, "Wachsender Anteil Hochaltriger bei knappen Pflegeangeboten", ""),
        ],
        "candidates": [
            (
                "wohnen-im-alter",
                "Die Zahl Hochaltriger steigt, Pflege und Nachbarschaftshilfe sind schon jetzt am Limit.",
                [
                    "Pflegekräfte fehlen schon heute",
                    "Ehrenamtliche in der Seniorenarbeit werden knapp",
                ],
            ),
            (
                "halte-und-anziehungsfaktoren",
                "Familien ziehen zu – sie sollen bleiben und sich einbringen.",
                ["Zuzug junger Familien in die Neubaugebiete"],
            ),
            (
                "teilhabe-aller-altersgruppen",
                "Jugendliche und Ältere brauchen Orte, an denen sie sich begegnen.",
                [
                    "Wenige Treffpunkte für Jugendliche in der Innenstadt",
                    "Leerstehende Ladenlokale für generationenübergreifende Treffpunkte nutzen",
                ],
            ),
        ],
    },
    "landkreis-musterland": {
        "initiatives": [
            (
                "Bürgerbus Musterland-Nord",
                ["mobilitaet"],
                ["seniors", "all"],
                "Bürgerbusverein Musterland e. V.",
                "running",
                "Fahrdienstleitung, 03381 55-240",
                "Ehrenamtliche fahren werktags fünf Dörfer an die Kreisstadt an.",
                "",
            ),
            (
                "Gemeindeschwester plus",
                ["gesundheit-und-pflege"],
                ["seniors", "care"],
                "Landkreis, Fachbereich Soziales",
                "running",
                "Fachbereich Soziales, 03381 55-300",
                "Präventive Hausbesuche bei Menschen ab 80 ohne Pflegegrad.",
                "",
            ),
            (
                "Digitalsprechstunde in der Kreisvolkshochschule",
                ["digitale-teilhabe"],
                ["seniors"],
                "Kreisvolkshochschule",
                "running",
                "KVHS, Herr Krüger",
                "Hilfe bei Smartphone, Online-Terminvergabe und Videosprechstunde.",
                "",
            ),
            (
                "Ausbildungsbörse Musterland",
                ["fachkraeftesicherung"],
                ["youth", "working_age"],
                "Wirtschaftsförderung des Kreises mit IHK",
                "running",
                "wirtschaft@lk-musterland.example",
                "Jährliche Börse mit über 80 Betrieben aus dem Kreis.",
                "",
            ),
            (
                "Rückkehrer-Stammtisch „Heimvorteil“",
                ["fachkraeftesicherung"],
                ["working_age", "newcomers"],
                "Wirtschaftsförderung",
                "planned",
                "Wirtschaftsförderung, 03381 55-410",
                "Treffen zwischen den Jahren für Rückkehrwillige mit Jobbörse und Wohnungsangeboten.",
                "",
            ),
            (
                "Jugendfeuerwehren im Kreis",
                ["fachkraeftesicherung"],
                ["youth", "children"],
                "Kreisfeuerwehrverband",
                "running",
                "Kreisjugendfeuerwehrwart",
                "42 Jugendfeuerwehren sichern den Nachwuchs der Freiwilligen Feuerwehren.",
                "",
            ),
        ],
        "interviews": [
            (
                "Geschäftsführer",
                "Geschäftsführung",
                "Kreishandwerkerschaft",
                date(2026, 1, 20),
                "Viele Betriebe finden keine Nachfolge. Azubis scheitern oft am Weg zur Berufsschule.",
                [(WEAKNESS, "Berufsschule für Azubis ohne Auto schwer erreichbar")],
            ),
            (
                "Sozialplanerin",
                "Sozialplanung",
                "Landkreis Musterland",
                date(2026, 2, 5),
                "Im Berliner Umland wächst die Bevölkerung, im Norden schrumpfen die Dörfer. "
                "Die Versorgung muss für beide Räume unterschiedlich geplant werden.",
                [(RISK, "Auseinanderdriftende Entwicklung zwischen Umland und ländlichem Norden")],
            ),
        ],
        "swot": [
            (STRENGTH, "Zuzug aus Berlin in die Umlandgemeinden", ""),
            (STRENGTH, "Aktive Vereine und Freiwillige Feuerwehren", ""),
            (WEAKNESS, "Lücken im Busnetz abends und am Wochenende", ""),
            (CHANCE, "Homeoffice macht ländliche Orte für Familien attraktiv", ""),
            (RISK, "Hausärztinnen und Hausärzte gehen in den Ruhestand", ""),
        ],
        "candidates": [
            (
                "mobilitaet",
                "Ohne Auto sind Schule, Ausbildung und Arzt im Norden kaum erreichbar.",
                [
                    "Lücken im Busnetz abends und am Wochenende",
                    "Berufsschule für Azubis ohne Auto schwer erreichbar",
                ],
            ),
            (
                "gesundheit-und-pflege",
                "Die ärztliche Versorgung wird in den nächsten Jahren dünner.",
                ["Hausärztinnen und Hausärzte gehen in den Ruhestand"],
            ),
            (
                "fachkraeftesicherung",
                "Betriebe brauchen Nachwuchs und Nachfolge; Zuzug aus Berlin ist eine Chance.",
                [
                    "Zuzug aus Berlin in die Umlandgemeinden",
                    "Homeoffice macht ländliche Orte für Familien attraktiv",
                ],
            ),
        ],
    },
    "seedorf-am-wald": {
        "initiatives": [
            (
                "Dorfladen Seedorf",
                ["ortskerne-innenentwicklung"],
                ["all"],
                "Dorfladen Seedorf w. V.",
                "running",
                "Ladenteam, 039921 456",
                "Genossenschaftlicher Laden mit Backwaren, regionalen Produkten und Café-Ecke.",
                "",
            ),
            (
                "Seniorentreff im Gemeindehaus",
                ["wohnen-im-alter"],
                ["seniors"],
                "Volkssolidarität Ortsgruppe",
                "running",
                "Frau Brandt, 039921 123",
                "Kaffeenachmittag jeden zweiten Donnerstag, Ausflüge im Sommer.",
                "",
            ),
            (
                "Jugendfeuerwehr Seedorf",
                ["kommunale-identitaet"],
                ["youth", "children"],
                "Freiwillige Feuerwehr Seedorf",
                "running",
                "Jugendwart Ole Jensen",
                "Zwölf Kinder und Jugendliche, Übungsdienst freitags.",
                "",
            ),
            (
                "Dorfchronik und Heimatstube",
                ["kommunale-identitaet"],
                ["all"],
                "Heimatverein Seedorf",
                "paused",
                "Heimatverein",
                "Sammlung von Fotos und Erinnerungen; ruht, bis neue Räume gefunden sind.",
                "",
            ),
            (
                "Mitfahrbank an der Dorfstraße",
                ["wohnen-im-alter"],
                ["seniors", "youth"],
                "Gemeinde Seedorf",
                "finished",
                "Gemeindebüro",
                "Seit 2025 aufgestellt; wer sich setzt, wird in die Stadt mitgenommen.",
                "",
            ),
        ],
        "interviews": [
            (
                "Vorsitzender",
                "Vorsitz",
                "Heimatverein Seedorf",
                date(2025, 11, 3),
                "Die Zweitwohnsitzler sind im Sommer da und wollen sich einbringen – "
                "aber niemand fragt sie.",
                [(CHANCE, "Zweitwohnsitzler für Engagement gewinnen")],
            ),
            (
                "Hausärztin im Nachbarort",
                "Allgemeinmedizin",
                "Praxis am Markt",
                date(2025, 11, 17),
                "Die Praxis sucht seit zwei Jahren eine Nachfolge. Viele Patientinnen aus Seedorf "
                "kommen nur mit Nachbarschaftshilfe zu den Terminen.",
                [(RISK, "Hausärztliche Versorgung in der Umgebung unsicher")],
            ),
        ],
        "swot": [
            (STRENGTH, "Starker Zusammenhalt, Dorfladen als Treffpunkt", ""),
            (STRENGTH, "Attraktive Lage am See", ""),
            (WEAKNESS, "Leerstehende Höfe im Ortskern", ""),
            (WEAKNESS, "Hohes Durchschnittsalter, wenige Kinder", ""),
            (RISK, "Busverbindung nur im Schülerverkehr", ""),
        ],
        "candidates": [
            (
                "wohnen-im-alter",
                "Die meisten Einwohnerinnen und Einwohner wollen im Dorf alt werden.",
                [
                    "Hohes Durchschnittsalter, wenige Kinder",
                    "Hausärztliche Versorgung in der Umgebung unsicher",
                ],
            ),
            (
                "ortskerne-innenentwicklung",
                "Leerstand im Ortskern kann Wohnraum für Junge und Ältere werden.",
                ["Leerstehende Höfe im Ortskern", "Attraktive Lage am See"],
            ),
            (
                "kommunale-identitaet",
                "Vereine und Dorfladen tragen das Dorfleben; Zweitwohnsitzler können dazukommen.",
                [
                    "Starker Zusammenhalt, Dorfladen als Treffpunkt",
                    "Zweitwohnsitzler für Engagement gewinnen",
                ],
            ),
        ],
    },
}


def _themes(slugs, municipality):
    return Theme.objects.filter(slug__in=slugs, municipality__isnull=True).filter(
        municipalities=municipality
    )


def _build_one(municipality, data, by) -> None:
    if not municipality.initiatives.exists():
        for title, themes, groups, provider, status, contact, description, url in data[
            "initiatives"
        ]:
            services.initiative_create(
                municipality=municipality,
                by=by,
                data={
                    "title": title,
                    "provider": provider,
                    "status": status,
                    "contact": contact,
                    "description": description,
                    "url": url,
                },
                themes=_themes(themes, municipality),
                target_groups=groups,
            )
    if not municipality.situation_interviews.exists():
        for person, role, organisation, held_on, points, findings in data["interviews"]:
            interview = services.interview_create(
                municipality=municipality,
                by=by,
                data={
                    "person": person,
                    "role": role,
                    "organisation": organisation,
                    "held_on": held_on,
                    "main_points": points,
                },
            )
            for category, text in findings:
                services.swot_item_create(
                    municipality=municipality,
                    by=by,
                    category=category,
                    text=text,
                    interview=interview,
                )
    if not municipality.swot_items.filter(source=SwotItem.Source.MANUAL).exists():
        for category, text, note in data["swot"]:
            services.swot_item_create(
                municipality=municipality, by=by, category=category, text=text, note=note
            )
    if not municipality.candidate_fields.exists():
        items = {i.text: i for i in municipality.swot_items.all()}
        for slug, justification, refs in data["candidates"]:
            services.candidate_add(
                municipality=municipality,
                theme=Theme.objects.get(slug=slug, municipality__isnull=True),
                justification=justification,
                swot_items=[items[r] for r in refs if r in items],
                by=by,
            )


def build(*, municipalities, users, stdout) -> None:
    for slug, data in DATA.items():
        municipality = municipalities.get(slug)
        if municipality is None:
            continue
        _build_one(municipality, data, users.get(f"koordination-{slug}"))
    stdout.write("Situationsanalyse: Demodaten bereit.")
