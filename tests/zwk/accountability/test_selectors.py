"""The trail card → sketch → measure → status, and what never appears publicly."""

from datetime import date

import pytest
from django.utils import timezone

from tests.zwk.accountability.factories import make_chain
from zwk.accountability import selectors
from zwk.accountability.models import StatusChange
from zwk.plans import services as plan_services

pytestmark = pytest.mark.django_db


def test_card_follows_sketch_to_measure_with_status_since_and_milestones(municipality, coordinator):
    chain = make_chain(municipality, coordinator)
    plan_services.milestone_add(
        measure=chain.measure, by=coordinator, title="Fahrplan steht", due=date(2027, 5, 1)
    )
    plan_services.measure_set_status(measure=chain.measure, by=coordinator, status="running")

    rows = selectors.contributions(municipality)
    (row,) = rows
    assert (row.kind, row.pk, row.text) == ("card", chain.card.pk, "Ein Bürgerbus für die Dörfer")
    (measure,) = row.measures
    assert measure.title == "Bürgerbus" and measure.sketch_title == "Bürgerbus"
    assert measure.status == "running" and measure.status_label == "in Umsetzung"
    # the day in Germany (between 23:00 and 24:00 UTC it is already the next day there)
    changed_at = StatusChange.objects.filter(status="running").get().changed_at
    assert measure.status_since == timezone.localdate(changed_at)
    # the milestone was added after the approval: it is live data of the measure
    assert [m["title"] for m in measure.milestones] == ["Fahrplan steht"]


def test_hidden_cards_other_clusters_and_pseudonyms_stay_out(municipality, coordinator):
    chain = make_chain(municipality, coordinator)
    rows = selectors.contributions(municipality)
    texts = [r.text for r in rows]
    assert chain.hidden_card.text not in texts  # hidden by the moderation
    assert chain.other_card.text not in texts  # its cluster became no measure
    assert all("Wolke7" not in r.source for r in rows)


def test_nothing_is_public_before_the_plan_is_published(municipality, coordinator):
    make_chain(municipality, coordinator, publish=False)
    assert selectors.contributions(municipality) == []
    # the team's figure for the Zwischenbilanz counts the live plan
    figures = selectors.figures(selectors.contributions(municipality, public=False))
    assert (figures.contributions, figures.became_measures, figures.done) == (1, 1, 0)


def test_a_measure_added_after_the_approval_stays_internal(municipality, coordinator):
    chain = make_chain(municipality, coordinator)
    from tests.zwk.plans.factories import make_measure

    draft = make_measure(municipality, coordinator, "Neue Entwurfsidee")
    infos = selectors.measure_infos(municipality)
    assert chain.measure.pk in infos and draft.pk not in infos


def test_another_kommunes_chain_never_appears(municipality, other_municipality, coordinator):
    from tests.factories import UserFactory, membership
    from zwk.municipalities.models import Membership

    other_coordinator = UserFactory(username="koord-nachbar")
    membership(other_coordinator, other_municipality, Membership.Role.COORDINATOR)
    make_chain(other_municipality, other_coordinator, suffix="n")
    assert selectors.contributions(municipality) == []
    assert len(selectors.contributions(other_municipality)) == 1


def test_figures_count_contributions_that_became_measures_and_are_done(municipality, coordinator):
    chain = make_chain(municipality, coordinator)
    plan_services.measure_set_status(measure=chain.measure, by=coordinator, status="done")
    figures = selectors.figures(selectors.contributions(municipality))
    assert (figures.contributions, figures.became_measures, figures.done) == (1, 1, 1)


def test_filters_by_status_and_theme(municipality, coordinator):
    make_chain(municipality, coordinator)
    rows = selectors.contributions(municipality)
    assert selectors.filtered(rows, status="planned") == rows
    assert selectors.filtered(rows, status="done") == []
    assert selectors.filtered(rows, theme_id=999999) == []
