"""Reads of „Was aus Ihren Ideen wurde“: every public contribution with the measures it
became, their status (since when), milestones and the traffic lights of their indicators.

What counts as public:

* measures: those of the latest approved version of a *published* Werkstattplan (the rule of
  the plan's public page, ``plans.selectors.public_plan``) – a new draft never leaks;
* workshop cards: visible cards (not hidden, not merged) of the Kommune's workshops whose
  cluster became a sketch that became such a measure; the text only, never the pseudonym;
* survey answers: only those the team featured (``FeaturedAnswer``, a copy of the text);
* ideas: what ``zwk.participation.selectors.ideas_for_accountability`` returns, if it exists.

Everything is filtered by the Kommune; a constant number of queries per page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accountability.models import FeaturedAnswer, Follower, StatusChange
from zwk.plans import selectors as plan_selectors
from zwk.plans.models import Measure, Milestone, Plan
from zwk.workshops.models import Card, Sketch

NO_MEASURE = "none"  # status filter: contributions that did not (yet) become a measure


@dataclass
class Light:
    name: str
    light: str
    reason: str


@dataclass
class MeasureInfo:
    pk: int
    title: str
    theme: str
    theme_id: int | None
    status: str
    status_label: str
    status_since: date | None
    start: date | None
    end: date | None
    sketch_title: str
    milestones: list[dict] = field(default_factory=list)
    lights: list[Light] = field(default_factory=list)


@dataclass
class Contribution:
    kind: str  # Follower.Kind: card, answer, idea
    pk: int
    text: str
    source: str
    on: date | None
    theme: str
    theme_id: int | None
    measures: list[MeasureInfo] = field(default_factory=list)
    # ideas: the status the team gave the idea (eingegangen, in Prüfung, …) and its reason
    own_status: str = ""
    own_reason: str = ""
    own_since: date | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk}"

    @property
    def kind_label(self) -> str:
        return str(Follower.Kind(self.kind).label)

    @property
    def statuses(self) -> set[str]:
        return {m.status for m in self.measures} or {NO_MEASURE}

    @property
    def done(self) -> bool:
        return any(m.status == Measure.Status.DONE for m in self.measures)


def public_plan(municipality) -> Plan | None:
    return Plan.objects.filter(
        municipality=municipality, is_published=True, approved_version__gt=0
    ).first()


def _public_ids(plan: Plan) -> set[int]:
    version = plan.versions.order_by("-number").only("snapshot").first()
    if version is None:
        return set()
    return {m["id"] for m in version.snapshot.get("measures", [])}


def measure_infos(municipality, *, public: bool = True) -> dict[int, MeasureInfo]:
    """The measures contributions may lead to, by id: those of the published plan's approved
    version (``public``) or every measure of the plan (the team's Zwischenbilanz)."""
    plan = public_plan(municipality) if public else plan_selectors.plan_or_none(municipality)
    if plan is None:
        return {}
    qs = plan.measures.select_related("theme", "origin_sketch").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id")),
        "goals__indicators",
    )
    if public:
        qs = qs.filter(pk__in=_public_ids(plan))
    measures = list(qs)
    if not measures:
        return {}
    since = {}
    for change in StatusChange.objects.filter(measure__in=measures).order_by("changed_at", "id"):
        since[change.measure_id] = (change.status, change.changed_at)
    states = plan_selectors.indicator_states(plan, timezone.localdate())
    labels = dict(Measure.Status.choices)
    infos = {}
    for m in measures:
        status_at = since.get(m.pk)
        infos[m.pk] = MeasureInfo(
            pk=m.pk,
            title=m.title,
            theme=m.theme.name if m.theme else "",
            theme_id=m.theme_id,
            status=m.status,
            status_label=str(labels.get(m.status, m.status)),
            status_since=(
                timezone.localdate(status_at[1])
                if status_at and status_at[0] == m.status
                else timezone.localdate(m.updated_at)
            ),
            start=m.start,
            end=m.end,
            sketch_title=m.origin_sketch.title if m.origin_sketch else "",
            milestones=[
                {"title": ms.title, "due": ms.due, "done_on": ms.done_on}
                for ms in m.milestones.all()
            ],
            lights=[
                Light(
                    states[i.pk].indicator.name,
                    str(states[i.pk].assessment.light),
                    str(states[i.pk].assessment.reason),
                )
                for g in m.goals.all()
                for i in g.indicators.all()
                if i.pk in states
            ],
        )
    return infos


def _card_rows(municipality, infos: dict[int, MeasureInfo], measures_by_sketch) -> list:
    sketches = list(
        Sketch.objects.filter(
            pk__in=measures_by_sketch, workshop__municipality=municipality, cluster__isnull=False
        ).values_list("pk", "cluster_id")
    )
    by_cluster: dict[int, list[MeasureInfo]] = {}
    for sketch_id, cluster_id in sketches:
        by_cluster.setdefault(cluster_id, []).extend(measures_by_sketch[sketch_id])
    cards = Card.objects.filter(
        workshop__municipality=municipality,
        cluster_id__in=by_cluster,
        hidden_at__isnull=True,
        merged_into__isnull=True,
    ).select_related("workshop", "theme")
    rows = []
    for card in cards.order_by("workshop__starts_at", "id"):
        rows.append(
            Contribution(
                kind=Follower.Kind.CARD,
                pk=card.pk,
                text=card.text,
                source=_("Zukunftswerkstatt „%(title)s“") % {"title": card.workshop.title},
                on=timezone.localdate(card.workshop.starts_at),
                theme=card.theme.name if card.theme else "",
                theme_id=card.theme_id,
                measures=by_cluster.get(card.cluster_id, []),
            )
        )
    return rows


def _answer_rows(municipality, infos: dict[int, MeasureInfo]) -> list:
    return [
        Contribution(
            kind=Follower.Kind.ANSWER,
            pk=a.pk,
            text=a.text,
            source=a.source,
            on=a.answered_on,
            theme="",
            theme_id=None,
            measures=[infos[a.measure_id]] if a.measure_id in infos else [],
        )
        for a in FeaturedAnswer.objects.filter(municipality=municipality)
    ]


def _idea_rows(municipality, infos: dict[int, MeasureInfo]) -> list:
    """Extension point for the Ideensammlung (zwk.participation).

    ``ideas_for_accountability(municipality)`` is expected to return the Kommune's public
    ideas, each with ``pk``, ``title``, ``text``, ``created_at``, ``theme`` (or None),
    ``status`` / ``get_status_display()``, ``status_reason`` and ``measure_id`` (the measure
    it was taken over into, or None). Until that selector exists, ideas are left out."""
    from zwk.participation import selectors as participation_selectors

    source = getattr(participation_selectors, "ideas_for_accountability", None)
    if source is None:
        return []
    rows = []
    for idea in source(municipality):
        measure_id = getattr(idea, "measure_id", None)
        theme = getattr(idea, "theme", None)
        created = getattr(idea, "created_at", None)
        display = getattr(idea, "get_status_display", None)
        rows.append(
            Contribution(
                kind=Follower.Kind.IDEA,
                pk=idea.pk,
                text=getattr(idea, "title", "") or getattr(idea, "text", ""),
                source=_("Ideensammlung"),
                on=timezone.localdate(created) if created else None,
                theme=theme.name if theme else "",
                theme_id=getattr(theme, "pk", None),
                measures=[infos[measure_id]] if measure_id in infos else [],
                own_status=str(display()) if display else "",
                own_reason=getattr(idea, "status_reason", "") or "",
                own_since=(
                    timezone.localdate(idea.status_changed_at)
                    if getattr(idea, "status_changed_at", None)
                    else None
                ),
            )
        )
    return rows


def contributions(municipality, *, public: bool = True) -> list[Contribution]:
    """All contributions of the Kommune that can be followed, newest first."""
    infos = measure_infos(municipality, public=public)
    by_sketch: dict[int, list[MeasureInfo]] = {}
    if infos:
        for pk, sketch_id in Measure.objects.filter(
            pk__in=infos, origin_sketch__isnull=False
        ).values_list("pk", "origin_sketch_id"):
            by_sketch.setdefault(sketch_id, []).append(infos[pk])
    rows = (
        _card_rows(municipality, infos, by_sketch)
        + _answer_rows(municipality, infos)
        + _idea_rows(municipality, infos)
    )
    rows.sort(key=lambda c: (c.on or date.min, c.kind, c.pk), reverse=True)
    return rows


def filtered(rows: list[Contribution], *, theme_id=None, status: str = "") -> list[Contribution]:
    if theme_id:
        rows = [
            c
            for c in rows
            if c.theme_id == theme_id or any(m.theme_id == theme_id for m in c.measures)
        ]
    if status:
        rows = [c for c in rows if status in c.statuses]
    return rows


def theme_choices(rows: list[Contribution]) -> list[tuple[int, str]]:
    names = {}
    for c in rows:
        if c.theme_id:
            names[c.theme_id] = c.theme
        for m in c.measures:
            if m.theme_id:
                names[m.theme_id] = m.theme
    return sorted(names.items(), key=lambda item: item[1])


@dataclass
class Figures:
    contributions: int
    became_measures: int
    done: int


def figures(rows: list[Contribution]) -> Figures:
    """How many contributions became measures, and of those how many have a measure that is
    done (umgesetzt)."""
    with_measure = [c for c in rows if c.measures]
    return Figures(len(rows), len(with_measure), sum(1 for c in with_measure if c.done))


def find(municipality, kind: str, pk: int) -> Contribution | None:
    """A public contribution of this Kommune (the one a follower may follow)."""
    for c in contributions(municipality):
        if c.kind == kind and c.pk == pk:
            return c
    return None


def followable_project(municipality, pk: int):
    """A published participation project of this Kommune – the one a follower may follow
    as a whole (``Follower.Kind.PROJECT``); None for another Kommune's or an unpublished one."""
    from zwk.participation.models import Project

    return Project.objects.filter(municipality=municipality, published=True, pk=pk).first()


def contribution_keys_for_measure(measure: Measure) -> list[tuple[str, int]]:
    """Which contributions led to ``measure`` – and the published participation projects
    they belong to (ideas of its collections, featured survey answers of its surveys) – as
    follow keys (kind, id) for the mail on a status change."""
    answers = list(measure.featured_answers.values_list("pk", "project_id", "project__published"))
    keys = [(Follower.Kind.ANSWER.value, pk) for pk, _project, _published in answers]
    projects = {project for _pk, project, published in answers if project and published}
    sketch = measure.origin_sketch
    if sketch is not None and sketch.cluster_id:
        keys += [
            (Follower.Kind.CARD.value, pk)
            for pk in Card.objects.filter(
                cluster_id=sketch.cluster_id,
                workshop__municipality_id=measure.plan.municipality_id,
                hidden_at__isnull=True,
                merged_into__isnull=True,
            ).values_list("pk", flat=True)
        ]
    from zwk.participation import selectors as participation_selectors

    source = getattr(participation_selectors, "ideas_for_accountability", None)
    if source is not None:
        for idea in source(measure.plan.municipality):
            if getattr(idea, "measure_id", None) == measure.pk:
                keys.append((Follower.Kind.IDEA.value, idea.pk))
                projects.add(idea.collection.project_id)  # the selector's are published
    keys += [(Follower.Kind.PROJECT.value, pk) for pk in sorted(projects)]
    return keys


def is_public_measure(measure: Measure) -> bool:
    plan = measure.plan
    return plan.is_published and plan.approved_version > 0 and measure.pk in _public_ids(plan)


def answers_for_team(municipality):
    """Free-text answers of the Kommune's surveys the team may feature (visible, not purged)."""
    from zwk.participation.models import Answer, Question

    return (
        Answer.objects.filter(
            response__survey__project__municipality=municipality,
            question__kind=Question.Kind.TEXT,
            hidden_reason="",
            featured__isnull=True,
        )
        .select_related("response__survey__project", "question")
        .order_by("-response__created_at", "-id")
    )


def featured_for_team(municipality):
    return FeaturedAnswer.objects.filter(municipality=municipality).select_related("measure")
