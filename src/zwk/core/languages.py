"""Languages of the participant paths (issue 18).

One table says everything about a language: the Django language code (catalogue
``locale/<locale>/LC_MESSAGES/django.po``), the value of ``?sprache=`` in shared links and QR
codes, the BCP 47 tag written into ``<html lang>`` and its writing direction, and its own name.

Leichte Sprache is a variant of German: Django code ``de-ls`` (catalogue ``de_LS``, falling back
to the German one), but ``lang="de"`` in HTML – it is German, only simpler.

A Kommune adds a language (Polish, Romanian, Farsi …) with a catalogue and one entry in
``settings.LANGUAGES``; the table below only knows the ``?sprache=`` word and the direction of
the languages whose names it cannot guess (see docs/uebersetzungen.md).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info

QUERY_PARAMETER = "sprache"
SWITCH_MARKER = "wechsel"  # sent by the switcher form: redirect to the clean address
PLAIN_GERMAN = "de-ls"
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "ku", "ckb"}
# ?sprache= word per Django code where it differs from the code itself
QUERY_WORDS = {PLAIN_GERMAN: "leicht"}
NAMES = {PLAIN_GERMAN: "Leichte Sprache"}


@dataclass(frozen=True)
class Language:
    code: str  # Django language code, e.g. "de-ls"
    query: str  # ?sprache= value, e.g. "leicht"
    html_lang: str  # <html lang>, e.g. "de"
    direction: str  # "ltr" or "rtl"
    name: str  # own name, e.g. "Türkçe"


def _language(code: str) -> Language:
    base = code.split("-")[0]
    html_lang = base if code == PLAIN_GERMAN else code
    if code in NAMES:
        name = NAMES[code]
    else:
        try:
            name = get_language_info(code)["name_local"]
        except KeyError:
            name = code
    return Language(
        code=code,
        query=QUERY_WORDS.get(code, code),
        html_lang=html_lang,
        direction="rtl" if base in RTL_LANGUAGES else "ltr",
        name=name,
    )


def available() -> list[Language]:
    return [_language(code) for code, _name in settings.LANGUAGES]


def by_query(word: str | None) -> Language | None:
    """The language a ``?sprache=`` word (or a Django code) names, or None."""
    if not word:
        return None
    word = word.strip().lower()
    for language in available():
        if word in (language.query, language.code):
            return language
    return None


def by_code(code: str | None) -> Language | None:
    for language in available():
        if language.code == code:
            return language
    return None


def current() -> Language:
    return by_code(translation.get_language()) or _language(settings.LANGUAGE_CODE)


def from_accept_language(header: str) -> str | None:
    """A non-German language from the browser header – only if the header names no German.

    Many German-speaking people use browsers set to English, so the browser alone never picks
    English either; Türkçe, العربية, Українська, Русский (and languages a Kommune adds) are
    offered to people whose browser asks for them and for no German.
    """
    wanted = []
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()
        if not tag or tag == "*":
            continue
        if tag.split("-")[0] == "de":
            return None
        wanted.append(tag)
    codes = {language.code for language in available()}
    for tag in wanted:
        base = tag.split("-")[0]
        if base in ("en", "de"):
            continue
        if tag in codes:
            return tag
        if base in codes:
            return base
    return None


def choose(request) -> tuple[str, bool]:
    """(language code, chosen now by ?sprache=) for a request."""
    chosen = by_query(request.GET.get(QUERY_PARAMETER))
    if chosen:
        return chosen.code, True
    cookie = by_code(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if cookie:
        return cookie.code, False
    guessed = from_accept_language(request.headers.get("Accept-Language", ""))
    return guessed or settings.LANGUAGE_CODE, False


def is_plain_german() -> bool:
    return translation.get_language() == PLAIN_GERMAN


def rows_by_language(counts: dict[str, int], unknown_label: str) -> list[dict]:
    """Participation per interface language (issue 18: whom a survey or workshop reaches –
    no other personal data): ``counts`` by Django language code ("" = not known, e.g. paper)
    → rows in the order of the language switcher, each with ``code``, ``name``, ``lang``
    (for ``<span lang>``), ``count`` and ``percent``; codes no longer offered count as unknown."""
    counts = dict(counts)
    total = sum(counts.values()) or 1
    rows = [
        {
            "code": language.code,
            "name": language.name,
            "lang": language.html_lang,
            "count": counts.pop(language.code),
        }
        for language in available()
        if counts.get(language.code)
    ]
    rest = sum(counts.values())
    if rest:
        rows.append({"code": "", "name": unknown_label, "lang": "", "count": rest})
    for row in rows:
        row["percent"] = 100 * row["count"] / total
    return rows
