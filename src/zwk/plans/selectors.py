"""Reads of the Werkstattplan and the Zwischenbilanz, shaped for the pages.

Query counts stay constant in the number of measures and indicators (prefetching).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet

from zwk.plans.models import (
    Comment,
    Goal,
    Indicator,
    Measure,
    Measurement,
    Milestone,
    Plan,
    PlanVersion,
)
from zwk.plans.traffic_light import Assessment, assess
from zwk.workshops.selectors import sketches_for_plan


def plan_or_none(municipality) -> Plan | None:
    return Plan.objects.filter(municipality=municipality).first()


def measures(plan: Plan, *, theme=None, status: str = "") -> QuerySet[Measure]:
    qs = plan.measures.select_related("theme", "origin_sketch__workshop").prefetch_related(
        "goals", "partners", "target_groups", "milestones"
    )
    if theme is not None:
        qs = qs.filter(theme=theme)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("title", "id")


def goals(plan: Plan) -> QuerySet[Goal]:
    return plan.goals.select_related("theme").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("name", "id"))
    )


def measure_themes(municipality):
    """Handlungsfelder a measure may have: the Kommune's chosen ones."""
    return municipality.themes.all()


@dataclass
class SketchRow:
    sketch: object
    measure: Measure | None  # the measure it already became, if any


def carry_over_rows(municipality, plan: Plan | None) -> list[SketchRow]:
    """Sketches proposed for the plan, each with the measure it already became (if any)."""
    sketches = list(sketches_for_plan(municipality))
    done = {}
    if plan is not None:
        done = {
            m.origin_sketch_id: m
            for m in plan.measures.filter(origin_sketch__in=[s.pk for s in sketches])
        }
    return [SketchRow(s, done.get(s.pk)) for s in sketches]


# --- Zwischenbilanz -------------------------------------------------------------------------


@dataclass
class IndicatorReview:
    indicator: Indicator
    value: float | None
    value_date: date | None
    assessment: Assessment


@dataclass
class MeasureReview:
    measure: Measure
    milestones_due: int = 0
    milestones_met: int = 0
    budget_share: float | None = None  # actual / planned


@dataclass
class Review:
    on: date
    measures: list[MeasureReview] = field(default_factory=list)
    indicators: list[IndicatorReview] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _latest(values: list[Measurement], on: date) -> Measurement | None:
    earlier = [m for m in values if m.measured_on <= on]
    return earlier[-1] if earlier else None


def review(plan: Plan, on: date) -> Review:
    """Status of every measure and a traffic light for every indicator at ``on``."""
    result = Review(on=on)
    measure_qs = plan.measures.select_related("theme").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id"))
    )
    for measure in measure_qs.order_by("title", "id"):
        due = [m for m in measure.milestones.all() if m.due <= on]
        met = [m for m in measure.milestones.all() if m.done_on and m.done_on <= on]
        share = None
        if measure.budget_planned and measure.budget_actual is not None:
            share = float(measure.budget_actual) / float(measure.budget_planned)
        result.measures.append(MeasureReview(measure, len(due), len(met), share))
        result.counts[measure.status] = result.counts.get(measure.status, 0) + 1
    indicator_qs = (
        Indicator.objects.filter(goal__plan=plan)
        .select_related("goal")
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id"))
        )
        .order_by("goal__order", "goal_id", "name", "id")
    )
    for indicator in indicator_qs:
        latest = _latest(list(indicator.measurements.all()), on)
        value = float(latest.value) if latest else None
        assessment = assess(
            baseline=None if indicator.baseline is None else float(indicator.baseline),
            baseline_date=indicator.baseline_date,
            target=None if indicator.target is None else float(indicator.target),
            due=indicator.due,
            value=value,
            on=on,
        )
        result.indicators.append(
            IndicatorReview(indicator, value, latest.measured_on if latest else None, assessment)
        )
    return result


# --- Personal data (DSGVO export) -----------------------------------------------------------


def personal_data_of(user) -> dict:
    """What the plans app stores about ``user``: comments and approved versions."""
    comments = Comment.objects.filter(author=user).select_related("plan__municipality", "measure")
    versions = PlanVersion.objects.filter(approved_by=user).select_related("plan__municipality")
    return {
        "comments": [
            {
                "kommune": c.plan.municipality.name,
                "measure": c.measure.title if c.measure else "",
                "text": c.body,
                "written_at": c.created_at.isoformat(),
            }
            for c in comments
        ],
        "approved_versions": [
            {
                "kommune": v.plan.municipality.name,
                "version": v.number,
                "approved_at": v.approved_at.isoformat(),
            }
            for v in versions
        ],
    }
