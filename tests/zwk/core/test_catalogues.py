"""The translation catalogues themselves (issue 18).

- English is complete for the whole interface: no empty and no fuzzy entry;
- the compiled .mo files say what the .po files say (nobody forgot compilemessages);
- every translation keeps the placeholders of its German text (a lost %(name)s is a 500).
"""

import gettext
import re
from pathlib import Path

import pytest

from tests.zwk.core.catalogues import parse_po

LOCALE = Path(__file__).resolve().parents[3] / "src" / "zwk" / "locale"
LOCALES = ["en", "de_LS", "tr", "ar", "uk", "ru"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdfir]")


def test_english_catalogue_has_no_empty_and_no_fuzzy_entry():
    po = (LOCALE / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    blocks = [b for b in po.split("\n\n")[1:] if "msgid" in b and not b.startswith("#~")]
    fuzzy = [b for b in blocks if re.search(r"^#,.*\bfuzzy\b", b, flags=re.M)]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries, e.g. {fuzzy[:2]}"
    entries, _header = parse_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 2000
    empty = sorted(msgid for (msgid, _plural), strings in entries.items() if not all(strings))
    assert not empty, f"{len(empty)} English entries without translation, e.g. {empty[:5]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches_the_po_file(locale):
    entries, _header = parse_po(LOCALE / locale / "LC_MESSAGES" / "django.po")
    with open(LOCALE / locale / "LC_MESSAGES" / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for (msgid, plural), strings in entries.items():
        if plural is None and strings[0] and compiled.gettext(msgid) != strings[0]:
            stale.append(msgid)
        if (
            plural is not None
            and strings[0]
            and compiled.ngettext(msgid, plural, 1) != strings[1 if locale == "ar" else 0]
        ):
            stale.append(msgid)
    assert not stale, f"{locale}: .mo is older than .po ({len(stale)} entries), e.g. {stale[:3]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders(locale):
    entries, _header = parse_po(LOCALE / locale / "LC_MESSAGES" / "django.po")
    wrong = []
    for (msgid, plural), strings in entries.items():
        expected = set(PLACEHOLDER.findall(msgid)) | set(PLACEHOLDER.findall(plural or ""))
        for text in strings:
            if text and not set(PLACEHOLDER.findall(text)) <= expected:
                wrong.append((msgid, text))
            # a singular may leave out the number (“one point”), but a name must stay
            if text and plural is None and set(PLACEHOLDER.findall(text)) != expected:
                wrong.append((msgid, text))
    assert not wrong, f"{locale}: {wrong[:3]}"


PLURALS = {
    "uk": {1: "громада", 3: "громади", 5: "громад", 11: "громад", 21: "громада", 22: "громади"},
    "ru": {1: "муниципалитет", 4: "муниципалитета", 7: "муниципалитетов", 101: "муниципалитет"},
    "ar": {1: "بلدية واحدة", 2: "بلديتان", 3: "بلديات", 11: "بلديةً", 100: "بلدية"},
    "tr": {1: "belediye", 5: "belediye"},
    "en": {1: "municipality", 5: "municipalities"},
}


@pytest.mark.parametrize("language", sorted(PLURALS))
def test_plural_forms_pick_the_word_of_each_number(language):
    """The home page's '%(n)s Kommune' in each language's grammar (uk/ru 3 forms, ar 6)."""
    from django.utils import translation

    with translation.override(language):
        for n, word in PLURALS[language].items():
            text = translation.ngettext("%(n)s Kommune", "%(n)s Kommunen", n) % {"n": n}
            assert text.endswith(word), (language, n, text)


def test_english_plural_forms_header():
    _entries, header = parse_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header
