"""Reads for the office's overview of all Kommunen (``/geschaeftsstelle/``).

Everything here runs in a constant number of queries, however many Kommunen there are:
the list is one annotated queryset (current step, last activity, workshops, participants),
the page's details come from a few bulk queries keyed by Kommune, and the programme-wide
figures are aggregates.

Definitions (documented for office users in docs/geschaeftsstelle.md):

- **current step**: the first of the five steps, in programme order, that is not done;
  none when all five are done ("abgeschlossen").
- **last activity**: the newest entry in the audit log of the Kommune that a person of the
  Kommune or its consultant caused (not security events such as logins, not the office's
  own actions, not automatic jobs); the date the Kommune was added when there is none.
  The audit log is the one place every feature app writes to (steps, checklists,
  documents, workshops, plans, consulting), so it covers all kinds of progress.
- **stalled**: not all steps done and no activity for ``weeks`` weeks (default
  ``settings.OFFICE_STALLED_WEEKS``, 6).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from zwk.accounts.models import AuditEntry
from zwk.consulting.models import ConsultingRequest, DayBudget, DayLog
from zwk.consulting.selectors import BudgetRow, budget_summary
from zwk.municipalities.models import ConsultantAssignment, Municipality, ProcessStep, Theme
from zwk.municipalities.process import STEPS
from zwk.plans.models import Measure
from zwk.registration.selectors import municipalities_in_round
from zwk.toolbox.models import Entry
from zwk.toolbox.models import Status as EntryStatus
from zwk.workshops.models import Participant, Workshop

DEFAULT_STALLED_WEEKS = 6
PAGE_SIZE = 50
FINISHED = "fertig"  # filter value: all five steps done

SORTS = {
    "name": ("name", "pk"),
    "schritt": (F("current_step").asc(nulls_last=True), "name", "pk"),
    "aktivitaet": ("last_activity", "name", "pk"),
    "teilnehmende": ("-participants_count", "name", "pk"),
}


def stalled_weeks_default() -> int:
    return settings.OFFICE_STALLED_WEEKS


def _step_number() -> Case:
    return Case(
        *[When(kind=s.kind, then=Value(s.number)) for s in STEPS],
        output_field=IntegerField(),
    )


def _count(qs: QuerySet, key: str) -> Subquery:
    """``COUNT(*)`` of ``qs`` per Kommune (``key`` = path to the Kommune), as a subquery."""
    counted = qs.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_overview(qs: QuerySet[Municipality], *, counts: bool = True) -> QuerySet[Municipality]:
    """Annotate ``current_step`` (number, NULL when all done), ``last_activity``,
    ``workshops_count`` and ``participants_count`` – one query, sortable and filterable.

    ``counts=False``: only the step and the last activity (what "stalled" needs) – two
    subqueries per Kommune instead of four, for figures over all 11,000 Kommunen."""
    current = (
        ProcessStep.objects.filter(municipality=OuterRef("pk"))
        .exclude(status=ProcessStep.Status.DONE)
        .annotate(n=_step_number())
        .order_by("n")
        .values("n")[:1]
    )
    latest = (
        AuditEntry.objects.filter(
            municipality=OuterRef("pk"),
            security=False,
            actor__isnull=False,
            actor__is_office=False,
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    qs = qs.annotate(
        current_step=Subquery(current, output_field=IntegerField()),
        last_activity=Coalesce(Subquery(latest), F("created_at")),
    )
    if not counts:
        return qs
    return qs.annotate(
        workshops_count=_count(
            Workshop.objects.filter(municipality=OuterRef("pk")), "municipality"
        ),
        participants_count=_count(
            Participant.objects.filter(
                workshop__municipality=OuterRef("pk"), blocked_at__isnull=True
            ),
            "workshop__municipality",
        ),
    )


def stalled_ids(qs: QuerySet[Municipality], weeks: int, now: datetime | None = None) -> set[int]:
    """Ids of the stalled Kommunen among ``qs`` (for the map: one query, only the two
    annotations the definition needs)."""
    annotated = with_overview(qs, counts=False).filter(stalled_q(cutoff_for(weeks, now)))
    return set(annotated.values_list("pk", flat=True))


def stalled_q(cutoff: datetime) -> Q:
    """Kommunen (annotated by ``with_overview``) with no activity since ``cutoff``."""
    return Q(current_step__isnull=False, last_activity__lt=cutoff)


def cutoff_for(weeks: int, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(weeks=weeks)


@dataclass(frozen=True)
class Criteria:
    land: str = ""
    kind: str = ""
    theme: Theme | None = None
    step: str = ""  # a step kind or FINISHED
    stalled_only: bool = False
    weeks: int = DEFAULT_STALLED_WEEKS
    sort: str = "name"
    funding_round: str = ""  # a FundingRound pk, "ohne" (in none) or "" (all)


def overview(criteria: Criteria, now: datetime | None = None) -> QuerySet[Municipality]:
    """All Kommunen, annotated, filtered and sorted by ``criteria`` (not yet evaluated)."""
    qs = with_overview(Municipality.objects.all())
    if criteria.land:
        qs = qs.filter(land=criteria.land)
    if criteria.kind:
        qs = qs.filter(kind=criteria.kind)
    if criteria.theme is not None:
        qs = qs.filter(themes=criteria.theme)
    if criteria.funding_round:
        qs = qs.filter(pk__in=municipalities_in_round(criteria.funding_round).values("pk"))
    if criteria.step == FINISHED:
        qs = qs.filter(current_step__isnull=True)
    elif criteria.step:
        number = next((s.number for s in STEPS if s.kind == criteria.step), None)
        qs = qs.filter(current_step=number)
    if criteria.stalled_only:
        qs = qs.filter(stalled_q(cutoff_for(criteria.weeks, now)))
    return qs.order_by(*SORTS.get(criteria.sort, SORTS["name"]))


@dataclass
class Row:
    """One Kommune in the overview table."""

    municipality: Municipality
    current: ProcessStep | None  # None: all steps done
    steps_done: int
    last_activity: datetime
    stalled: bool
    inactive_weeks: int
    consultants: list = field(default_factory=list)
    budget: BudgetRow | None = None
    workshops: int = 0
    participants: int = 0
    age_groups: list[str] = field(default_factory=list)  # labels, in programme order
    measures: list[tuple[str, int]] = field(default_factory=list)  # (label, n), non-zero

    @property
    def step_count(self) -> int:
        return len(STEPS)

    @property
    def days_over(self) -> Decimal | None:
        """Days used beyond the budget (None when within it or without a budget)."""
        left = self.budget.left if self.budget is not None else None
        return -left if left is not None and left < 0 else None

    @property
    def age_groups_total(self) -> int:
        return len(Participant.AgeGroup.choices)


def rows_for(municipalities, weeks: int, now: datetime | None = None) -> list[Row]:
    """Rows for a page of Kommunen from ``overview`` (a list or sliced queryset), with five
    further queries in all: steps, consultants, age groups, measures, budgets."""
    now = now or timezone.now()
    municipalities = list(municipalities)
    ids = [m.pk for m in municipalities]
    if not ids:
        return []
    cutoff = cutoff_for(weeks, now)

    steps = defaultdict(list)
    for step in ProcessStep.objects.filter(municipality_id__in=ids).annotate(
        items_total=Count("checklist"),
        items_done=Count("checklist", filter=Q(checklist__done=True)),
    ):
        steps[step.municipality_id].append(step)

    consultants = defaultdict(list)
    for a in (
        ConsultantAssignment.objects.filter(municipality_id__in=ids, active=True)
        .select_related("consultant")
        .order_by("consultant__last_name", "consultant__first_name", "pk")
    ):
        consultants[a.municipality_id].append(a.consultant)

    age_labels = dict(Participant.AgeGroup.choices)
    age_order = list(age_labels)
    ages = defaultdict(set)
    for m_id, group in (
        Participant.objects.filter(workshop__municipality_id__in=ids, blocked_at__isnull=True)
        .exclude(age_group="")
        .order_by()
        .values_list("workshop__municipality_id", "age_group")
        .distinct()
    ):
        ages[m_id].add(group)

    status_labels = dict(Measure.Status.choices)
    measures = defaultdict(dict)
    for m_id, status, n in (
        Measure.objects.filter(plan__municipality_id__in=ids)
        .order_by()
        .values_list("plan__municipality_id", "status")
        .annotate(n=Count("pk"))
    ):
        measures[m_id][status] = n

    budgets = {b.municipality.pk: b for b in budget_summary(municipalities)}

    order = {s.kind: s.number for s in STEPS}
    rows = []
    for m in municipalities:
        own = sorted(steps[m.pk], key=lambda s: order[s.kind])
        current = next((s for s in own if s.status != ProcessStep.Status.DONE), None)
        rows.append(
            Row(
                municipality=m,
                current=current,
                steps_done=sum(1 for s in own if s.status == ProcessStep.Status.DONE),
                last_activity=m.last_activity,
                stalled=current is not None and m.last_activity < cutoff,
                inactive_weeks=max(0, (now - m.last_activity).days // 7),
                consultants=consultants[m.pk],
                budget=budgets.get(m.pk),
                workshops=m.workshops_count,
                participants=m.participants_count,
                age_groups=[age_labels[g] for g in age_order if g in ages[m.pk]],
                measures=[
                    (status_labels[s], measures[m.pk][s])
                    for s in Measure.Status.values
                    if measures[m.pk].get(s)
                ],
            )
        )
    return rows


@dataclass(frozen=True)
class StepLabel:
    """Number and title of a step as plain text (cached figures hold no lazy strings)."""

    number: int
    title: str


@dataclass(frozen=True)
class ProgrammeFigures:
    total: int
    per_step: list[tuple]  # (StepLabel, n)
    finished: int
    stalled: int
    weeks: int
    workshops: int
    participants: int
    measures: list[tuple[str, int]]  # (label, n) for every status
    measures_total: int
    year: int
    days_budgeted: Decimal
    days_used: Decimal


def programme_figures(weeks: int, now: datetime | None = None) -> ProgrammeFigures:
    """Programme-wide figures over all Kommunen (independent of the filters), seven queries."""
    now = now or timezone.now()
    year = timezone.localdate(now).year
    # GROUP BY the current step, and the stalled ones counted apart: one aggregate with a
    # FILTER per step made PostgreSQL evaluate the step subquery once per filter (3.6 s).
    annotated = with_overview(Municipality.objects.all(), counts=False)
    by_step = dict(
        annotated.order_by()
        .values_list("current_step")
        .annotate(n=Count("pk"))
        .values_list("current_step", "n")
    )
    stalled = annotated.filter(stalled_q(cutoff_for(weeks, now))).count()
    measure_counts = dict(Measure.objects.order_by().values_list("status").annotate(n=Count("pk")))
    budgeted = DayBudget.objects.filter(year=year).aggregate(s=Sum("days"))["s"]
    used = DayLog.objects.filter(worked_on__year=year).aggregate(s=Sum("days"))["s"]
    return ProgrammeFigures(
        total=sum(by_step.values()),
        per_step=[(StepLabel(s.number, str(s.title)), by_step.get(s.number, 0)) for s in STEPS],
        finished=by_step.get(None, 0),
        stalled=stalled,
        weeks=weeks,
        workshops=Workshop.objects.count(),
        participants=Participant.objects.filter(blocked_at__isnull=True).count(),
        measures=[
            (str(label), measure_counts.get(value, 0)) for value, label in Measure.Status.choices
        ],
        measures_total=sum(measure_counts.values()),
        year=year,
        days_budgeted=Decimal(budgeted or 0),
        days_used=Decimal(used or 0),
    )


@dataclass
class Attention:
    """What the office should look at first ("Braucht Aufmerksamkeit" on the dashboard)."""

    weeks: int
    stalled: list[Municipality]
    stalled_total: int
    requests: list
    requests_total: int
    reviews_total: int


ATTENTION_LIMIT = 8


def attention(
    weeks: int, now: datetime | None = None, *, stalled_total: int | None = None
) -> Attention:
    """Stalled Kommunen (longest silence first), consulting requests nobody has taken yet,
    toolbox entries waiting for the office's review – in a constant number of queries
    (``stalled_total``: already counted by :func:`programme_figures`, one query fewer)."""
    stalled = with_overview(Municipality.objects.all(), counts=False).filter(
        stalled_q(cutoff_for(weeks, now))
    )
    waiting = ConsultingRequest.objects.filter(
        status__in=[ConsultingRequest.Status.OPEN, ConsultingRequest.Status.DECLINED]
    ).select_related("municipality")
    return Attention(
        weeks=weeks,
        stalled=list(stalled.order_by("last_activity", "name")[:ATTENTION_LIMIT]),
        stalled_total=stalled.count() if stalled_total is None else stalled_total,
        requests=list(waiting.order_by("created_at", "pk")[:ATTENTION_LIMIT]),
        requests_total=waiting.count(),
        reviews_total=Entry.objects.filter(status=EntryStatus.REVIEW).count(),
    )
