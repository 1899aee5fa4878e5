"""Language choice without an account (issue 18): ?sprache=, the cookie, the browser, <html>."""

import re

import pytest
from django.conf import settings

from zwk.core import languages


def _html(response):
    return response.content.decode()


def _root(html):
    return re.search(r"<html [^>]*>", html).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("word", "lang", "direction", "skip_link"),
    [
        ("de", "de", "ltr", "Zum Inhalt springen"),
        ("leicht", "de", "ltr", "Zum Text springen"),
        ("en", "en", "ltr", "Skip to content"),
        ("tr", "tr", "ltr", "İçeriğe geç"),
        ("ar", "ar", "rtl", "الانتقال إلى المحتوى"),
        ("uk", "uk", "ltr", "Перейти до змісту"),
        ("ru", "ru", "ltr", "Перейти к содержанию"),
    ],
)
def test_query_sets_html_lang_dir_and_is_remembered(client, word, lang, direction, skip_link):
    response = client.get(f"/mitmachen/?sprache={word}")
    html = _html(response)
    assert _root(html).startswith(f'<html lang="{lang}" dir="{direction}"')
    assert skip_link in html
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == languages.by_query(word).code
    assert cookie["samesite"] == "Lax" and cookie["max-age"]
    again = _html(client.get("/mitmachen/"))  # the device remembers
    assert _root(again).startswith(f'<html lang="{lang}" dir="{direction}"')


@pytest.mark.django_db
def test_unknown_query_word_changes_nothing(client):
    response = client.get("/mitmachen/?sprache=klingonisch")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert _root(_html(response)).startswith('<html lang="de" dir="ltr"')


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("tr-TR,tr;q=0.9", "tr"),
        ("ar", "ar"),
        ("uk-UA,uk;q=0.9,ru;q=0.8", "uk"),
        ("tr-TR,tr;q=0.9,de;q=0.5", "de"),  # reads German too: German
        ("en-GB,en;q=0.9", "de"),  # many German speakers use English browsers
        ("fr-FR", "de"),
        ("", "de"),
    ],
)
def test_browser_only_picks_a_non_german_language(client, header, lang):
    html = _html(client.get("/mitmachen/", HTTP_ACCEPT_LANGUAGE=header))
    assert _root(html).startswith(f'<html lang="{lang}"')


@pytest.mark.django_db
def test_a_choice_beats_the_browser(client):
    client.get("/mitmachen/?sprache=de")
    html = _html(client.get("/mitmachen/", HTTP_ACCEPT_LANGUAGE="ar"))
    assert _root(html).startswith('<html lang="de" dir="ltr"')


@pytest.mark.django_db
def test_switcher_lists_every_language_in_its_own_name_and_keeps_the_query(client):
    html = _html(client.get("/mitmachen/?sprache=ar&einladung=abc"))
    switcher = re.search(
        r'<form action="/mitmachen/" method="get" class="lang-form">.*?</form>', html, re.S
    )
    assert switcher, "no switcher"
    form = switcher.group(0)
    assert '<input type="hidden" name="einladung" value="abc">' in form
    assert 'name="sprache"' in form and 'value="ar" selected' in form
    for name in [
        "Deutsch",
        "Leichte Sprache",
        "English",
        "Türkçe",
        "العربي",
        "Українська",
        "Русский",
    ]:
        assert name in form
    assert '<option value="leicht"' in form and 'lang="de"' in form


@pytest.mark.django_db
def test_set_language_post_still_works_for_the_variant(client):
    response = client.post("/sprache/", {"language": "de-ls", "next": "/mitmachen/"})
    assert response.status_code == 302
    assert _root(_html(client.get("/mitmachen/"))).startswith('<html lang="de" dir="ltr"')
    assert "Zum Text springen" in _html(client.get("/mitmachen/"))


def test_table_of_languages():
    codes = [language.code for language in languages.available()]
    assert codes == ["de", "de-ls", "en", "tr", "ar", "uk", "ru"]
    assert [language.query for language in languages.available()] == [
        "de",
        "leicht",
        "en",
        "tr",
        "ar",
        "uk",
        "ru",
    ]
    assert languages.by_query("LEICHT").code == "de-ls"
    assert languages.from_accept_language("ru-RU, en;q=0.5") == "ru"
    assert languages.from_accept_language("de-AT") is None


@pytest.mark.django_db
def test_switcher_form_returns_to_the_clean_address_with_the_cookie(client):
    response = client.get("/mitmachen/?sprache=uk&wechsel=1&einladung=abc")
    assert response.status_code == 302 and response["Location"] == "/mitmachen/?einladung=abc"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "uk"
    assert _root(_html(client.get(response["Location"]))).startswith('<html lang="uk"')
