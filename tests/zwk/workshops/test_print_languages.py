"""The workshop's join notice in several languages (issue 18, item 6).

The team ticks languages on the "Aushang" page and gets a PDF with one page per language: each
page wholly in its language (heading, steps, date), the QR code opening the workshop in that
language (``?sprache=``), the Arabic page right to left, every page's language in the PDF's
structure tree – and a German error for a language that does not exist.
"""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.zwk.core.printed import (
    capture_pages,
    printed_untranslated,
    record_lookups,
    text_outside_translate,
)
from tests.zwk.test_pdf_tagging import pdf_objects
from tests.zwk.workshops.factories import make_workshop
from tests.zwk.workshops.test_languages import CATALOGUES
from zwk.core.print_languages import qr_data_uri

pytestmark = pytest.mark.django_db


@pytest.fixture
def printed(monkeypatch):
    return capture_pages(monkeypatch)


@pytest.fixture
def recorded(monkeypatch):
    return record_lookups(monkeypatch)


ALL = ["de", "leicht", "en", "tr", "ar", "uk", "ru"]
HEADINGS = {
    "de": "Machen Sie mit bei der Zukunftswerkstatt!",
    "leicht": "Machen Sie mit bei der Zukunfts·werkstatt!",
    "en": "Take part in the Future Workshop!",
    "tr": "Gelecek Atölyesi’ne katılın!",
    "ar": "شاركوا في ورشة المستقبل!",
    "uk": "Долучайтеся до Майстерні майбутнього!",
    "ru": "Примите участие в Мастерской будущего!",
}
STEP = {  # "Ideen aufschreiben und Punkte verteilen."
    "de": "Ideen aufschreiben und Punkte verteilen.",
    "leicht": "Geben Sie Punkte für gute Ideen.",
    "en": "Write down ideas and give points.",
    "tr": "Fikirlerinizi yazın ve puan verin.",
    "ar": "اكتبوا أفكاركم ووزّعوا النقاط.",
    "uk": "Запишіть ідеї та розподіліть бали.",
    "ru": "Запишите идеи и распределите баллы.",
}


@pytest.fixture
def evening(municipality, coordinator):
    starts = datetime(2026, 12, 7, 18, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    return make_workshop(municipality, by=coordinator, code="dorfmitte", starts_at=starts)


def pdf_url(workshop, *languages):
    url = reverse("workshops:join_sheet_pdf", args=[workshop.municipality.slug, workshop.pk])
    return url + "?" + "&".join(f"sprachen={q}" for q in languages) if languages else url


def participant_url(workshop):
    return "http://testserver" + workshop.get_participant_url()


def test_one_page_per_chosen_language_each_wholly_in_it(client_for, evening, member, printed):
    response = client_for(member).get(pdf_url(evening, *ALL))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (pages,) = printed
    assert [page.lang for page in pages] == ["de", "de", "en", "tr", "ar", "uk", "ru"]
    for query, page in zip(ALL, pages, strict=True):
        assert HEADINGS[query] in page.text, query
        assert STEP[query] in page.text, query
        # The Leitfrage is the Kommune's German text on every page (marked lang="de").
        assert "Wie wollen wir 2040 in Musterdorf leben?" in page.text
    german, plain, english, turkish, _arabic, ukrainian, russian = (p.text for p in pages)
    # Date and time as each language writes them.
    assert "Montag, 7. Dezember 2026, 18:30 Uhr" in german
    assert "Montag, 7. Dezember 2026, um 18:30 Uhr" in plain
    assert "Monday" in english and "Uhr" not in english
    assert "07 Aralık 2026 Pazartesi, saat 18:30" in turkish
    assert "понеділок" in ukrainian.lower() and "грудня 2026" in ukrainian
    assert "понедельник" in russian.lower() and "декабря 2026" in russian
    # Nothing of the German steps is left on the other pages.
    for text in (english, turkish, ukrainian, russian):
        assert "Handykamera" not in text and "Punkte verteilen" not in text


def test_each_qr_code_opens_the_workshop_in_its_language(client_for, evening, member, printed):
    client_for(member).get(pdf_url(evening, "de", "tr", "ar"))
    (pages,) = printed
    for query, page in zip(["de", "tr", "ar"], pages, strict=True):
        expected = f"{participant_url(evening)}?sprache={query}"
        ((src, alt),) = page.images
        # The QR code is exactly the code of that address (segno is deterministic).
        assert src == qr_data_uri(expected), query
        assert alt.endswith(expected)
        assert expected in page.compact  # printed under the code for typing in


def test_arabic_page_runs_right_to_left_and_every_language_is_marked_in_the_pdf(
    client_for, evening, member, printed
):
    response = client_for(member).get(pdf_url(evening, "de", "ar", "uk"))
    (pages,) = printed
    arabic = pages[1]
    assert (arabic.lang, arabic.dir, arabic.direction) == ("ar", "rtl", "rtl")
    assert pages[0].direction == "ltr" and pages[2].direction == "ltr"
    objects = pdf_objects(response.content)
    assert re.search(rb"/Lang\s*\(de\)", objects)  # the document (first page)
    assert re.search(rb"/Lang\s*\(ar\)", objects) and re.search(rb"/Lang\s*\(uk\)", objects)
    assert b"/StructTreeRoot" in objects


def test_without_a_choice_the_notice_is_german(client_for, evening, member, printed):
    assert client_for(member).get(pdf_url(evening)).status_code == 200
    (pages,) = printed
    assert len(pages) == 1 and HEADINGS["de"] in pages[0].text
    assert pages[0].images[0][0] == qr_data_uri(f"{participant_url(evening)}?sprache=de")


def test_invite_only_workshop_keeps_its_key_in_every_qr_code(
    client_for, municipality, coordinator, member, printed
):
    workshop = make_workshop(municipality, by=coordinator, code="geschlossen", access="invite")
    client_for(member).get(pdf_url(workshop, "tr"))
    (pages,) = printed
    expected = f"{participant_url(workshop)}&sprache=tr"
    assert "?" in participant_url(workshop)
    assert pages[0].images[0][0] == qr_data_uri(expected)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("sprachen=xx", "Die Sprache „xx“ gibt es nicht. Bitte wählen Sie aus der Liste."),
        ("sprachen=de&sprachen=fa", "Die Sprache „fa“ gibt es nicht."),
        ("auswahl=1", "Bitte wählen Sie mindestens eine Sprache."),
        ("sprachen=", "Bitte wählen Sie mindestens eine Sprache."),
    ],
)
def test_a_wrong_choice_gets_a_german_message_and_no_pdf(
    client_for, evening, member, printed, query, message
):
    url = reverse("workshops:join_sheet_pdf", args=[evening.municipality.slug, evening.pk])
    response = client_for(member).get(f"{url}?{query}")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert message in html and "Bitte prüfen Sie Ihre Eingaben" in html
    assert not printed


def test_the_aushang_page_offers_the_languages_in_their_own_names(client_for, evening, member):
    url = reverse("workshops:join_sheet", args=[evening.municipality.slug, evening.pk])
    html = client_for(member).get(url).content.decode()
    assert 'action="' + pdf_url(evening) + '"' in html
    assert re.search(r'value="de"[^>]*checked', html)  # German unless chosen
    assert '<span lang="ar" dir="rtl">العربيّة</span>' in html
    assert '<span lang="uk" dir="ltr">Українська</span>' in html


def test_another_kommune_gets_404(client_for, evening, other_member, printed):
    assert client_for(other_member).get(pdf_url(evening, "tr")).status_code == 404
    assert not printed


def test_a_participant_without_an_account_is_sent_to_the_login(evening, printed):
    client = Client()
    entry = reverse("participate:entry", kwargs={"code": evening.code})
    assert client.post(entry, {"pseudonym": "Anna", "consent": "on"}).status_code == 302
    assert f"zwk_werkstatt_{evening.pk}" in client.cookies  # she takes part …
    response = client.get(pdf_url(evening, "tr"))
    # … but printing is the team's: to the login, no PDF.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert not printed


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_printed_string_is_translated(language, client_for, evening, member, recorded):
    client_for(member).get(pdf_url(evening, *ALL))
    # Every text looked up while a page in this language was printed.
    shown, missing = printed_untranslated(recorded, language)
    assert len(shown) >= 8  # the recording works: the page's texts were looked up
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"


def test_the_notice_template_has_no_text_outside_translate():
    template = (
        Path(__file__).resolve().parents[3]
        / "src/zwk/workshops/templates/workshops/join_sheet_pdf.html"
    )
    assert text_outside_translate(template.read_text(encoding="utf-8")) == []
