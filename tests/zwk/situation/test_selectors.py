"""Selectors, especially the interfaces other apps read: candidate_fields, swot_for_report."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zwk.municipalities.models import Theme
from zwk.situation import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysis(municipality, coordinator):
    by = coordinator
    strong = services.swot_item_create(
        municipality=municipality, by=by, category="strength", text="Starkes Vereinsleben"
    )
    risk = services.swot_item_create(
        municipality=municipality, by=by, category="threat", text="Pflegekräfte fehlen"
    )
    chance = services.swot_item_create(
        municipality=municipality, by=by, category="opportunity", text="Neubaugebiet Am Anger"
    )
    care = Theme.objects.get(slug="gesundheit-und-pflege", municipality=None)
    volunteering = Theme.objects.get(slug="ehrenamt-engagement", municipality=None)
    services.candidate_add(
        municipality=municipality,
        theme=care,
        justification="Pflege sichern",
        swot_items=[risk],
        by=by,
    )
    services.candidate_add(
        municipality=municipality,
        theme=volunteering,
        justification="Ehrenamt stärken",
        swot_items=[risk, strong],
        by=by,
    )
    return {"strong": strong, "risk": risk, "chance": chance, "care": care}


def test_candidate_fields_are_ordered_with_justification_and_swot(municipality, analysis):
    candidates = selectors.candidate_fields(municipality)
    assert [(c.position, c.theme.slug) for c in candidates] == [
        (1, "gesundheit-und-pflege"),
        (2, "ehrenamt-engagement"),
    ]
    second = candidates[1]
    assert second.justification == "Ehrenamt stärken"
    # SWOT references in the fixed order Stärken, Schwächen, Chancen, Risiken.
    assert [(r.category_label, r.text) for r in second.swot] == [
        ("Stärke", "Starkes Vereinsleben"),
        ("Risiko", "Pflegekräfte fehlen"),
    ]


def test_candidate_fields_of_another_kommune_are_not_mixed_in(other_municipality, analysis):
    assert selectors.candidate_fields(other_municipality) == []


def test_candidate_fields_query_count_is_constant(municipality, analysis, coordinator):
    with CaptureQueriesContext(connection) as few:
        selectors.candidate_fields(municipality)
    item = analysis["chance"]
    for slug in ("mobilitaet", "nahversorgung", "bildung"):
        services.candidate_add(
            municipality=municipality,
            theme=Theme.objects.get(slug=slug, municipality=None),
            justification="x",
            swot_items=[item],
            by=coordinator,
        )
    with CaptureQueriesContext(connection) as many:
        selectors.candidate_fields(municipality)
    assert len(many) == len(few)


def test_swot_for_report_has_four_blocks_in_fixed_order(municipality, analysis):
    blocks = selectors.swot_for_report(municipality)
    assert [(b.category, b.label) for b in blocks] == [
        ("strength", "Stärke"),
        ("weakness", "Schwäche"),
        ("opportunity", "Chance"),
        ("threat", "Risiko"),
    ]
    assert [line.text for line in blocks[0].items] == ["Starkes Vereinsleben"]
    assert blocks[1].items == []  # empty blocks included so a report can say so
    assert blocks[3].items[0].source_label == "eigene Einschätzung"


def test_overview_counts_and_progress(municipality, coordinator, analysis):
    counts = selectors.overview(municipality)
    assert counts["swot"] == 3 and counts["candidates"] == 2 and counts["initiatives"] == 0
    # Bestandsaufnahme, interviews missing; SWOT lacks a weakness; candidates done.
    assert counts["parts_done"] == 1 and counts["next_part"] == "initiatives"
    services.initiative_create(municipality=municipality, by=coordinator, data={"title": "A"})
    services.interview_create(
        municipality=municipality,
        by=coordinator,
        data={"person": "B", "held_on": "2026-02-02", "main_points": "C"},
    )
    services.swot_item_create(
        municipality=municipality, by=coordinator, category="weakness", text="Kein Arzt"
    )
    counts = selectors.overview(municipality)
    assert counts["parts_done"] == 4 and counts["next_part"] == ""


def test_initiative_filters(municipality, coordinator):
    theme = Theme.objects.get(slug="mobilitaet", municipality=None)
    municipality.themes.add(theme)
    bus = services.initiative_create(
        municipality=municipality,
        by=coordinator,
        data={"title": "Bürgerbus", "status": "running"},
        themes=[theme],
        target_groups=["seniors", "all"],
    )
    services.initiative_create(
        municipality=municipality,
        by=coordinator,
        data={"title": "Jugendfeuerwehr", "status": "planned"},
        target_groups=["youth"],
    )
    assert list(selectors.initiatives(municipality, theme=theme)) == [bus]
    assert list(selectors.initiatives(municipality, status="running")) == [bus]
    assert list(selectors.initiatives(municipality, target_group="seniors")) == [bus]
    assert selectors.initiatives(municipality).count() == 2
