"""The workshop join path /mitmachen/ in all seven languages (issue 18).

- every string shown on the path (join, board, card, vote, privacy note, errors) has an entry in
  each catalogue – recorded while the pages render, so labels from forms and the base template
  count too;
- the participant templates of the path have no text outside {% translate %};
- Plural-Forms are those of the language and plural entries have all forms;
- German content of the Kommune (Leitfrage, title) carries lang="de" inside other languages.
"""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.zwk.core.catalogues import third_party_msgids
from tests.zwk.workshops.factories import open_phase
from zwk.workshops import services

LOCALE = Path(__file__).resolve().parents[3] / "src" / "zwk" / "locale"
TEMPLATES = Path(__file__).resolve().parents[3] / "src" / "zwk" / "workshops" / "templates"
JOIN_PATH_TEMPLATES = [
    "participate_index.html",
    "participate_join.html",
    "participate.html",
    "participate_privacy.html",
    "_participate_head.html",
    "_participate_write.html",
    "_participate_live.html",
    "_card_details.html",
]
CATALOGUES = {"de-ls": "de_LS", "tr": "tr", "ar": "ar", "uk": "uk", "ru": "ru", "en": "en"}
ALL = ["de", "de-ls", "en", "tr", "ar", "uk", "ru"]
QUERY = {"de": "de", "de-ls": "leicht", "en": "en", "tr": "tr", "ar": "ar", "uk": "uk", "ru": "ru"}
PLURAL_FORMS = {
    "de_LS": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 ? 4 : 5);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}


def _unquote(lines):
    return "".join(
        line[line.index('"') + 1 : line.rindex('"')]
        .replace('\\"', '"')
        .replace("\\n", "\n")
        .replace("\\\\", "\\")
        for line in lines
    )


def parse_po(path):
    """{(msgid, msgid_plural or None): [msgstr, …]} and the header; fuzzy entries count as empty."""
    entries, header = {}, ""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r"(msgid_plural|msgid|msgstr(?:\[\d\])?|msgctxt) ", line)
            if match:
                current = match.group(1)
                fields[current] = [line]
            elif current:
                fields[current].append(line)
        if "msgid" not in fields:
            continue
        msgid = _unquote(fields["msgid"])
        plural = _unquote(fields["msgid_plural"]) if "msgid_plural" in fields else None
        strings = [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        if msgid == "":
            header = strings[0]
            continue
        entries[(msgid, plural)] = ["" if fuzzy else s for s in strings]
    return entries, header


@pytest.fixture
def recorded(monkeypatch):
    """Every msgid looked up while the test renders pages."""
    seen = set()
    real = translation._trans
    gettext, ngettext = real.gettext, real.ngettext

    def recording_gettext(message):
        seen.add((str(message), None))
        return gettext(message)

    def recording_ngettext(singular, plural, number):
        seen.add((str(singular), str(plural)))
        return ngettext(singular, plural, number)

    monkeypatch.setattr(real, "gettext", recording_gettext)
    monkeypatch.setattr(real, "ngettext", recording_ngettext)
    return seen


def walk_join_path(client, workshop, coordinator, language):
    """Index, wrong code, join form, refused join, join, board, empty card, card, vote, privacy."""
    q = "?sprache=" + QUERY[language]
    pages = [client.get(reverse("participate:index") + q)]
    pages.append(client.post(reverse("participate:index"), {"code": "gibtsnicht"}))
    entry = reverse("participate:entry", kwargs={"code": workshop.code})
    pages.append(client.get(entry))
    pages.append(client.post(entry, {"pseudonym": ""}))
    assert client.post(entry, {"pseudonym": "Anna", "consent": "on"}).status_code == 302
    pages.append(client.get(entry))
    create = reverse("participate:card_create", kwargs={"code": workshop.code})
    pages.append(client.post(create, {"karte-text": ""}))
    client.post(create, {"karte-text": "Mehr Bänke am Markt"})
    card = workshop.phases.get(kind="critique").cards.first()
    vote = reverse("participate:vote", kwargs={"code": workshop.code, "card": card.pk})
    pages.append(client.post(vote, HTTP_HX_REQUEST="true"))
    pages.append(client.get(entry))
    pages.append(client.get(reverse("participate:privacy", kwargs={"code": workshop.code})))
    return [page.content.decode() for page in pages]


@pytest.fixture
def board(workshop, coordinator):
    phase = open_phase(workshop, "critique", by=coordinator)
    services.card_add_paper(phase=phase, by=coordinator, text="Zu wenig Busse")
    return workshop


@pytest.mark.parametrize("language", ALL)
def test_join_path_renders_with_lang_and_dir(language, board, coordinator):
    client = Client()
    pages = walk_join_path(client, board, coordinator, language)
    html_lang = "de" if language == "de-ls" else language
    direction = "rtl" if language == "ar" else "ltr"
    for html in pages[:1] + pages[2:3] + pages[4:5] + pages[-1:]:
        assert f'<html lang="{html_lang}" dir="{direction}"' in html
    board_page = pages[-2]
    question = re.escape("Wie wollen wir 2040 in Musterdorf leben?")
    if html_lang == "de":
        assert re.search(r'<p class="ws-question">' + question, board_page)
    else:
        assert re.search(r'<p class="ws-question" lang="de" dir="ltr">' + question, board_page)
    assert "Mehr Bänke am Markt" in board_page


@pytest.mark.parametrize("language", [code for code in ALL if code in CATALOGUES])
def test_every_string_of_the_join_path_is_translated(language, board, coordinator, recorded):
    walk_join_path(Client(), board, coordinator, language)
    catalogue, _header = parse_po(LOCALE / CATALOGUES[language] / "LC_MESSAGES" / "django.po")
    # every text ZWK translates, also one makemessages has not put into the catalogues yet
    shown = {key for key in recorded if key[0] and key not in third_party_msgids()}
    assert len(shown) > 40
    missing = sorted(key[0] for key in shown if not all(catalogue.get(key, [""])))
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:10]}"


@pytest.mark.parametrize("locale", sorted(PLURAL_FORMS))
def test_plural_forms_are_right_and_complete(locale):
    catalogue, header = parse_po(LOCALE / locale / "LC_MESSAGES" / "django.po")
    forms = re.search(r"Plural-Forms: (.*)", header).group(1).strip()
    assert forms == PLURAL_FORMS[locale]
    count = int(re.search(r"nplurals=(\d)", forms).group(1))
    for (msgid, plural), strings in catalogue.items():
        if plural is not None:
            assert len(strings) == count, (locale, msgid)
    mo = LOCALE / locale / "LC_MESSAGES" / "django.mo"
    assert mo.exists()
    assert mo.stat().st_mtime >= (LOCALE / locale / "LC_MESSAGES" / "django.po").stat().st_mtime - 5


def test_arabic_plurals_pick_six_forms():
    with translation.override("ar"):
        forms = {
            translation.ngettext("%(n)s Punkt", "%(n)s Punkte", n) for n in (0, 1, 2, 3, 11, 100)
        }
    assert len(forms) == 6


def test_join_path_templates_have_no_text_outside_translate():
    leftovers = {}
    for name in JOIN_PATH_TEMPLATES:
        source = (TEMPLATES / "workshops" / name).read_text(encoding="utf-8")
        text = re.sub(r"{% blocktranslate.*?{% endblocktranslate %}", " ", source, flags=re.S)
        text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", text, flags=re.S)
        for attribute in re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', text):
            if re.search(r"[^\W\d_]", attribute):
                leftovers.setdefault(name, []).append(attribute)
        text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
        text = re.sub(r"&\w+;|[·–—:,./()+−!?]", " ", text)
        words = [word for word in text.split() if re.search(r"[^\W\d_]", word)]
        if words:
            leftovers.setdefault(name, []).extend(words)
    assert not leftovers, leftovers


def test_wer_fehlt_shows_participants_by_interface_language(
    board, coordinator, client_for, municipality
):
    """Issue 18: the team sees whom the workshop reaches by interface language – the language
    a participant joined in, nothing else about them."""
    entry = reverse("participate:entry", kwargs={"code": board.code})
    for word, name in (("tr", "Ayşe"), ("tr", "Emre"), ("de", "Anna")):
        client = client_for(None)
        client.get(entry + "?sprache=" + word)
        assert client.post(entry, {"pseudonym": name, "consent": "on"}).status_code == 302
    assert sorted(board.participants.values_list("language", flat=True)) == ["de", "tr", "tr"]
    live = client_for(coordinator).get(
        reverse("workshops:console_live", kwargs={"slug": municipality.slug, "pk": board.pk})
    )
    html = live.content.decode()
    assert "Sprache der Oberfläche beim Beitreten" in html
    assert (
        '<th class="kern-table__header" scope="row" lang="tr">Türkçe</th><td class="kern-table__cell">2</td><td class="kern-table__cell">67 %</td>'
        in html
    )
