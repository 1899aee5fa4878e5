"""Access-code letters of a survey in several languages (issue 18, item 6).

One letter per unused code and, per letter, one page per chosen language: the page wholly in its
language, the QR code opening the survey in that language with the code filled in, the code
printed left to right, the address field only on the letter's first page; Arabic right to left.
A language that does not exist gets a German message on the codes page, no PDF.
"""

import re
from pathlib import Path

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
from tests.zwk.participation.factories import make_survey
from tests.zwk.test_pdf_tagging import pdf_objects
from tests.zwk.workshops.test_languages import CATALOGUES
from zwk.core.print_languages import qr_data_uri
from zwk.participation import services
from zwk.participation.models import Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def printed(monkeypatch):
    return capture_pages(monkeypatch)


@pytest.fixture
def recorded(monkeypatch):
    return record_lookups(monkeypatch)


ALL = ["de", "leicht", "en", "tr", "ar", "uk", "ru"]
GREETING_LINE = {  # "Ihr Zugangscode:"
    "de": "Ihr Zugangscode:",
    "leicht": "Ihr Code:",
    "en": "Your access code:",
    "tr": "Erişim kodunuz:",
    "ar": "رمز الدخول الخاص بكم:",
    "uk": "Ваш код доступу:",
    "ru": "Ваш код доступа:",
}
DURATION = {  # the sentence with "10 Minuten" – numbers as digits in every language
    "de": "dauert etwa 10 Minuten",
    "leicht": "Das dauert ungefähr 10 Minuten.",
    "en": "10 minutes",
    "tr": "yaklaşık 10 dakika sürer",
    "ar": "نحو 10 دقائق",
    "uk": "приблизно 10 хвилин",
    "ru": "около 10 минут",
}


@pytest.fixture
def coded(project, coordinator):
    survey = make_survey(project, by=coordinator, access=Survey.Access.CODES)
    codes = services.codes_generate(survey=survey, count=2, by=coordinator)
    return survey, [c.code for c in codes]


def letters_url(survey, query=""):
    url = reverse(
        "participation_team:letters_pdf",
        kwargs={"slug": survey.project.municipality.slug, "survey": survey.pk},
    )
    return f"{url}?{query}" if query else url


def survey_url(survey):
    return "http://testserver" + survey.get_absolute_url()


def test_one_page_per_code_and_language_each_wholly_in_it(client_for, coded, coordinator, printed):
    survey, codes = coded
    query = "stapel=1&" + "&".join(f"sprachen={q}" for q in ALL)
    response = client_for(coordinator).get(letters_url(survey, query))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (pages,) = printed
    assert len(pages) == 2 * len(ALL)
    for index, page in enumerate(pages):
        code, language = codes[index // len(ALL)], ALL[index % len(ALL)]
        assert GREETING_LINE[language] in page.text, language
        assert DURATION[language] in page.text, language
        assert code in page.text
        # The address field (for the window envelope) only on the letter's first page.
        has_address = "Einwohnermeldeamt" in page.text or "Einwohner·melde·amt" in page.text
        assert has_address == (language == "de"), (index, language)
    english, turkish = pages[2].text, pages[3].text
    assert "Zugangscode" not in english and "Zugangscode" not in turkish


def test_each_qr_code_opens_the_survey_in_its_language_with_the_code(
    client_for, coded, coordinator, printed
):
    survey, codes = coded
    client_for(coordinator).get(letters_url(survey, "sprachen=uk&sprachen=ar"))
    (pages,) = printed
    # In the order of the language switcher (العربية before Українська), whatever the query.
    assert [page.lang for page in pages] == ["ar", "uk", "ar", "uk"]
    for index, page in enumerate(pages):
        code, query = codes[index // 2], ["ar", "uk"][index % 2]
        ((src, alt),) = page.images
        expected = f"{survey_url(survey)}?code={code}&sprache={query}"
        assert src == qr_data_uri(expected)  # exactly that address in the QR code
        assert alt.endswith(expected) and code in alt
        assert f"{survey_url(survey)}?sprache={query}" in page.compact  # to type in
    # The first language's page carries the address field.
    assert "العنوان (يضيفه مكتب تسجيل السكان)" in pages[0].text
    assert "Адреса (вносить відділ реєстрації мешканців)" not in pages[1].text


def test_arabic_letter_runs_right_to_left_and_languages_are_marked_in_the_pdf(
    client_for, coded, coordinator, printed
):
    survey, codes = coded
    response = client_for(coordinator).get(letters_url(survey, "sprachen=ar&sprachen=ru"))
    (pages,) = printed
    arabic = pages[0]
    assert (arabic.lang, arabic.dir, arabic.direction) == ("ar", "rtl", "rtl")
    assert codes[0] in arabic.text  # Latin letters and digits, as typed
    objects = pdf_objects(response.content)
    # Arabic first: the document's language is Arabic, each Russian page is marked.
    assert re.search(rb"/Lang\s*\(ar\)", objects) and re.search(rb"/Lang\s*\(ru\)", objects)


def test_without_a_choice_the_letters_are_german(client_for, coded, coordinator, printed):
    survey, codes = coded
    client_for(coordinator).get(letters_url(survey, "stapel=1"))
    (pages,) = printed
    assert len(pages) == 2 and all(page.lang == "de" for page in pages)
    assert pages[0].images[0][0] == qr_data_uri(f"{survey_url(survey)}?code={codes[0]}&sprache=de")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("stapel=1&sprachen=klingonisch", "Die Sprache „klingonisch“ gibt es nicht."),
        ("stapel=1&auswahl=1", "Bitte wählen Sie mindestens eine Sprache."),
    ],
)
def test_a_wrong_choice_gets_a_german_message_on_the_codes_page(
    client_for, coded, coordinator, printed, query, message
):
    survey, _codes = coded
    response = client_for(coordinator).get(letters_url(survey, query))
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert message in html and "Zugangscodes und Briefe" in html
    assert not printed


def test_the_codes_page_offers_batch_and_languages(client_for, coded, coordinator):
    survey, _codes = coded
    url = reverse(
        "participation_team:codes",
        kwargs={"slug": survey.project.municipality.slug, "survey": survey.pk},
    )
    html = client_for(coordinator).get(url).content.decode()
    assert 'action="' + letters_url(survey) + '"' in html
    assert 'name="stapel"' in html and re.search(r'value="de"[^>]*checked', html)
    assert '<span lang="tr" dir="ltr">Türkçe</span>' in html


def test_a_member_without_the_right_to_manage_gets_403(client_for, coded, member, printed):
    survey, _codes = coded
    assert client_for(member).get(letters_url(survey, "sprachen=tr")).status_code == 403
    assert not printed


def test_another_kommune_gets_404(client_for, coded, other_member, printed):
    survey, _codes = coded
    assert client_for(other_member).get(letters_url(survey, "sprachen=tr")).status_code == 404
    assert not printed


def test_a_resident_with_a_code_is_sent_to_the_login(coded, printed):
    survey, codes = coded
    resident = Client()
    assert resident.get(survey.get_absolute_url() + f"?code={codes[0]}").status_code == 200
    response = resident.get(letters_url(survey, "sprachen=tr"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert not printed


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_printed_string_is_translated(language, client_for, coded, coordinator, recorded):
    survey, _codes = coded
    client_for(coordinator).get(letters_url(survey, "&".join(f"sprachen={q}" for q in ALL)))
    # Every text looked up while a page in this language was printed.
    shown, missing = printed_untranslated(recorded, language)
    assert len(shown) >= 8  # the recording works: the page's texts were looked up
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"


def test_the_letter_template_has_no_text_outside_translate():
    template = (
        Path(__file__).resolve().parents[3]
        / "src/zwk/participation/templates/participation/letters_pdf.html"
    )
    assert text_outside_translate(template.read_text(encoding="utf-8")) == []
