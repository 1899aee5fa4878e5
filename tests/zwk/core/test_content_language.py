"""Content in several languages (issue 18, item 3): German is the fallback, the page says what
is not translated, answer options keep their positions."""

import pytest
from django.utils import translation

from zwk.core import content_language
from zwk.core.content_language import html_attrs, localized


class Item:
    def __init__(self, translations=None, **fields):
        self.translations = translations or {}
        for key, value in fields.items():
            setattr(self, key, value)


def test_translation_in_the_page_language_is_used():
    item = Item({"tr": {"title": "Geleceği birlikte"}}, title="Zukunft gestalten")
    with translation.override("tr"):
        shown = localized(item, "title")
        assert (str(shown), shown.fallback, shown.attrs) == ("Geleceği birlikte", False, "")


def test_missing_translation_falls_back_to_german_marked_de():
    item = Item({"tr": {"title": "Geleceği birlikte"}}, title="Zukunft gestalten")
    with translation.override("ar"):
        shown = localized(item, "title")
    assert str(shown) == "Zukunft gestalten" and shown.fallback
    with translation.override("ar"):
        assert shown.attrs == ' lang="de" dir="ltr"'
    with translation.override("de"):
        assert not localized(item, "title").fallback


def test_blank_translation_counts_as_missing():
    item = Item({"uk": {"title": "   "}}, title="Zukunft")
    assert localized(item, "title", "uk").fallback


def test_options_keep_the_german_positions_even_for_a_scale():
    scale = Item({"tr": {"options": ["hiç", "çok"]}}, options=["gar nicht", "", "", "", "sehr"])
    assert localized(scale, "options", "tr").text == ["hiç", "", "", "", "çok"]
    choice = Item({"tr": {"options": ["bir"]}}, options=["eins", "zwei"])
    shown = localized(choice, "options", "tr")
    assert shown.fallback and shown.text == ["eins", "zwei"]


def test_contribution_language_is_marked_only_where_it_differs():
    with translation.override("de"):
        assert html_attrs("tr") == ' lang="tr" dir="ltr"'
        assert html_attrs("ar") == ' lang="ar" dir="rtl"'
        assert html_attrs("de-ls") == ""  # Leichte Sprache is German
        assert html_attrs("") == ""
    with translation.override("tr"):
        assert html_attrs("tr") == ""


@pytest.mark.parametrize("code", ["tr", "ar", "uk", "ru", "de-ls", "en"])
def test_teams_may_translate_into_every_offered_language_but_german(code):
    codes = [language.code for language in content_language.translation_languages()]
    assert code in codes and "de" not in codes
