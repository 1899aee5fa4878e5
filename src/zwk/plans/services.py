"""Writes of the Werkstattplan and the Zwischenbilanz.

Every function runs in one transaction, checks that everything it links belongs to the same
Kommune (services are also called from the demo data and, later, the API), writes the audit
log and returns the object. Permissions are checked in the views.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_object, delete_audited, save_audited
from zwk.core import permissions
from zwk.municipalities.models import Municipality, Theme
from zwk.plans import rules as plan_rules
from zwk.plans.models import (
    Comment,
    Goal,
    Indicator,
    Measure,
    MeasureEffect,
    Measurement,
    MeasureTargetGroup,
    Milestone,
    Plan,
    PlanVersion,
)
from zwk.plans.versions import snapshot
from zwk.profiles.analysis import indicator_info
from zwk.profiles.selectors import indicator_comparison
from zwk.situation.models import Initiative, TargetGroup


def user_or_none(by):
    """The acting user, or None for the platform itself (demo data, anonymous)."""
    return by if by is not None and by.is_authenticated else None


def _check_theme(municipality: Municipality, theme: Theme | None) -> None:
    if theme is None:
        return
    if theme.municipality_id not in (None, municipality.pk):
        raise ValidationError(_("Dieses Handlungsfeld gehört nicht zu dieser Kommune."))


def plan_for(municipality: Municipality) -> Plan:
    """The Kommune's plan, created empty on first use (one plan per Kommune)."""
    plan, _created = Plan.objects.get_or_create(municipality=municipality)
    return plan


# --- Strategy frame -----------------------------------------------------------------------


@transaction.atomic
def plan_update_vision(*, plan: Plan, by, vision: str, request=None) -> Plan:
    plan.vision = vision.strip()
    plan.full_clean()
    plan.save(update_fields=["vision", "updated_at"])
    audit_object(
        plan,
        by=by,
        action="plans.vision_updated",
        message=_("Leitbild bearbeitet"),
        request=request,
    )
    return plan


@transaction.atomic
def plan_set_status(*, plan: Plan, by, status: str, request=None) -> Plan:
    """Move the plan along draft → internal review → approved (or back to draft).

    Approving counts the version up and stores the plan as it is now as an immutable
    ``PlanVersion`` (number, who, when, JSON snapshot)."""
    plan = Plan.objects.select_for_update().select_related("municipality").get(pk=plan.pk)
    plan_rules.require_status_change(by, plan, status)
    plan.status = status
    if status == Plan.Status.APPROVED:
        plan.approved_version += 1
        plan.approved_at = timezone.now()
        PlanVersion.objects.create(
            plan=plan,
            number=plan.approved_version,
            snapshot=snapshot(plan),
            approved_by=user_or_none(by),
            approved_at=plan.approved_at,
        )
    plan.save(update_fields=["status", "approved_version", "approved_at", "updated_at"])
    audit_object(
        plan,
        by=by,
        action="plans.status_changed",
        message=_("Werkstattplan: Status „%(status)s“") % {"status": plan.get_status_display()},
        request=request,
    )
    if status == Plan.Status.APPROVED:
        audit_object(
            plan,
            by=by,
            action="plans.version_approved",
            message=_("Werkstattplan: Fassung %(n)d beschlossen") % {"n": plan.approved_version},
            request=request,
        )
    return plan


@transaction.atomic
def plan_set_published(*, plan: Plan, by, published: bool, request=None) -> Plan:
    """Switch the public page on or off; only a plan with an approved version can go public."""
    plan = Plan.objects.select_for_update().select_related("municipality").get(pk=plan.pk)
    permissions.require(by, "plans.publish_plan", plan)
    plan.is_published = published
    plan.published_at = timezone.now() if published else None
    plan.published_by = user_or_none(by) if published else None
    plan.save(update_fields=["is_published", "published_at", "published_by", "updated_at"])
    audit_object(
        plan,
        by=by,
        action="plans.publish" if published else "plans.unpublish",
        message=_("Werkstattplan veröffentlicht")
        if published
        else _("Veröffentlichung des Werkstattplans beendet"),
        request=request,
    )
    return plan


def _comment_role(user, municipality) -> str:
    if getattr(user, "is_office", False):
        return Comment.Role.OFFICE
    roles = set(user.memberships.filter(municipality=municipality).values_list("role", flat=True))
    if "coordinator" in roles:
        return Comment.Role.COORDINATION
    if roles:
        return Comment.Role.TEAM
    return Comment.Role.CONSULTANT


@transaction.atomic
def comment_add(*, plan: Plan, by, body: str, measure: Measure | None = None, request=None):
    """A comment in the consultation, on the plan or one of its measures."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Bitte schreiben Sie einen Kommentar.")})
    if measure is not None and measure.plan_id != plan.pk:
        raise ValidationError(_("Diese Maßnahme gehört zu einem anderen Werkstattplan."))
    comment = Comment(
        plan=plan,
        measure=measure,
        author=user_or_none(by),
        author_role=_comment_role(by, plan.municipality),
        body=body,
        plan_status=plan.status,
    )
    return save_audited(
        comment,
        by=by,
        action="plans.comment_added",
        message=_("Kommentar zum Werkstattplan geschrieben")
        if measure is None
        else _("Kommentar zu „%(title)s“ geschrieben") % {"title": measure.title},
        municipality=plan.municipality,
        request=request,
    )


@transaction.atomic
def comment_delete(*, comment: Comment, by, request=None) -> None:
    delete_audited(
        comment,
        by=by,
        action="plans.comment_deleted",
        message=_("Kommentar gelöscht"),
        municipality=comment.plan.municipality,
        request=request,
    )


@transaction.atomic
def goal_save(
    *,
    plan: Plan,
    by,
    text: str,
    theme: Theme | None = None,
    preset: str = "",
    goal: Goal | None = None,
    request=None,
) -> Goal:
    """Create or update a goal; a preset without own text takes the preset's wording."""
    _check_theme(plan.municipality, theme)
    if preset and preset not in Goal.Preset.values:
        raise ValidationError(_("Unbekanntes Programmziel."))
    text = (text or "").strip() or (str(Goal.Preset(preset).label) if preset else "")
    if not text:
        raise ValidationError(_("Bitte beschreiben Sie das Ziel oder wählen Sie ein Programmziel."))
    created = goal is None
    goal = goal or Goal(plan=plan)
    if goal.plan_id != plan.pk:
        raise ValidationError(_("Dieses Ziel gehört zu einem anderen Werkstattplan."))
    goal.text, goal.theme, goal.preset = text, theme, preset
    return save_audited(
        goal,
        by=by,
        action="plans.goal_created" if created else "plans.goal_updated",
        message=_("Ziel „%(text)s“ gespeichert") % {"text": goal.text},
        municipality=plan.municipality,
        request=request,
    )


@transaction.atomic
def goal_delete(*, goal: Goal, by, request=None) -> None:
    """Delete a goal with its indicators and their measurements; measures only lose the link."""
    delete_audited(
        goal,
        by=by,
        action="plans.goal_deleted",
        message=_("Ziel „%(text)s“ gelöscht") % {"text": goal.text},
        request=request,
    )


# --- Measures -------------------------------------------------------------------------------

MEASURE_FIELDS = (
    "title",
    "description",
    "theme",
    "smart_target",
    "responsible",
    "start",
    "end",
    "status",
    "status_reason",
    "budget_planned",
    "budget_actual",
    "funding_source",
    "key_measure",
)


def _measure_relations(measure: Measure, goals, partners, target_groups) -> None:
    plan = measure.plan
    goals, partners = list(goals), list(partners)
    if any(g.plan_id != plan.pk for g in goals):
        raise ValidationError(_("Bitte wählen Sie nur Ziele dieses Werkstattplans."))
    if any(p.municipality_id != plan.municipality_id for p in partners):
        raise ValidationError(_("Bitte wählen Sie nur Initiativen aus Ihrer Bestandsaufnahme."))
    groups = list(dict.fromkeys(target_groups))
    if any(g not in TargetGroup.values for g in groups):
        raise ValidationError(_("Unbekannte Zielgruppe."))
    measure.goals.set(goals)
    measure.partners.set(partners)
    measure.target_groups.all().delete()
    MeasureTargetGroup.objects.bulk_create(
        MeasureTargetGroup(measure=measure, group=g) for g in groups
    )


def _validate_measure(measure: Measure) -> None:
    _check_theme(measure.plan.municipality, measure.theme)
    measure.status_reason = (measure.status_reason or "").strip()
    errors = {}
    if measure.status in Measure.NEEDS_REASON and not measure.status_reason:
        errors["status_reason"] = _(
            "Bitte begründen Sie, warum die Maßnahme pausiert oder verworfen ist."
        )
    if measure.start and measure.end and measure.end < measure.start:
        errors["end"] = _("Das Ende darf nicht vor dem Beginn liegen.")
    for field in ("budget_planned", "budget_actual"):
        value = getattr(measure, field)
        if value is not None and value < 0:
            errors[field] = _("Bitte geben Sie keinen negativen Betrag an.")
    if errors:
        raise ValidationError(errors)
    measure.full_clean()


@transaction.atomic
def measure_create(
    *,
    plan: Plan,
    by,
    data: dict,
    goals: Iterable[Goal] = (),
    partners: Iterable[Initiative] = (),
    target_groups: Iterable[str] = (),
    request=None,
) -> Measure:
    measure = Measure(
        plan=plan,
        created_by=user_or_none(by),
        **{k: data[k] for k in MEASURE_FIELDS if k in data},
    )
    _validate_measure(measure)
    measure.save()
    _measure_relations(measure, goals, partners, target_groups)
    audit_object(
        measure,
        by=by,
        action="plans.measure_created",
        message=_("Maßnahme „%(title)s“ angelegt") % {"title": measure.title},
        municipality=plan.municipality,
        request=request,
    )
    return measure


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    by,
    data: dict,
    goals: Iterable[Goal] = (),
    partners: Iterable[Initiative] = (),
    target_groups: Iterable[str] = (),
    request=None,
) -> Measure:
    for key in MEASURE_FIELDS:
        if key in data:
            setattr(measure, key, data[key])
    _validate_measure(measure)
    measure.save()
    _measure_relations(measure, goals, partners, target_groups)
    audit_object(
        measure,
        by=by,
        action="plans.measure_updated",
        message=_("Maßnahme „%(title)s“ bearbeitet") % {"title": measure.title},
        request=request,
    )
    return measure


@transaction.atomic
def measure_set_status(
    *, measure: Measure, by, status: str, reason: str = "", request=None
) -> Measure:
    """Change only the status (board): a reason is needed for paused or dropped."""
    if status not in Measure.Status.values:
        raise ValidationError({"status": _("Unbekannter Status.")})
    measure.status = status
    reason = (reason or "").strip()
    if reason:
        measure.status_reason = reason
    elif status not in Measure.NEEDS_REASON:
        measure.status_reason = ""
    _validate_measure(measure)
    measure.save(update_fields=["status", "status_reason", "updated_at"])
    audit_object(
        measure,
        by=by,
        action="plans.measure_status",
        message=_("Maßnahme „%(title)s“: Status „%(status)s“")
        % {"title": measure.title, "status": measure.get_status_display()},
        request=request,
    )
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure, by, request=None) -> None:
    """Delete a measure with its milestones and comments (approved versions keep it)."""
    delete_audited(
        measure,
        by=by,
        action="plans.measure_deleted",
        message=_("Maßnahme „%(title)s“ gelöscht") % {"title": measure.title},
        request=request,
    )


@transaction.atomic
def milestone_add(*, measure: Measure, by, title: str, due: date, request=None) -> Milestone:
    milestone = Milestone(measure=measure, title=(title or "").strip(), due=due)
    return save_audited(
        milestone,
        by=by,
        action="plans.milestone_added",
        message=_("Meilenstein „%(title)s“ ergänzt") % {"title": milestone.title},
        municipality=measure.municipality,
        request=request,
    )


@transaction.atomic
def milestone_set_done(
    *, milestone: Milestone, by, done_on: date | None, request=None
) -> Milestone:
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit_object(
        milestone,
        by=by,
        action="plans.milestone_done" if done_on else "plans.milestone_reopened",
        message=_("Meilenstein „%(title)s“ aktualisiert") % {"title": milestone.title},
        request=request,
    )
    return milestone


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, by, title: str, due: date, done_on: date | None, request=None
) -> Milestone:
    milestone.title, milestone.due, milestone.done_on = (title or "").strip(), due, done_on
    if done_on and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Das Datum darf nicht in der Zukunft liegen.")})
    return save_audited(
        milestone,
        by=by,
        action="plans.milestone_updated",
        message=_("Meilenstein „%(title)s“ bearbeitet") % {"title": milestone.title},
        request=request,
    )


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by, request=None) -> None:
    delete_audited(
        milestone,
        by=by,
        action="plans.milestone_deleted",
        message=_("Meilenstein „%(title)s“ gelöscht") % {"title": milestone.title},
        request=request,
    )


# --- Indicators -----------------------------------------------------------------------------


def engine_baseline(municipality: Municipality, key: str) -> tuple[Decimal | None, date | None]:
    """Latest value of an engine indicator from the Kommunalprofil and its date (31.12.)."""
    for row in indicator_comparison(municipality):
        if row.key == key and row.value is not None:
            return Decimal(str(round(row.value, 4))), date(row.year, 12, 31)
    return None, None


@transaction.atomic
def indicator_create(*, goal: Goal, by, data: dict, request=None) -> Indicator:
    """Add an indicator to a goal.

    ``data["kind"] == "engine"``: ``engine_key`` names a demography indicator; its name and
    unit come from the engine, its baseline (value and year) from the Kommunalprofil –
    whatever is entered for them is ignored. Without statistics the baseline stays empty
    (the review then shows grey). Own KPIs take name, unit, baseline, target and dates as
    given.
    """
    kind = data.get("kind") or Indicator.Kind.OWN
    indicator = Indicator(goal=goal, kind=kind)
    for key in ("name", "unit", "baseline", "baseline_date", "target", "due"):
        if key in data:
            setattr(indicator, key, data[key])
    if kind == Indicator.Kind.ENGINE:
        key = data.get("engine_key") or ""
        meta = indicator_info(key)
        if meta is None:
            raise ValidationError({"engine_key": _("Bitte wählen Sie einen Indikator.")})
        indicator.engine_key = key
        indicator.name = meta.name
        indicator.unit = meta.unit
        indicator.baseline, indicator.baseline_date = engine_baseline(goal.municipality, key)
    else:
        indicator.engine_key = ""
        indicator.name = (indicator.name or "").strip()
        if indicator.baseline is not None and indicator.baseline_date is None:
            indicator.baseline_date = timezone.localdate()
    if indicator.due and indicator.baseline_date and indicator.due <= indicator.baseline_date:
        raise ValidationError(
            {"due": _("Das Zieldatum muss nach dem Stand des Ausgangswerts liegen.")}
        )
    return save_audited(
        indicator,
        by=by,
        action="plans.indicator_created",
        message=_("Indikator „%(name)s“ angelegt") % {"name": indicator.name},
        municipality=goal.municipality,
        request=request,
    )


@transaction.atomic
def indicator_update(*, indicator: Indicator, by, data: dict, request=None) -> Indicator:
    """Change an indicator. Engine indicators keep name, unit and baseline from the profile;
    only goal, target and due date are theirs to change. The kind is fixed."""
    goal = data.get("goal") or indicator.goal
    if goal.plan_id != indicator.goal.plan_id:
        raise ValidationError({"goal": _("Bitte wählen Sie ein Ziel dieses Werkstattplans.")})
    indicator.goal = goal
    keys = ("target", "due")
    if indicator.kind == Indicator.Kind.OWN:
        keys = ("name", "unit", "baseline", "baseline_date", "target", "due")
    for key in keys:
        if key in data:
            setattr(indicator, key, data[key])
    if indicator.kind == Indicator.Kind.OWN:
        indicator.name = (indicator.name or "").strip()
        if not indicator.name:
            raise ValidationError({"name": _("Bitte benennen Sie die Kennzahl.")})
        if indicator.baseline is not None and indicator.baseline_date is None:
            indicator.baseline_date = timezone.localdate()
    if indicator.due and indicator.baseline_date and indicator.due <= indicator.baseline_date:
        raise ValidationError(
            {"due": _("Das Zieldatum muss nach dem Stand des Ausgangswerts liegen.")}
        )
    return save_audited(
        indicator,
        by=by,
        action="plans.indicator_updated",
        message=_("Indikator „%(name)s“ bearbeitet") % {"name": indicator.name},
        request=request,
    )


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by, request=None) -> None:
    delete_audited(
        indicator,
        by=by,
        action="plans.indicator_deleted",
        message=_("Indikator „%(name)s“ mit seinen Messwerten gelöscht") % {"name": indicator.name},
        request=request,
    )


@transaction.atomic
def measurement_add(
    *, indicator: Indicator, by, measured_on: date, value, note: str = "", request=None
) -> Measurement:
    """Record a value; a second value for the same day replaces the first."""
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("Messwerte können nicht in der Zukunft liegen.")})
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator,
        measured_on=measured_on,
        defaults={"value": value, "note": (note or "").strip(), "created_by": user_or_none(by)},
    )
    audit_object(
        measurement,
        by=by,
        action="plans.measurement_added",
        message=_("Messwert für „%(name)s“ erfasst") % {"name": indicator.name},
        municipality=indicator.municipality,
        request=request,
    )
    return measurement


@transaction.atomic
def measurement_update(
    *, measurement: Measurement, by, measured_on: date, value, note: str = "", request=None
) -> Measurement:
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("Messwerte können nicht in der Zukunft liegen.")})
    clash = (
        Measurement.objects.filter(indicator=measurement.indicator_id, measured_on=measured_on)
        .exclude(pk=measurement.pk)
        .exists()
    )
    if clash:
        raise ValidationError({"measured_on": _("Für diesen Tag gibt es schon einen Messwert.")})
    measurement.measured_on, measurement.value = measured_on, value
    measurement.note = (note or "").strip()
    measurement.full_clean(validate_unique=False)
    measurement.save()
    audit_object(
        measurement,
        by=by,
        action="plans.measurement_updated",
        message=_("Messwert für „%(name)s“ bearbeitet") % {"name": measurement.indicator.name},
        request=request,
    )
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: Measurement, by, request=None) -> None:
    delete_audited(
        measurement,
        by=by,
        action="plans.measurement_deleted",
        message=_("Messwert für „%(name)s“ gelöscht") % {"name": measurement.indicator.name},
        request=request,
    )


def personal_data_erase(user) -> int:
    """DSGVO erasure: comments, approvals and entries stay with the Kommune, without the user.

    ``update()`` on purpose – approved versions are immutable through ``save``; only the
    link to the person is removed."""
    count = Comment.objects.filter(author=user).update(author=None)
    count += PlanVersion.objects.filter(approved_by=user).update(approved_by=None)
    count += Plan.objects.filter(published_by=user).update(published_by=None)
    count += Measure.objects.filter(created_by=user).update(created_by=None)
    count += Measurement.objects.filter(created_by=user).update(created_by=None)
    count += MeasureEffect.objects.filter(created_by=user).update(created_by=None)
    return count
