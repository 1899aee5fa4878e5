"""Writes of the Werkstattplan (``plans/services.py``)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.zwk.plans.factories import make_goal, make_measure, make_sketch
from tests.zwk.workshops.factories import make_workshop
from zwk.accounts.models import AuditEntry
from zwk.municipalities.models import Theme
from zwk.plans import carry_over, services
from zwk.plans import rules as plan_rules
from zwk.plans.models import Goal, Measure, Plan
from zwk.situation import services as situation_services

pytestmark = pytest.mark.django_db


def test_plan_is_created_once_per_kommune(municipality):
    assert services.plan_for(municipality) == services.plan_for(municipality)
    assert Plan.objects.count() == 1


def test_carry_over_keeps_the_origin_and_makes_no_duplicates(municipality, coordinator):
    workshop = make_workshop(municipality, by=coordinator)
    theme = Theme.objects.filter(municipality=None).first()
    bus = make_sketch(
        workshop,
        coordinator,
        "Bürgerbus",
        sponsor="Seniorenbeirat",
        theme=theme,
        first_steps="Fahrer suchen",
    )
    laden = make_sketch(workshop, coordinator, "Dorfladen")

    created = carry_over.plan_import_sketches(
        municipality=municipality, sketch_ids=[bus.pk, laden.pk], by=coordinator
    )

    assert [m.title for m in created] == ["Bürgerbus", "Dorfladen"]
    measure = Measure.objects.get(origin_sketch=bus)
    assert measure.smart_target == "Mobil ohne Auto"
    assert measure.responsible == "Seniorenbeirat" and measure.theme == theme
    assert "Fahrer suchen" in measure.description
    assert list(bus.plan_measures.all()) == [measure]  # traceable both ways
    again = carry_over.plan_import_sketches(
        municipality=municipality, sketch_ids=[bus.pk, laden.pk], by=coordinator
    )
    assert again == [] and Measure.objects.count() == 2
    assert AuditEntry.objects.filter(action="plans.sketch_imported").count() == 2


def test_carry_over_refuses_sketches_of_another_kommune_or_not_proposed(
    municipality, other_municipality, coordinator, other_member
):
    foreign = make_sketch(make_workshop(other_municipality, by=other_member), other_member)
    own_workshop = make_workshop(municipality, by=coordinator, code="eigen")
    not_proposed = make_sketch(own_workshop, coordinator, "Nur Idee", for_plan=False)
    for ids in ([foreign.pk], [not_proposed.pk], []):
        with pytest.raises(ValidationError):
            carry_over.plan_import_sketches(
                municipality=municipality, sketch_ids=ids, by=coordinator
            )
    assert not Measure.objects.exists()


def test_paused_or_dropped_measure_needs_a_reason(municipality, coordinator):
    for status in ("paused", "dropped"):
        with pytest.raises(ValidationError) as exc:
            make_measure(municipality, coordinator, status=status)
        assert "status_reason" in exc.value.message_dict
    measure = make_measure(
        municipality, coordinator, status="paused", status_reason="Fördermittel fehlen"
    )
    assert measure.status == "paused"


def test_measure_dates_and_budget_are_checked(municipality, coordinator):
    with pytest.raises(ValidationError):
        make_measure(municipality, coordinator, start=date(2026, 5, 1), end=date(2026, 4, 1))
    with pytest.raises(ValidationError):
        make_measure(municipality, coordinator, budget_planned=Decimal("-1"))
    assert not Measure.objects.exists()


def test_measure_links_only_goals_and_partners_of_the_same_kommune(
    municipality, other_municipality, coordinator, other_member
):
    foreign_goal = make_goal(other_municipality, other_member)
    foreign_initiative = situation_services.initiative_create(
        municipality=other_municipality, by=other_member, data={"title": "Fremder Treff"}
    )
    plan = services.plan_for(municipality)
    for kwargs in ({"goals": [foreign_goal]}, {"partners": [foreign_initiative]}):
        with pytest.raises(ValidationError):
            services.measure_create(plan=plan, by=coordinator, data={"title": "X"}, **kwargs)
    assert not Measure.objects.filter(plan=plan).exists()


def test_measure_keeps_partners_goals_and_target_groups(municipality, coordinator):
    goal = make_goal(municipality, coordinator)
    treff = situation_services.initiative_create(
        municipality=municipality, by=coordinator, data={"title": "Seniorentreff"}
    )
    measure = services.measure_create(
        plan=services.plan_for(municipality),
        by=coordinator,
        data={"title": "Generationencafé"},
        goals=[goal],
        partners=[treff],
        target_groups=["seniors", "youth"],
    )
    assert list(measure.goals.all()) == [goal]
    assert list(treff.plan_measures.all()) == [measure]
    assert measure.target_group_values == ["seniors", "youth"]
    with pytest.raises(ValidationError):
        services.measure_update(measure=measure, by=coordinator, data={}, target_groups=["x"])


def test_goal_preset_gives_the_programme_wording(municipality, coordinator):
    goal = services.goal_save(
        plan=services.plan_for(municipality), by=coordinator, text="", preset="integration"
    )
    assert goal.text == str(Goal.Preset.INTEGRATION.label)
    with pytest.raises(ValidationError):
        services.goal_save(plan=goal.plan, by=coordinator, text="", preset="")


def test_own_kpi_keeps_its_figures(municipality, coordinator):
    goal = make_goal(municipality, coordinator)
    indicator = services.indicator_create(
        goal=goal,
        by=coordinator,
        data={
            "kind": "own",
            "name": "Plätze in der Kita",
            "unit": "Plätze",
            "baseline": Decimal("40"),
            "baseline_date": date(2025, 1, 1),
            "target": Decimal("60"),
            "due": date(2027, 1, 1),
        },
    )
    assert (indicator.baseline, indicator.target, indicator.unit) == (40, 60, "Plätze")
    with pytest.raises(ValidationError):
        services.indicator_create(
            goal=goal,
            by=coordinator,
            data={
                "kind": "own",
                "name": "X",
                "baseline": 1,
                "baseline_date": date(2026, 1, 1),
                "due": date(2025, 1, 1),
            },
        )


def test_engine_indicator_takes_name_and_unit_from_the_engine_and_no_baseline_without_data(
    municipality, coordinator
):
    goal = make_goal(municipality, coordinator)
    indicator = services.indicator_create(
        goal=goal,
        by=coordinator,
        data={"kind": "engine", "engine_key": "mean_age", "name": "egal", "baseline": 99},
    )
    assert indicator.name != "egal" and indicator.engine_key == "mean_age"
    assert indicator.baseline is None  # no statistics imported in this test
    with pytest.raises(ValidationError):
        services.indicator_create(
            goal=goal, by=coordinator, data={"kind": "engine", "engine_key": "gibt_es_nicht"}
        )


def test_engine_indicator_takes_the_baseline_from_the_profile(
    municipality, coordinator, monkeypatch
):
    from zwk.profiles.selectors import IndicatorRow

    row = IndicatorRow(
        key="mean_age",
        name="Durchschnittsalter",
        unit="Jahre",
        definition="",
        year=2024,
        value=46.3,
    )
    monkeypatch.setattr(services, "indicator_comparison", lambda m: [row])
    indicator = services.indicator_create(
        goal=make_goal(municipality, coordinator),
        by=coordinator,
        data={"kind": "engine", "engine_key": "mean_age"},
    )
    assert float(indicator.baseline) == pytest.approx(46.3)
    assert indicator.baseline_date == date(2024, 12, 31)


def test_measurement_on_the_same_day_replaces_the_value(municipality, coordinator):
    indicator = services.indicator_create(
        goal=make_goal(municipality, coordinator),
        by=coordinator,
        data={"kind": "own", "name": "Ehrenamtliche"},
    )
    services.measurement_add(
        indicator=indicator, by=coordinator, measured_on=date(2026, 1, 5), value=10
    )
    services.measurement_add(
        indicator=indicator, by=coordinator, measured_on=date(2026, 1, 5), value=12
    )
    assert list(indicator.measurements.values_list("value", flat=True)) == [12]
    with pytest.raises(ValidationError):
        services.measurement_add(
            indicator=indicator, by=coordinator, measured_on=date(2999, 1, 1), value=1
        )


def test_status_path_and_version_count(municipality, coordinator):
    plan = services.plan_for(municipality)
    with pytest.raises(ValidationError):
        services.plan_set_status(plan=plan, by=coordinator, status="approved")
    plan = services.plan_set_status(plan=plan, by=coordinator, status="review")
    plan = services.plan_set_status(plan=plan, by=coordinator, status="approved")
    assert plan.approved_version == 1 and plan.approved_at is not None
    plan = services.plan_set_status(plan=plan, by=coordinator, status="draft")
    plan = services.plan_set_status(plan=plan, by=coordinator, status="review")
    plan = services.plan_set_status(plan=plan, by=coordinator, status="approved")
    assert plan.approved_version == 2


def test_approving_and_publishing_ask_the_same_rule_as_the_page(municipality, coordinator, member):
    """A team member sees no "Beschließen" and no "Veröffentlichen" – and cannot approve or
    publish by calling the service either; before approval nobody may publish."""
    plan = services.plan_set_status(
        plan=services.plan_for(municipality), by=member, status="review"
    )
    assert "approved" not in plan_rules.status_changes(member, plan)
    with pytest.raises(PermissionDenied):
        services.plan_set_status(plan=plan, by=member, status="approved")
    plan.refresh_from_db()
    assert plan.status == "review" and plan.approved_version == 0
    # Before the first approval, publishing is refused for the coordination too – same sentence.
    assert not coordinator.has_perm("plans.publish_plan", plan)
    with pytest.raises(ValidationError, match="beschlossener Fassung"):
        services.plan_set_published(plan=plan, by=coordinator, published=True)
    plan = services.plan_set_status(plan=plan, by=coordinator, status="approved")
    assert coordinator.has_perm("plans.publish_plan", plan)
    assert not member.has_perm("plans.publish_plan", plan)
    with pytest.raises(PermissionDenied):
        services.plan_set_published(plan=plan, by=member, published=True)
    plan.refresh_from_db()
    assert not plan.is_published
