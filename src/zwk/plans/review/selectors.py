"""Reads of the Zwischenbilanz beyond the traffic lights: lessons learnt, Verstetigung.

Query counts are constant in the number of measures and lessons.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from zwk.plans.models import Continuation, Lesson, Measure, Plan, ReviewSchedule


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
