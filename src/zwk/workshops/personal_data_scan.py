"""Does a workshop card probably name a person? A simple, documented heuristic for review.

Cards are meant to hold ideas, but people write "Frau Ottilie Zwergstein, Lindenweg 3 hat
immer Ärger mit dem Bus" – and cards outlive the participants' 90-day purge as the
workshop's result. ``findings(text)`` lists what looks like personal data so that the
moderation can review (and redact) such cards before or at the purge. It is a pure function
(no Django, no database) and errs on the side of flagging: a person checks every hit, nothing
is changed automatically.

What counts as a hit (German texts):

* **e-mail address** – ``name@domain.tld``;
* **phone number** – ``0176 1234567``, ``+49 (0)30 123456``, ``07141/12345`` …: a leading
  ``0`` or ``+``, then at least 7 more digits, separated at most by spaces, ``/``, ``-``;
  "Bus alle 30 Minuten", years and prices are too short to match;
* **street address** – a street word ending in ``straße``/``str.``/``weg``/``gasse``/
  ``platz``/``allee``/``ring``/``damm``/``ufer``/``steig``/``pfad`` (or a separate
  ``Straße``/``Weg``/… after a name, "Am Markt 5") followed by a house number
  (``Lindenweg 3``, ``Hauptstr. 12a``, ``Am Markt 5``). "Kita am Markt" has no number;
* **name next to an address** – two capitalised words that look like first and last name
  ("Ottilie Zwergstein") in a card that also holds an address, e-mail or phone number, or
  after a title ("Frau Zwergstein", "Herr Dr. Maier"). Capitalised word pairs alone are
  common in German ("Neue Mitte", "Alte Schule") and are not flagged on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# 0 or +, then ≥ 7 further digits with single separators (space, slash, hyphen, brackets).
PHONE = re.compile(r"(?<![\w+])(?:\+|0)(?:[ /()-]{0,2}\d){7,}(?!\w)")
_STREET_SUFFIX = r"(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|steig|pfad|markt)"
_HOUSE_NUMBER = (
    r"\d{1,3}[a-z]?(?![\w%€]|[.,:]\d)"
    r"(?!\s?(?i:min|minuten|uhr|mal|std|stunden|h|km|m|euro|jahre?|tage?|wochen?|monate?"
    r"|personen|plätze|kinder|prozent)\b)"
)
STREET = re.compile(
    # "Lindenweg 3", "Hauptstr. 12a", "Bahnhofstraße 5"
    rf"\b[A-ZÄÖÜ][a-zäöüß-]*{_STREET_SUFFIX}\s?{_HOUSE_NUMBER}"
    # "Am Markt 5", "Alte Straße 7", "An der Linde 4": street names of several words
    r"|\b(?:Am|Im|Zum|Zur|An der|An den|Auf der|Auf dem|In der|Hinter der|Alte|Neue|Obere"
    rf"|Untere|Lange|Kurze)\s[A-ZÄÖÜ][a-zäöüß-]+\s{_HOUSE_NUMBER}",
)
TITLE = re.compile(
    r"\b(?:Frau|Herr|Herrn|Familie|Fam\.)\s+(?:Dr\.\s+|Prof\.\s+)?[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
)
NAME_PAIR = re.compile(
    r"\b[A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]+)?\s+[A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]+)?\b"
)
# Capitalised words that start sentences or name places and things, not first names.
_NOT_FIRST_NAMES = frozenset(
    [
        "Am",
        "An",
        "Auf",
        "Aus",
        "Bei",
        "Beim",
        "Das",
        "Dem",
        "Den",
        "Der",
        "Des",
        "Die",
        "Ein",
        "Eine",
        "Einen",
        "Für",
        "Im",
        "In",
        "Mit",
        "Nach",
        "Ohne",
        "Um",
        "Unser",
        "Unsere",
        "Vom",
        "Von",
        "Vor",
        "Wir",
        "Zum",
        "Zur",
        "Alte",
        "Alter",
        "Altes",
        "Neue",
        "Neuer",
        "Neues",
        "Mehr",
        "Viele",
        "Wenig",
        "Zu",
        "Kein",
        "Keine",
        "Kita",
        "Schule",
        "Bus",
        "Markt",
        "Stadt",
        "Platz",
        "Park",
        "Straße",
        "Weg",
        "Rathaus",
        "Bahnhof",
        "Halle",
    ]
)

KIND_LABELS = {
    "email": "E-Mail-Adresse",
    "phone": "Telefonnummer",
    "street": "Straße mit Hausnummer",
    "name": "Vor- und Nachname",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # "email", "phone", "street", "name"
    match: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def _names(text: str) -> list[str]:
    return [
        m.group(0)
        for m in NAME_PAIR.finditer(text)
        if m.group(0).split()[0] not in _NOT_FIRST_NAMES
        and m.group(0).split()[1] not in _NOT_FIRST_NAMES
        and not re.search(_STREET_SUFFIX + r"$", m.group(0).split()[1], re.IGNORECASE)
    ]


def findings(text: str) -> list[Finding]:
    """What in ``text`` looks like personal data (empty list: nothing found)."""
    if not text:
        return []
    found = [Finding("email", m.group(0)) for m in EMAIL.finditer(text)]
    without_mail = EMAIL.sub(" ", text)
    found += [Finding("phone", m.group(0).strip()) for m in PHONE.finditer(without_mail)]
    found += [Finding("street", m.group(0)) for m in STREET.finditer(without_mail)]
    found += [Finding("name", m.group(0)) for m in TITLE.finditer(without_mail)]
    if found:
        # A name pair counts next to an address, phone number or e-mail address.
        streets = {f.match for f in found if f.kind == "street"}
        found += [
            Finding("name", name)
            for name in _names(without_mail)
            if not any(name in street or street in name for street in streets)
            and not any(name in f.match for f in found if f.kind == "name")
        ]
    return found


def likely_personal(text: str) -> bool:
    return bool(findings(text))
