"""Reads of the Werkstattplan, shaped for the pages (the Zwischenbilanz: ``review/selectors.py``).

Query counts stay constant in the number of measures and indicators (prefetching).
"""

from __future__ import annotations

from dataclasses import dataclass
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
from zwk.plans.review.traffic_light import Assessment, assess
from zwk.workshops.models import Card
from zwk.workshops.selectors import sketches_for_plan


def plan_or_none(municipality) -> Plan | None:
    return Plan.objects.filter(municipality=municipality).first()


MEASURE_DETAILS = ("goals", "partners", "target_groups", "milestones")


def measures(
    plan: Plan, *, theme=None, status: str = "", prefetch: tuple[str, ...] = MEASURE_DETAILS
) -> QuerySet[Measure]:
    """Measures of a plan by title, with the relations in ``prefetch``.

    Lists pass only what they show: prefetching goals, partners, target groups and milestones
    for 200 measures costs more than rendering the board (one related queryset per measure
    and relation)."""
    qs = plan.measures.select_related("theme", "origin_sketch__workshop").prefetch_related(
        *prefetch
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


# --- Views of the plan: board, timeline, Handlungsfelder, strategy, origin ------------------


@dataclass
class Column:
    status: str
    label: str
    measures: list[Measure]


def board(plan: Plan, *, theme=None) -> list[Column]:
    """The measures in one column per status, in the order of the status list."""
    rows = list(measures(plan, theme=theme, prefetch=()))
    return [
        Column(value, str(label), [m for m in rows if m.status == value])
        for value, label in Measure.Status.choices
    ]


def latest_measurement(values: list[Measurement], on: date) -> Measurement | None:
    """The last of ``values`` (sorted by date) measured on or before ``on``."""
    earlier = [m for m in values if m.measured_on <= on]
    return earlier[-1] if earlier else None


@dataclass
class IndicatorState:
    indicator: Indicator
    value: float | None
    value_date: date | None
    assessment: Assessment


def indicator_states(plan: Plan, on: date) -> dict[int, IndicatorState]:
    """Latest value up to ``on`` and the traffic light of every indicator (two queries)."""
    states = {}
    qs = (
        Indicator.objects.filter(goal__plan=plan)
        .select_related("goal__plan__municipality")
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id"))
        )
    )
    for indicator in qs:
        latest = latest_measurement(list(indicator.measurements.all()), on)
        value = float(latest.value) if latest else None
        states[indicator.pk] = IndicatorState(
            indicator,
            value,
            latest.measured_on if latest else None,
            assess(
                baseline=None if indicator.baseline is None else float(indicator.baseline),
                baseline_date=indicator.baseline_date,
                target=None if indicator.target is None else float(indicator.target),
                due=indicator.due,
                value=value,
                on=on,
            ),
        )
    return states


@dataclass
class GoalBlock:
    goal: Goal
    indicators: list[IndicatorState]


@dataclass
class ThemeBlock:
    theme: object | None  # None: goals and measures without Handlungsfeld
    goals: list[GoalBlock]
    columns: list[Column]
    key_measures: list[Measure]

    @property
    def measure_count(self) -> int:
        return sum(len(c.measures) for c in self.columns)

    @property
    def slug(self) -> str:
        return f"hf-{self.theme.pk}" if self.theme else "hf-ohne"


def theme_blocks(plan: Plan, on: date) -> list[ThemeBlock]:
    """Per Handlungsfeld: goals with indicator lights, measures by status, key measures.

    Handlungsfelder are the Kommune's chosen ones plus any a goal or measure uses; a block
    "ohne Handlungsfeld" collects the rest. A constant number of queries."""
    states = indicator_states(plan, on)
    goal_list = list(goals(plan))
    measure_list = list(measures(plan, prefetch=()))
    themes = {t.pk: t for t in plan.municipality.themes.all()}
    for item in [*goal_list, *measure_list]:
        if item.theme_id and item.theme_id not in themes:
            themes[item.theme_id] = item.theme
    keys = [*sorted(themes.values(), key=lambda t: t.name), None]
    blocks = []
    for theme in keys:
        theme_id = theme.pk if theme else None
        own_goals = [g for g in goal_list if g.theme_id == theme_id]
        own_measures = [m for m in measure_list if m.theme_id == theme_id]
        if theme is None and not own_goals and not own_measures:
            continue
        blocks.append(
            ThemeBlock(
                theme=theme,
                goals=[
                    GoalBlock(g, [states[i.pk] for i in g.indicators.all() if i.pk in states])
                    for g in own_goals
                ],
                columns=[
                    Column(v, str(label), [m for m in own_measures if m.status == v])
                    for v, label in Measure.Status.choices
                ],
                key_measures=[m for m in own_measures if m.key_measure],
            )
        )
    return blocks


@dataclass
class Strategy:
    blocks: list[ThemeBlock]
    counts: list[tuple[str, int]]
    flagged: bool  # False: no key measure marked yet – all active measures are shown


def strategy(plan: Plan, on: date) -> Strategy:
    """The one-page summary: Handlungsfelder with goals, indicators and key measures."""
    blocks = theme_blocks(plan, on)
    flagged = any(b.key_measures for b in blocks)
    if not flagged:
        active = (Measure.Status.RUNNING, Measure.Status.PLANNED, Measure.Status.DONE)
        for b in blocks:
            b.key_measures = [m for c in b.columns if c.status in active for m in c.measures]
    counts: dict[str, int] = {}
    for b in blocks:
        for c in b.columns:
            counts[c.label] = counts.get(c.label, 0) + len(c.measures)
    return Strategy(
        blocks=[b for b in blocks if b.goals or b.key_measures],
        counts=[(label, n) for label, n in counts.items() if n],
        flagged=flagged,
    )


@dataclass
class TraceMeasure:
    measure: Measure
    indicators: list[IndicatorState]


@dataclass
class TraceSketch:
    sketch: object
    cards: list
    measures: list[TraceMeasure]


def trace(municipality, plan: Plan | None, on: date) -> tuple[list[TraceSketch], list]:
    """Workshop card → cluster → sketch → measure → indicator, for the origin page.

    Returns the sketches proposed for the plan (with the visible cards of their cluster and
    the measures they became, each with the indicators of its goals) and the measures that
    were created directly. A constant number of queries."""
    cards_qs = Card.objects.filter(hidden_at__isnull=True, merged_into__isnull=True).order_by("id")
    sketches = list(
        sketches_for_plan(municipality).prefetch_related(
            Prefetch("cluster__cards", queryset=cards_qs)
        )
    )
    if plan is None:
        return [
            TraceSketch(s, list(s.cluster.cards.all()) if s.cluster else [], []) for s in sketches
        ], []
    states = indicator_states(plan, on)
    measure_list = list(measures(plan, prefetch=("goals__indicators",)))
    by_sketch: dict[int, list[TraceMeasure]] = {}
    direct = []
    for m in measure_list:
        row = TraceMeasure(
            m, [states[i.pk] for g in m.goals.all() for i in g.indicators.all() if i.pk in states]
        )
        if m.origin_sketch_id:
            by_sketch.setdefault(m.origin_sketch_id, []).append(row)
        else:
            direct.append(row)
    rows = [
        TraceSketch(s, list(s.cluster.cards.all()) if s.cluster else [], by_sketch.get(s.pk, []))
        for s in sketches
    ]
    return rows, direct


def measure_indicators(measure: Measure, on: date) -> list[IndicatorState]:
    """Indicators of the measure's goals with today's light (measure page: measure → indicator)."""
    states = indicator_states(measure.plan, on)
    return [states[i.pk] for g in measure.goals.all() for i in g.indicators.all() if i.pk in states]


def origin_cards(measure: Measure) -> list:
    """The visible workshop cards of the cluster the measure's sketch came from."""
    sketch = measure.origin_sketch
    if sketch is None or sketch.cluster_id is None:
        return []
    return list(
        sketch.cluster.cards.filter(hidden_at__isnull=True, merged_into__isnull=True).order_by("id")
    )


# --- Consultation, versions, public page ----------------------------------------------------


def comments(plan: Plan, *, measure: Measure | None = None, plan_only: bool = False):
    qs = plan.comments.select_related("author", "measure")
    if measure is not None:
        qs = qs.filter(measure=measure)
    elif plan_only:
        qs = qs.filter(measure__isnull=True)
    return qs.order_by("-created_at", "-id")


def versions(plan: Plan):
    return plan.versions.select_related("approved_by").defer("snapshot").order_by("-number")


@dataclass
class PublicMeasure:
    title: str
    description: str
    theme: str
    goals: list[str]
    target_groups: list[str]
    start: date | None
    end: date | None
    status: str
    status_label: str
    milestones: list[dict]


@dataclass
class PublicPlan:
    version: PlanVersion
    vision: str
    themes: list[tuple[str, list[dict], list[PublicMeasure]]]
    counts: list[tuple[str, int]]


def _iso(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def public_plan(plan: Plan) -> PublicPlan | None:
    """What citizens see: the latest approved version with the current status of its measures.

    Vision, goals (with their indicators' names and targets) and measures come from the
    approved snapshot – a new draft stays internal. Status and reached milestones are
    current. Budget, responsible persons, status reasons and comments are not shown."""
    version = plan.versions.select_related("approved_by").order_by("-number").first()
    if version is None:
        return None
    data = version.snapshot
    ids = [m["id"] for m in data.get("measures", [])]
    live = dict(plan.measures.filter(pk__in=ids).values_list("pk", "status"))
    milestone_ids = [ms["id"] for m in data.get("measures", []) for ms in m.get("milestones", [])]
    reached = dict(
        Milestone.objects.filter(pk__in=milestone_ids, measure__plan=plan).values_list(
            "pk", "done_on"
        )
    )
    labels = dict(Measure.Status.choices)
    public_measures = []
    for m in data.get("measures", []):
        status = live.get(m["id"], m["status"])
        public_measures.append(
            PublicMeasure(
                title=m["title"],
                description=m["description"],
                theme=m["theme"],
                goals=m["goals"],
                target_groups=m["target_groups"],
                start=_iso(m["start"]),
                end=_iso(m["end"]),
                status=status,
                status_label=str(labels.get(status, status)),
                milestones=[
                    {**ms, "due": _iso(ms["due"]), "done_on": reached.get(ms["id"])}
                    for ms in m.get("milestones", [])
                ],
            )
        )
    theme_names = sorted(
        {g["theme"] for g in data.get("goals", [])} | {m.theme for m in public_measures},
        key=lambda t: (t == "", t),
    )
    themes = [
        (
            name,
            [g for g in data.get("goals", []) if g["theme"] == name],
            [m for m in public_measures if m.theme == name],
        )
        for name in theme_names
    ]
    counts = [
        (str(label), sum(1 for m in public_measures if m.status == value))
        for value, label in Measure.Status.choices
    ]
    return PublicPlan(version, data.get("vision", ""), themes, [c for c in counts if c[1]])


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


def published_plans(limit: int = 12) -> QuerySet[Plan]:
    """Werkstattpläne the public may read (published with an approved version), newest first."""
    return (
        Plan.objects.filter(is_published=True, approved_version__gt=0)
        .select_related("municipality")
        .order_by("-published_at", "municipality__name")[:limit]
    )


def has_plan_with_measures(municipality) -> bool:
    """Step result of the Werkstattplan: a plan with at least one measure."""
    return Measure.objects.filter(plan__municipality=municipality).exists()
