"""Services of the Situationsanalyse: invariants, tenant checks, audit log."""

import pytest
from django.core.exceptions import ValidationError

from tests.zwk.situation.test_suggestions import row
from zwk.accounts.models import AuditEntry
from zwk.municipalities.models import Theme
from zwk.situation import selectors, services
from zwk.situation.models import CandidateField, Initiative, RejectedSuggestion, SwotItem
from zwk.situation.suggestions import suggest

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(municipality):
    theme = Theme.objects.get(slug="wohnen-im-alter", municipality=None)
    municipality.themes.add(theme)
    return theme


def _swot(municipality, by, text="Starkes Vereinsleben", category="strength", **kw):
    return services.swot_item_create(
        municipality=municipality, by=by, category=category, text=text, **kw
    )


def test_initiative_with_themes_and_target_groups_is_audited(municipality, coordinator, theme):
    initiative = services.initiative_create(
        municipality=municipality,
        by=coordinator,
        data={"title": "Seniorentreff", "status": "running", "provider": "AWO"},
        themes=[theme],
        target_groups=["seniors", "seniors", "care"],
    )
    assert list(initiative.themes.all()) == [theme]
    assert initiative.target_group_values == ["seniors", "care"]
    entry = AuditEntry.objects.get(action="situation.initiative_created")
    assert entry.municipality == municipality and "Seniorentreff" in entry.message


def test_initiative_refuses_a_theme_the_kommune_has_not_chosen(municipality, coordinator):
    foreign = Theme.objects.get(slug="mobilitaet", municipality=None)
    with pytest.raises(ValidationError, match="Handlungsfelder"):
        services.initiative_create(
            municipality=municipality, by=coordinator, data={"title": "Bürgerbus"}, themes=[foreign]
        )
    assert not Initiative.objects.exists()  # all or nothing


def test_initiative_update_replaces_target_groups(municipality, coordinator):
    initiative = services.initiative_create(
        municipality=municipality,
        by=coordinator,
        data={"title": "Sprachcafé"},
        target_groups=["migrants"],
    )
    services.initiative_update(
        initiative=initiative,
        by=coordinator,
        data={"title": "Sprachcafé am Markt", "status": "paused"},
        target_groups=["newcomers", "all"],
    )
    initiative.refresh_from_db()
    assert initiative.title == "Sprachcafé am Markt" and initiative.status == "paused"
    assert initiative.target_group_values == ["newcomers", "all"]


def test_swot_item_cannot_link_an_interview_of_another_kommune(
    municipality, other_municipality, coordinator, other_member
):
    foreign = services.interview_create(
        municipality=other_municipality,
        by=other_member,
        data={"person": "X", "held_on": "2026-01-01", "main_points": "Y"},
    )
    with pytest.raises(ValidationError, match="gehört nicht zu dieser Kommune"):
        _swot(municipality, coordinator, interview=foreign)
    assert not SwotItem.objects.exists()


def test_swot_item_from_interview_is_marked_as_such(municipality, coordinator):
    interview = services.interview_create(
        municipality=municipality,
        by=coordinator,
        data={"person": "Pflegedienstleitung", "held_on": "2026-03-02", "main_points": "..."},
    )
    item = _swot(municipality, coordinator, interview=interview, category="threat")
    assert item.source == SwotItem.Source.INTERVIEW
    assert list(interview.swot_items.all()) == [item]
    services.interview_delete(interview=interview, by=coordinator)
    item.refresh_from_db()
    assert item.interview is None  # the finding stays, the notes are gone


def test_swot_text_is_required(municipality, coordinator):
    with pytest.raises(ValidationError):
        _swot(municipality, coordinator, text="   ")


def test_accepting_a_suggestion_creates_an_item_and_hides_the_suggestion(municipality, coordinator):
    rows = [row("old_age_dependency_ratio", 50.0, land=40.0)]
    [suggestion] = [s for s in suggest(rows) if s.key == "altenquotient-hoch"]
    item = services.suggestion_accept(
        municipality=municipality, suggestion=suggestion, by=coordinator
    )
    assert item.source == SwotItem.Source.SUGGESTION
    assert item.category == "threat" and item.indicator_key == "old_age_dependency_ratio"
    assert "Land: 40,0" in item.note
    state = selectors.suggestion_state(municipality, rows)
    assert state.open == [] and state.accepted_count == 1
    with pytest.raises(ValidationError, match="bereits übernommen"):
        services.suggestion_accept(municipality=municipality, suggestion=suggestion, by=coordinator)


def test_accepting_an_edited_suggestion_keeps_the_edits(municipality, coordinator):
    [suggestion] = suggest([row("family_migration_per_1000", 5.0)])
    item = services.suggestion_accept(
        municipality=municipality,
        suggestion=suggestion,
        by=coordinator,
        text="Neubaugebiet zieht Familien an",
        category="opportunity",
        note="",
    )
    assert (item.text, item.category, item.note) == (
        "Neubaugebiet zieht Familien an",
        "opportunity",
        "",
    )


def test_deleting_an_accepted_item_offers_the_suggestion_again(municipality, coordinator):
    rows = [row("family_migration_per_1000", 5.0)]
    [suggestion] = suggest(rows)
    item = services.suggestion_accept(
        municipality=municipality, suggestion=suggestion, by=coordinator
    )
    services.swot_item_delete(item=item, by=coordinator)
    assert [s.key for s in selectors.suggestion_state(municipality, rows).open] == [
        "familienwanderung-positiv"
    ]


def test_reject_is_remembered_and_can_be_undone(municipality, coordinator):
    rows = [row("family_migration_per_1000", 5.0)]
    services.suggestion_reject(
        municipality=municipality, key="familienwanderung-positiv", by=coordinator
    )
    services.suggestion_reject(
        municipality=municipality, key="familienwanderung-positiv", by=coordinator
    )
    assert RejectedSuggestion.objects.count() == 1
    state = selectors.suggestion_state(municipality, rows)
    assert state.open == [] and [s.key for s in state.rejected] == ["familienwanderung-positiv"]
    assert services.suggestion_restore(
        municipality=municipality, key="familienwanderung-positiv", by=coordinator
    )
    assert [s.key for s in selectors.suggestion_state(municipality, rows).open] == [
        "familienwanderung-positiv"
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"situation.suggestion_rejected", "situation.suggestion_restored"} <= actions


def test_reject_of_an_unknown_suggestion_is_refused(municipality, coordinator):
    with pytest.raises(ValidationError):
        services.suggestion_reject(municipality=municipality, key="gibt-es-nicht", by=coordinator)


def test_rejection_in_one_kommune_does_not_hide_it_in_another(
    municipality, other_municipality, coordinator
):
    rows = [row("family_migration_per_1000", 5.0)]
    services.suggestion_reject(
        municipality=municipality, key="familienwanderung-positiv", by=coordinator
    )
    assert selectors.suggestion_state(other_municipality, rows).open


def test_candidates_are_ranked_and_renumbered(municipality, coordinator):
    item = _swot(municipality, coordinator)
    themes = Theme.objects.filter(municipality=None).order_by("order")[:3]
    added = [
        services.candidate_add(
            municipality=municipality,
            theme=t,
            justification=f"Weil {t.name}",
            swot_items=[item],
            by=coordinator,
        )
        for t in themes
    ]
    assert [c.position for c in added] == [1, 2, 3]
    services.candidate_move(candidate=added[2], up=True, by=coordinator)
    assert [c.theme for c in selectors.candidate_queryset(municipality)] == [
        themes[0],
        themes[2],
        themes[1],
    ]
    services.candidate_move(candidate=added[0], up=True, by=coordinator)  # already first: no-op
    services.candidate_remove(candidate=added[0], by=coordinator)
    assert [c.position for c in selectors.candidate_queryset(municipality)] == [1, 2]


def test_candidate_needs_swot_items_of_its_own_kommune(
    municipality, other_municipality, coordinator, other_member
):
    theme = Theme.objects.get(slug="mobilitaet", municipality=None)
    with pytest.raises(ValidationError, match="mindestens einen SWOT-Punkt"):
        services.candidate_add(
            municipality=municipality, theme=theme, justification="x", swot_items=[], by=coordinator
        )
    foreign = _swot(other_municipality, other_member)
    with pytest.raises(ValidationError, match="gehört nicht zu dieser Kommune"):
        services.candidate_add(
            municipality=municipality,
            theme=theme,
            justification="x",
            swot_items=[foreign],
            by=coordinator,
        )
    assert not CandidateField.objects.exists()


def test_candidate_theme_only_once_and_not_from_another_kommune(
    municipality, other_municipality, coordinator
):
    from zwk.municipalities import services as municipality_services

    item = _swot(municipality, coordinator)
    theme = Theme.objects.get(slug="mobilitaet", municipality=None)
    services.candidate_add(
        municipality=municipality, theme=theme, justification="x", swot_items=[item], by=coordinator
    )
    with pytest.raises(ValidationError, match="bereits ausgewählt"):
        services.candidate_add(
            municipality=municipality,
            theme=theme,
            justification="y",
            swot_items=[item],
            by=coordinator,
        )
    own_elsewhere = municipality_services.theme_add_own(
        municipality=other_municipality, name="Seebad", by=None
    )
    with pytest.raises(ValidationError, match="anderen Kommune"):
        services.candidate_add(
            municipality=municipality,
            theme=own_elsewhere,
            justification="z",
            swot_items=[item],
            by=coordinator,
        )
