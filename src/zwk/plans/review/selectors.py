"""Reads of the Zwischenbilanz: traffic lights of measures and indicators at a date, lessons
learnt, continuation (Verstetigung) and the next review date.

Query counts are constant in the number of measures, indicators and lessons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet

from zwk.plans.models import (
    Continuation,
    Indicator,
    Lesson,
    Measure,
    Measurement,
    Milestone,
    Plan,
    ReviewSchedule,
)
from zwk.plans.review.charts import figure_digits
from zwk.plans.review.traffic_light import Assessment, assess
from zwk.plans.selectors import latest_measurement


def lessons(plan: Plan) -> QuerySet[Lesson]:
    return plan.lessons.select_related("measure", "toolbox_entry").order_by(
        "measure__title", "title", "id"
    )


@dataclass
class ContinuationRow:
    measure: Measure
    continuation: Continuation | None

    @property
    def decision(self) -> str:
        return self.continuation.decision if self.continuation else Continuation.Decision.OPEN

    @property
    def decision_label(self) -> str:
        return str(Continuation.Decision(self.decision).label)

    @property
    def owner(self) -> str:
        return self.continuation.owner if self.continuation else ""

    @property
    def note(self) -> str:
        return self.continuation.note if self.continuation else ""


def continuation_rows(plan: Plan) -> list[ContinuationRow]:
    """Every measure that is not dropped, with its Verstetigung (None: not yet decided)."""
    measures = (
        plan.measures.exclude(status=Measure.Status.DROPPED)
        .select_related("continuation")
        .order_by("title", "id")
    )
    rows = []
    for measure in measures:
        try:
            continuation = measure.continuation
        except Continuation.DoesNotExist:
            continuation = None
        rows.append(ContinuationRow(measure, continuation))
    return rows


def schedule(plan: Plan) -> ReviewSchedule | None:
    return ReviewSchedule.objects.filter(plan=plan).first()


# --- Traffic lights of measures and indicators ---------------------------------------------


@dataclass
class IndicatorReview:
    indicator: Indicator
    value: float | None
    value_date: date | None
    assessment: Assessment
    #: decimals of this indicator's figures (0 for counts; review.charts.figure_digits)
    digits: int = 1


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
        latest = latest_measurement(list(indicator.measurements.all()), on)
        value = float(latest.value) if latest else None
        assessment = assess(
            baseline=None if indicator.baseline is None else float(indicator.baseline),
            baseline_date=indicator.baseline_date,
            target=None if indicator.target is None else float(indicator.target),
            due=indicator.due,
            value=value,
            on=on,
        )
        digits = figure_digits(indicator, [m.value for m in indicator.measurements.all()])
        result.indicators.append(
            IndicatorReview(
                indicator, value, latest.measured_on if latest else None, assessment, digits
            )
        )
    return result


def has_review(municipality) -> bool:
    """Step result of the Zwischenbilanz: lessons learnt or decisions on continuing measures."""
    return (
        Lesson.objects.filter(plan__municipality=municipality).exists()
        or Continuation.objects.filter(measure__plan__municipality=municipality)
        .exclude(decision=Continuation.Decision.OPEN)
        .exists()
    )
