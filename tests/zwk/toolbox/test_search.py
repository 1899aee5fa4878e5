"""Search quality with German queries – runs on SQLite (FTS5) and PostgreSQL (german config)."""

import pytest
from django.db import connection

from zwk.toolbox import search_terms
from zwk.toolbox.selectors import search_entries

pytestmark = pytest.mark.usefixtures("clean_toolbox")


def titles(query, **kwargs):
    from zwk.toolbox.models import Entry

    result = search_entries(query=query, **kwargs)
    names = dict(Entry.objects.values_list("pk", "title"))
    return [names[pk] for pk in result.entries]


@pytest.fixture
def corpus(make_entry):
    make_entry(
        "Jugendbeteiligung im Dorf",
        "Junge Menschen gestalten ihren Ort mit.",
        "<p>Ein Jugendforum mit eigenem Budget.</p>",
    )
    make_entry(
        "Zukunftswerkstatt",
        "Kritik, Phantasie, Verwirklichung.",
        "<p>Auch Jugendliche und Ältere beteiligen sich; man kann die Jugend beteiligen, "
        "indem man Schulen einbindet.</p>",
    )
    make_entry(
        "Seniorenbeteiligung",
        "Ältere Menschen als Expertinnen ihres Alltags.",
        "<p>Gesprächsrunden im Seniorentreff.</p>",
    )
    make_entry("Wohnen im Alter", "Barrierearme Wohnungen für ältere Menschen im Ortskern.")
    make_entry("Nahversorgung sichern", "Dorfläden und mobile Verkaufswagen.")
    make_entry("Mobilität", "Bürgerbus und Mitfahrbänke; auch Senioren fahren mit.")
    make_entry("Nicht veröffentlicht: Jugendbeteiligung", status="draft")


def test_compound_query_finds_separate_words(corpus):
    found = titles("Jugendbeteiligung")
    assert "Jugendbeteiligung im Dorf" in found
    assert "Zukunftswerkstatt" in found  # "die Jugend beteiligen"


def test_separate_words_find_the_compound(corpus):
    found = titles("Jugend beteiligen")
    assert found[0] == "Jugendbeteiligung im Dorf"  # title match first
    assert "Zukunftswerkstatt" in found


def test_umlaut_spellings_find_the_same(corpus):
    assert titles("aelter") == titles("älter") == titles("Älter")
    assert "Wohnen im Alter" in titles("aelter")
    assert "Seniorenbeteiligung" in titles("ältere")


def test_eszett_and_ss_are_the_same(make_entry, clean_toolbox):
    make_entry("Straßenfest im Quartier", "Ein Fest auf der Straße.")
    assert titles("Strasse") == titles("Straße") == ["Straßenfest im Quartier"]


def test_plural_and_inflected_forms(corpus):
    assert "Nahversorgung sichern" in titles("Dorfladen")
    assert "Mobilität" in titles("Mitfahrbank")
    assert "Seniorenbeteiligung" in titles("Gesprächsrunde")


def test_senioren_finds_seniorenbeteiligung_with_title_match_first(corpus):
    found = titles("Senioren")
    assert found[0] == "Seniorenbeteiligung"
    assert "Mobilität" in found


def test_title_matches_rank_before_body_matches(make_entry, clean_toolbox):
    make_entry(
        "Fokusgruppen",
        "Gespräche in kleiner Runde.",
        "<p>" + "Jugendliche Jugendliche Jugendliche und Ehrenamt. " * 20 + "</p>",
    )
    make_entry("Ehrenamt stärken", "Vereine entlasten.")
    assert titles("Ehrenamt")[0] == "Ehrenamt stärken"


def test_drafts_are_not_found(corpus):
    assert "Nicht veröffentlicht: Jugendbeteiligung" not in titles("Jugendbeteiligung")


def test_nothing_found_and_odd_input(corpus):
    assert titles("Raumfahrtbehörde") == []
    # Query syntax of either database must not leak through.
    for weird in ['"', "AND OR NOT", "jugend*", "a:*", "' OR 1=1 --", "(((", "ü"]:
        search_entries(query=weird)


def test_facets_count_and_filter(make_entry, clean_toolbox):
    make_entry("Methode A", phases=["workshop"], target_groups=["youth"], effort="low")
    make_entry("Methode B", phases=["workshop", "plan"], target_groups=["seniors"], effort="high")
    make_entry("Konzept C", entry_type="concept", phases=["plan"], effort="low")
    result = search_entries(filters={"schritt": ["workshop"]})
    assert result.total == 2
    facets = {f.param: {o.value: o.count for o in f.options} for f in result.facets}
    assert facets["aufwand"] == {"low": 1, "high": 1}
    assert facets["art"] == {"method": 2}
    # The selected facet counts without its own filter, so users see alternatives.
    assert facets["schritt"] == {"workshop": 2, "plan": 2}
    assert search_entries(filters={"schritt": ["workshop"], "aufwand": ["low"]}).total == 1


def test_sort_by_title_and_newest(make_entry, clean_toolbox):
    make_entry("Beta")
    make_entry("Alpha")
    assert titles("", sort="titel") == ["Alpha", "Beta"]
    assert titles("", sort="neueste") == ["Alpha", "Beta"]


def test_database_backend_is_the_intended_one():
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("jugendbeteiligung", ("jugend", "beteiligung")),
        ("zufallsbuergerrat", ("zufall", "buerger", "rat")),
        ("altersgruppe", ("alter", "gruppe")),
        ("verwaltung", ()),
    ],
)
def test_decompounding(word, parts):
    assert search_terms.decompound(word) == parts
