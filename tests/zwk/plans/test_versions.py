"""Approval with snapshots, the comparison of versions, comments and publication."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.zwk.plans.factories import make_goal, make_measure
from zwk.accounts.models import AuditEntry
from zwk.core import personal_data
from zwk.plans import services
from zwk.plans.models import Comment, PlanVersion
from zwk.plans.versions import compare, snapshot

pytestmark = pytest.mark.django_db


def _approve(plan, by):
    plan = services.plan_set_status(plan=plan, by=by, status="review")
    return services.plan_set_status(plan=plan, by=by, status="approved")


def test_every_approval_stores_a_numbered_snapshot_with_who_and_when(municipality, coordinator):
    goal = make_goal(municipality, coordinator, "Junge Familien halten")
    measure = make_measure(
        municipality, coordinator, "Dorfladen", budget_planned=Decimal("12000.00")
    )
    measure.goals.add(goal)
    services.milestone_add(measure=measure, by=coordinator, title="Eröffnung", due=date(2027, 3, 1))
    plan = _approve(services.plan_for(municipality), coordinator)

    version = PlanVersion.objects.get(plan=plan)
    assert (version.number, version.approved_by) == (1, coordinator)
    saved = version.snapshot["measures"][0]
    assert saved["title"] == "Dorfladen" and saved["budget_planned"] == "12000"
    assert saved["goals"] == ["Junge Familien halten"]
    assert saved["milestones"][0]["title"] == "Eröffnung"
    assert AuditEntry.objects.filter(action="plans.version_approved").count() == 1

    services.plan_set_status(plan=plan, by=coordinator, status="draft")
    services.measure_update(measure=measure, by=coordinator, data={"title": "Dorfladen Nord"})
    _approve(plan, coordinator)
    assert list(plan.versions.values_list("number", flat=True)) == [2, 1]
    # The first version is unchanged and cannot be changed.
    version.refresh_from_db()
    assert version.snapshot["measures"][0]["title"] == "Dorfladen"
    with pytest.raises(ValueError):
        version.save()


def test_comparison_names_added_removed_and_changed_items_field_by_field(municipality, coordinator):
    plan = services.plan_for(municipality)
    keep = make_measure(municipality, coordinator, "Bürgerbus", status="planned")
    gone = make_measure(municipality, coordinator, "Kiosk")
    goal = make_goal(municipality, coordinator, "Mobilität sichern")
    before = snapshot(plan)

    services.measure_update(
        measure=keep,
        by=coordinator,
        data={"status": "running", "end": date(2027, 12, 31)},
    )
    services.measure_delete(measure=gone, by=coordinator)
    make_measure(municipality, coordinator, "Jugendraum")
    services.goal_save(plan=plan, by=coordinator, text="Mobilität für alle sichern", goal=goal)
    services.plan_update_vision(plan=plan, by=coordinator, vision="Musterstadt 2040")

    result = compare(before, snapshot(plan))
    assert result.measures.added == ["Jugendraum"]
    assert result.measures.removed == ["Kiosk"]
    [changed] = result.measures.changed
    assert changed.title == "Bürgerbus"
    fields = {f.label: (f.before, f.after) for f in changed.fields}
    assert fields == {"Ende": ("–", "2027-12-31"), "Status": ("geplant", "in Umsetzung")}
    assert result.goals.changed[0].fields[0].after == "Mobilität für alle sichern"
    assert result.vision.after == "Musterstadt 2040"
    assert compare(before, before).empty


def test_comments_keep_author_role_and_status_and_refuse_foreign_measures(
    municipality, other_municipality, member, consultant, other_member
):
    plan = services.plan_for(municipality)
    services.plan_set_status(plan=plan, by=member, status="review")
    plan.refresh_from_db()
    measure = make_measure(municipality, member)
    comment = services.comment_add(
        plan=plan, by=consultant, body=" Budget prüfen ", measure=measure
    )
    assert (comment.body, comment.author_role, comment.plan_status) == (
        "Budget prüfen",
        Comment.Role.CONSULTANT,
        "review",
    )
    assert services.comment_add(plan=plan, by=member, body="Gut").author_role == "team"
    foreign = make_measure(other_municipality, other_member)
    with pytest.raises(ValidationError):
        services.comment_add(plan=plan, by=member, body="x", measure=foreign)
    with pytest.raises(ValidationError):
        services.comment_add(plan=plan, by=member, body="   ")
    assert Comment.objects.count() == 2


def test_publication_needs_an_approved_version(municipality, coordinator):
    plan = services.plan_for(municipality)
    with pytest.raises(ValidationError):
        services.plan_set_published(plan=plan, by=coordinator, published=True)
    _approve(plan, coordinator)
    plan = services.plan_set_published(plan=plan, by=coordinator, published=True)
    assert plan.is_published and plan.published_by == coordinator
    # A new draft round keeps the plan public (the public page shows the approved version).
    plan = services.plan_set_status(plan=plan, by=coordinator, status="draft")
    plan.refresh_from_db()
    assert plan.is_published
    plan = services.plan_set_published(plan=plan, by=coordinator, published=False)
    assert not plan.is_published and plan.published_at is None


def test_board_status_change_needs_a_reason_for_paused_and_clears_it_otherwise(
    municipality, member
):
    measure = make_measure(municipality, member)
    with pytest.raises(ValidationError):
        services.measure_set_status(measure=measure, by=member, status="paused")
    measure.refresh_from_db()
    assert measure.status == "planned"
    services.measure_set_status(measure=measure, by=member, status="paused", reason="Kein Raum")
    services.measure_set_status(measure=measure, by=member, status="running")
    measure.refresh_from_db()
    assert (measure.status, measure.status_reason) == ("running", "")
    with pytest.raises(ValidationError):
        services.measure_set_status(measure=measure, by=member, status="gibtsnicht")


def test_edits_and_deletes_are_checked_and_audited(municipality, member):
    goal = make_goal(municipality, member)
    own = services.indicator_create(
        goal=goal,
        by=member,
        data={"kind": "own", "name": "Kita-Plätze", "baseline": 40, "target": 60},
    )
    services.indicator_update(indicator=own, by=member, data={"name": "Krippenplätze"})
    assert own.name == "Krippenplätze"
    with pytest.raises(ValidationError):
        services.indicator_update(indicator=own, by=member, data={"name": " "})
    engine = services.indicator_create(
        goal=goal, by=member, data={"kind": "engine", "engine_key": "mean_age"}
    )
    services.indicator_update(
        indicator=engine, by=member, data={"name": "anders", "target": Decimal("44")}
    )
    engine.refresh_from_db()
    assert engine.name != "anders" and engine.target == 44

    first = services.measurement_add(
        indicator=own, by=member, measured_on=date(2026, 1, 1), value=41
    )
    second = services.measurement_add(
        indicator=own, by=member, measured_on=date(2026, 2, 1), value=43
    )
    with pytest.raises(ValidationError):
        services.measurement_update(
            measurement=second, by=member, measured_on=date(2026, 1, 1), value=43
        )
    services.measurement_update(
        measurement=first, by=member, measured_on=date(2026, 1, 2), value=42
    )
    services.measurement_delete(measurement=second, by=member)
    assert list(own.measurements.values_list("value", flat=True)) == [42]

    measure = make_measure(municipality, member)
    milestone = services.milestone_add(
        measure=measure, by=member, title="Start", due=date(2026, 5, 1)
    )
    services.milestone_update(
        milestone=milestone, by=member, title="Start", due=date(2026, 6, 1), done_on=None
    )
    with pytest.raises(ValidationError):
        services.milestone_update(
            milestone=milestone,
            by=member,
            title="Start",
            due=date(2026, 6, 1),
            done_on=date(2999, 1, 1),
        )
    services.milestone_delete(milestone=milestone, by=member)
    services.indicator_delete(indicator=engine, by=member)
    services.goal_delete(goal=goal, by=member)  # takes the KPI and its measurements along
    services.measure_delete(measure=measure, by=member)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "plans.indicator_updated",
        "plans.measurement_updated",
        "plans.measurement_deleted",
        "plans.milestone_updated",
        "plans.milestone_deleted",
        "plans.indicator_deleted",
        "plans.goal_deleted",
        "plans.measure_deleted",
    } <= actions
    assert not own.__class__.objects.exists()


def test_personal_data_export_and_erasure(municipality, coordinator):
    plan = services.plan_for(municipality)
    services.comment_add(plan=plan, by=coordinator, body="Bitte Zeitplan prüfen")
    _approve(plan, coordinator)
    provider = next(p for p in personal_data.providers() if p.key == "plans")
    exported = provider.export(coordinator)
    assert exported["comments"][0]["text"] == "Bitte Zeitplan prüfen"
    assert exported["approved_versions"][0]["version"] == 1
    assert provider.erase(coordinator) >= 2
    assert not Comment.objects.filter(author=coordinator).exists()
    assert Comment.objects.count() == 1  # the remark stays with the Kommune, anonymised


def test_admin_lists_versions_read_only_and_comments(client, municipality, coordinator):
    from django.urls import reverse

    from tests.factories import UserFactory

    plan = services.plan_for(municipality)
    services.comment_add(plan=plan, by=coordinator, body="Zeitplan prüfen")
    _approve(plan, coordinator)
    staff = UserFactory(username="staff-plans", is_office=True, is_staff=True, is_superuser=True)
    client.force_login(staff, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    for model in ("planversion", "comment", "plan"):
        url = reverse(f"admin:plans_{model}_changelist")
        assert client.get(url, {"q": "Muster"}).status_code == 200, model
    version = PlanVersion.objects.get()
    page = client.get(reverse("admin:plans_planversion_change", args=[version.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:plans_planversion_add")).status_code == 403
