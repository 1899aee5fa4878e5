"""Reads of "Entwurf diskutieren", shaped for the pages (a fixed number of queries)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.consultation.models import Consultation, PublicComment
from zwk.plans.models import Goal, Measure, Plan

S = PublicComment.Section


@dataclass
class Section:
    """One section of the draft that can be commented on: the vision, a goal or a measure."""

    kind: str
    ref: int | None
    title: str
    text: str = ""
    detail: str = ""
    comments: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.ref}" if self.ref else self.kind

    @property
    def anchor(self) -> str:
        return f"abschnitt-{self.key}"

    @property
    def kind_label(self) -> str:
        return str(S(self.kind).label)


def plan_of(municipality) -> Plan | None:
    return Plan.objects.filter(municipality=municipality).first()


def public_consultation(plan: Plan | None, *, today=None) -> Consultation | None:
    """The consultation the public page shows: the latest that has begun (open or closed)."""
    if plan is None:
        return None
    today = today or timezone.localdate()
    return plan.public_consultations.filter(starts_on__lte=today).order_by("-starts_on").first()


def consultations(plan: Plan | None) -> list[Consultation]:
    if plan is None:
        return []
    return list(plan.public_consultations.select_related("closed_by").order_by("-starts_on"))


def running(plan: Plan | None) -> Consultation | None:
    if plan is None:
        return None
    return plan.public_consultations.filter(closed_at__isnull=True).first()


def plan_sections(plan: Plan) -> list[Section]:
    """The draft as it is now, section by section: Leitbild, goals, measures."""
    sections = [Section(S.VISION, None, str(_("Leitbild")), text=plan.vision)]
    for goal in Goal.objects.filter(plan=plan).select_related("theme").order_by("order", "id"):
        sections.append(
            Section(S.GOAL, goal.pk, goal.text, detail=goal.theme.name if goal.theme else "")
        )
    for measure in Measure.objects.filter(plan=plan).select_related("theme").order_by("title"):
        sections.append(
            Section(
                S.MEASURE,
                measure.pk,
                measure.title,
                text=measure.description,
                detail=measure.theme.name if measure.theme else "",
            )
        )
    return sections


def find_section(plan: Plan, key: str) -> Section | None:
    """The section named ``key`` ("vision", "goal-12", "measure-5") of this plan, or None."""
    kind, _sep, ref = (key or "").partition("-")
    if kind == S.VISION and not ref:
        return Section(S.VISION, None, str(_("Leitbild")))
    if not ref.isdigit():
        return None
    if kind == S.GOAL:
        goal = Goal.objects.filter(plan=plan, pk=int(ref)).first()
        return Section(S.GOAL, goal.pk, goal.text) if goal else None
    if kind == S.MEASURE:
        measure = Measure.objects.filter(plan=plan, pk=int(ref)).first()
        return Section(S.MEASURE, measure.pk, measure.title) if measure else None
    return None


def comments(consultation: Consultation, *, public: bool):
    """Top-level comments with their replies; the public sees no hidden ones."""
    replies = PublicComment.objects.order_by("created_at", "id")
    top = PublicComment.objects.filter(consultation=consultation, parent__isnull=True)
    if public:
        replies = replies.filter(hidden_reason="")
        top = top.filter(hidden_reason="")
    return top.prefetch_related(Prefetch("replies", queryset=replies)).order_by("created_at", "id")


def sections_with_comments(
    consultation: Consultation, *, public: bool
) -> tuple[list[Section], list[Section]]:
    """(sections of the current draft, sections no longer in the draft) with their comments."""
    plan = consultation.plan
    sections = plan_sections(plan)
    by_key = {s.key: s for s in sections}
    gone: dict[str, Section] = {}
    for comment in comments(consultation, public=public):
        section = by_key.get(comment.section_key)
        if section is None:
            section = gone.setdefault(
                comment.section_key,
                Section(comment.section, comment.section_ref, comment.section_title),
            )
        section.comments.append(comment)
    return sections, list(gone.values())


def summary(consultation: Consultation) -> dict:
    """Counts per section (in the order of the draft), answered and hidden – the figures
    ``services.consultation_close`` stores."""
    rows: dict[str, dict] = {}
    order = {s.key: i for i, s in enumerate(plan_sections(consultation.plan))}
    totals = defaultdict(int)
    pseudonyms = set()
    for c in PublicComment.objects.filter(consultation=consultation).order_by("created_at", "id"):
        row = rows.setdefault(
            c.section_key,
            {
                "section": c.section,
                "ref": c.section_ref,
                "title": c.section_title,
                "label": str(S(c.section).label),
                "comments": 0,
                "replies": 0,
                "answered": 0,
                "hidden": 0,
            },
        )
        row["replies" if c.parent_id else "comments"] += 1
        totals["replies" if c.parent_id else "comments"] += 1
        if c.answer:
            row["answered"] += 1
            totals["answered"] += 1
        if c.hidden_reason:
            row["hidden"] += 1
            totals["hidden"] += 1
        pseudonyms.add(c.pseudonym.casefold())
    sections = sorted(rows.values(), key=lambda r: order.get(_key(r), len(order)))
    return {
        "schema": 1,
        "starts_on": consultation.starts_on.isoformat(),
        "ends_on": consultation.ends_on.isoformat(),
        "comments": totals["comments"],
        "replies": totals["replies"],
        "answered": totals["answered"],
        "hidden": totals["hidden"],
        "people": len(pseudonyms),
        "sections": sections,
        "key_points": consultation.key_points,
    }


def _key(row: dict) -> str:
    return f"{row['section']}-{row['ref']}" if row["ref"] else row["section"]


def closed_summaries(plan: Plan) -> list[Consultation]:
    return list(
        plan.public_consultations.filter(closed_at__isnull=False).order_by("-closed_at", "-id")
    )


def open_consultations(*, today=None):
    """Consultations open now (for "Jetzt mitmachen")."""
    today = today or timezone.localdate()
    return (
        Consultation.objects.filter(
            closed_at__isnull=True, starts_on__lte=today, ends_on__gte=today
        )
        .select_related("plan__municipality")
        .order_by("ends_on", "id")
    )
