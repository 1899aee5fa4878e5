"""German text analysis for the toolbox search – pure Python, shared by both databases.

What users type differs from what authors wrote: "aelter" for "älter", "Jugend beteiligen" for
"Jugendbeteiligung", "Senioren" for "Seniorenbeteiligung". Both the stored text and the query
go through the same steps, so that they meet:

1. ``normalize``: lower case, ä→ae, ö→oe, ü→ue, ß→ss (a keyboard without umlauts writes the same).
2. ``decompound``: a compound whose parts are known words (``LEXICON``, with the usual linking
   elements s/n/en/e/er) also yields its parts – "jugendbeteiligung" → "jugend", "beteiligung".
3. ``stem``: the Snowball German stemmer ("beteiligen" and "beteiligung" → "beteil").

On PostgreSQL the database's ``german`` configuration stems; there we only hand it the
normalised text plus the compound parts (``expand_text``). On SQLite the FTS5 table stores the
stems computed here (``index_terms``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
WORD_RE = re.compile(r"[0-9A-Za-zÄÖÜäöüßẞÀ-ÿ]+")
LINKING = ("", "s", "n", "en", "e", "er", "es")
MIN_PART = 3

# Parts of compounds that occur in this domain (normalised spelling). Deliberately a list of
# whole words, not a general dictionary: a wrong split costs precision, a missing one only
# means the prefix search has to find the word.
LEXICON = frozenset(
    [
        "jugend",
        "kinder",
        "kind",
        "senioren",
        "senior",
        "alter",
        "aeltere",
        "familie",
        "familien",
        "buerger",
        "buergerinnen",
        "beteiligung",
        "beteiligen",
        "teilhabe",
        "rat",
        "raete",
        "werkstatt",
        "werkstaetten",
        "zukunft",
        "zukunfts",
        "dorf",
        "doerfer",
        "spaziergang",
        "begehung",
        "quartier",
        "quartiers",
        "stadt",
        "staedte",
        "gemeinde",
        "kommune",
        "kommunen",
        "kreis",
        "land",
        "raum",
        "wohnen",
        "wohnung",
        "wohnungen",
        "wohnraum",
        "versorgung",
        "nahversorgung",
        "nah",
        "laden",
        "mobilitaet",
        "verkehr",
        "bus",
        "buerger",
        "fahrt",
        "fahrdienst",
        "dienst",
        "fachkraefte",
        "fachkraft",
        "sicherung",
        "ehrenamt",
        "ehrenamtliche",
        "engagement",
        "verein",
        "vereine",
        "digital",
        "digitale",
        "online",
        "umfrage",
        "befragung",
        "analyse",
        "gruppe",
        "gruppen",
        "fokus",
        "szenario",
        "szenarien",
        "leitbild",
        "leit",
        "bild",
        "prozess",
        "idee",
        "ideen",
        "planung",
        "plan",
        "planen",
        "strategie",
        "konzept",
        "methode",
        "beispiel",
        "praxis",
        "willkommen",
        "kultur",
        "integration",
        "zuwanderung",
        "migration",
        "pflege",
        "gesundheit",
        "arzt",
        "aerzte",
        "schule",
        "schulen",
        "bildung",
        "arbeit",
        "arbeitgeber",
        "wirtschaft",
        "handel",
        "markt",
        "treff",
        "treffpunkt",
        "zentrum",
        "haus",
        "nachbarschaft",
        "hilfe",
        "netzwerk",
        "kooperation",
        "ort",
        "orts",
        "kern",
        "kerne",
        "entwicklung",
        "innen",
        "leerstand",
        "flaeche",
        "flaechen",
        "zeit",
        "bank",
        "mitfahr",
        "bank",
        "verwaltung",
        "politik",
        "jugendliche",
        "erwachsene",
        "eltern",
        "schueler",
        "schuelerinnen",
        "einwohner",
        "einwohnerinnen",
        "bevoelkerung",
        "wandel",
        "demografie",
        "demografisch",
        "check",
        "liste",
        "checkliste",
        "leitfaden",
        "seminar",
        "video",
        "vortrag",
        "workshop",
        "forum",
        "beirat",
        "parlament",
        "sprecher",
        "halte",
        "anziehung",
        "faktoren",
        "faktor",
        "stakeholder",
        "akteure",
        "akteur",
        "sozial",
        "raum",
        "sozialraum",
        "freizeit",
        "sport",
        "spiel",
        "platz",
        "generationen",
        "generation",
        "mehrgenerationen",
        "lotsen",
        "lotse",
        "paten",
        "patenschaft",
        "mentor",
        "zufall",
        "koordination",
        "angebot",
        "angebote",
        "auto",
        "gespraech",
        "runde",
        "tisch",
        "cafe",
        "welt",
        "real",
        "spazier",
        "tag",
        "tage",
        "abend",
        "nachmittag",
        "einkauf",
        "einkaufs",
        "mitfahr",
        "bank",
        "baenke",
    ]
)

_stemmer = snowballstemmer.stemmer("german")


def normalize(text: str) -> str:
    return text.lower().translate(_UMLAUTS)


def words(text: str) -> list[str]:
    """Normalised words of ``text`` (no stemming)."""
    return WORD_RE.findall(normalize(text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


@lru_cache(maxsize=50_000)
def decompound(word: str) -> tuple[str, ...]:
    """Parts of a compound (normalised words), or () if ``word`` is not a known compound.

    The head (all but the last part) must be in ``LEXICON``; the last part must be known too or
    be a word of at least five letters (e.g. "jugendtreffpunkt" → jugend, treffpunkt)."""
    return _split(word, top=True) or ()


def _split(word: str, *, top: bool) -> tuple[str, ...] | None:
    if not top and (word in LEXICON or stem(word) in _LEXICON_STEMS):
        return (word,)
    fallback = None
    for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head = word[:i]
        if head not in LEXICON:
            continue
        rest = word[i:]
        for link in LINKING:
            tail = rest[len(link) :]
            if not rest.startswith(link) or len(tail) < MIN_PART:
                continue
            parts = _split(tail, top=False)
            if parts:
                return (head, *parts)
        if top and fallback is None and len(rest) >= 5:
            # Unknown last part: drop a linking "s" unless the rest reads like a word
            # starting with s ("st", "sch", "sp").
            if rest.startswith("s") and not rest.startswith(("st", "sch", "sp")):
                rest = rest[1:]
            fallback = (head, rest) if len(rest) >= 5 else None
    return fallback


_LEXICON_STEMS = frozenset(_stemmer.stemWords(sorted(LEXICON)))


def expand_words(text: str) -> list[str]:
    """Normalised words of ``text`` followed by the parts of each compound."""
    out: list[str] = []
    for word in words(text):
        out.append(word)
        out.extend(decompound(word))
    return out


_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ẞ": "ss"})
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def fold(word: str) -> str:
    """PostgreSQL path: umlauts to their base vowel, which its german stemmer also does
    ("Läden" and "Laden" share a stem there, "Laeden" would not)."""
    return word.lower().translate(_FOLD)


def undigraph(word: str) -> str:
    """A word typed without umlaut keys ("aelter") in the folded spelling ("alter")."""
    for digraph, vowel in _DIGRAPHS:
        word = word.replace(digraph, vowel)
    return word


def expand_text(text: str) -> str:
    """Text for PostgreSQL's ``german`` configuration: folded words, compound parts appended."""
    out: list[str] = []
    for word in WORD_RE.findall(text or ""):
        out.append(fold(word))
        out.extend(undigraph(part) for part in decompound(normalize(word)))
    return " ".join(out)


def pg_query_words(query: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per query word: its spellings (folded; and without digraphs, so "aelter" also looks for
    "alter") and its compound parts – for the PostgreSQL tsquery."""
    result = []
    seen = set()
    for raw in WORD_RE.findall(query or "")[:12]:
        normal = normalize(raw)
        if len(normal) < 2 or normal in seen or normal in STOPWORDS:
            continue
        seen.add(normal)
        folded = fold(raw)
        variants = tuple(dict.fromkeys([folded, undigraph(folded)]))
        parts = tuple(undigraph(p) for p in decompound(normal))
        result.append((variants, parts))
    return result


def index_terms(text: str) -> str:
    """Space-separated stems for the SQLite FTS5 table (compound parts included)."""
    return " ".join(stem(w) for w in expand_words(text))


def query_terms(query: str) -> list[tuple[str, tuple[str, ...]]]:
    """One (stem, stems of its compound parts) pair per word of the query.

    A query word matches a document if its stem matches – or, for a compound, if all of its
    parts match ("Jugendbeteiligung" finds "Jugend beteiligen")."""
    result = []
    seen = set()
    for word in words(query)[:12]:  # bounded: a pasted paragraph must not explode the query
        if len(word) < 2 or word in seen or word in STOPWORDS:
            continue
        seen.add(word)
        result.append((stem(word), tuple(stem(p) for p in decompound(word))))
    return result


def term_matches(term: str, query: list[tuple[str, tuple[str, ...]]]) -> bool:
    """Does one word of a text match the query (for highlighting)? Same rules as the search."""
    candidates = {stem(w) for w in (term, *decompound(term))}
    for q_stem, parts in query:
        for c in candidates:
            if c == q_stem or (len(q_stem) >= PREFIX_MIN and c.startswith(q_stem)):
                return True
            if parts and c in parts:
                return True
    return False


# Words a query can do without (PostgreSQL's german configuration drops them as well).
STOPWORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "und",
        "oder",
        "aber",
        "mit",
        "fuer",
        "von",
        "zu",
        "zum",
        "zur",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "fuer",
        "ist",
        "sind",
        "wie",
        "was",
        "wer",
        "wo",
        "als",
        "auch",
        "nicht",
        "noch",
        "nur",
        "so",
        "um",
        "ueber",
        "unter",
        "vor",
        "nach",
        "durch",
        "ohne",
        "gegen",
        "es",
        "sie",
        "er",
        "wir",
        "ihr",
        "man",
        "sich",
    ]
)

# Stems at least this long also match as a prefix ("senior" finds "seniorenbeirat").
PREFIX_MIN = 5
