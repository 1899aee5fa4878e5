"""Who an announcement reaches: all, by Land / Art / current step / Handlungsfeld, or a
hand-picked list – and never everybody by accident."""

import pytest

from zwk.announcements import selectors

pytestmark = pytest.mark.django_db


def _names(audience, **criteria):
    return [m.name for m in selectors.municipalities_matching(audience, criteria)]


def test_all_reaches_every_kommune(landscape):
    assert _names("all") == ["Bamberg", "Ebern", "Landkreis Görlitz", "Leipzig-Grünau"]


def test_filter_by_land(landscape):
    assert _names("filter", lands=["14"]) == ["Landkreis Görlitz", "Leipzig-Grünau"]


def test_filter_by_kind_accepts_any_of_the_chosen(landscape):
    assert _names("filter", kinds=["stadt", "landkreis"]) == ["Bamberg", "Landkreis Görlitz"]


def test_filter_by_current_step(landscape):
    # Ebern and Grünau have finished the kick-off, so they are in the Kommunalprofil now.
    assert _names("filter", steps=["profile"]) == ["Ebern", "Leipzig-Grünau"]
    assert _names("filter", steps=["kickoff"]) == ["Bamberg", "Landkreis Görlitz"]
    assert _names("filter", steps=["workshop"]) == []


def test_filter_by_theme(landscape):
    mobility, care = landscape["themes"]
    assert _names("filter", themes=[mobility.pk]) == ["Bamberg", "Leipzig-Grünau"]
    # Grünau has both themes and is listed once.
    assert _names("filter", themes=[mobility.pk, care.pk]) == [
        "Bamberg",
        "Landkreis Görlitz",
        "Leipzig-Grünau",
    ]


def test_criteria_combine_with_and(landscape):
    mobility, _care = landscape["themes"]
    assert _names("filter", lands=["14"], themes=[mobility.pk]) == ["Leipzig-Grünau"]
    assert _names("filter", lands=["09"], steps=["profile"], kinds=["stadt"]) == []


def test_selection_reaches_exactly_the_chosen(landscape):
    chosen = [landscape["ebern"].pk, landscape["goerlitz"].pk]
    assert _names("selection", municipalities=chosen) == ["Ebern", "Landkreis Görlitz"]


def test_a_filter_without_criteria_reaches_nobody(landscape):
    assert _names("filter") == []
    assert _names("selection") == []
    assert _names("kaputt") == []


def test_reach_counts_active_people_once(landscape):
    # 4 Kommunen × (coordination + team), minus the inactive team member in Grünau.
    assert selectors.reach("all", {}) == (4, 7)
    assert selectors.reach("filter", {"lands": ["14"]}) == (2, 3)
