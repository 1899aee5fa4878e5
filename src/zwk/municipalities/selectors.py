"""Reads for Kommunen and their process, shaped for the pages that show them."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from zwk.municipalities.models import (
    ChecklistItem,
    Invitation,
    Membership,
    Municipality,
    ProcessStep,
)
from zwk.municipalities.process import STEPS


def municipalities_for_user(user) -> QuerySet[Municipality]:
    """The Kommunen ``user`` may see: all for the office, otherwise own and assigned ones."""
    qs = Municipality.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if not user.is_office:
        qs = qs.filter(
            Q(memberships__user=user)
            | Q(consultant_assignments__consultant=user, consultant_assignments__active=True)
        ).distinct()
    return qs.order_by("name")


def with_step_overview(qs: QuerySet[Municipality]) -> QuerySet[Municipality]:
    """Attach the steps (ordered) and checklist progress, in a constant number of queries."""
    steps = ProcessStep.objects.annotate(
        items_total=Count("checklist"),
        items_done=Count("checklist", filter=Q(checklist__done=True)),
    )
    return qs.prefetch_related(Prefetch("steps", queryset=steps, to_attr="step_list"), "themes")


def current_step(municipality: Municipality) -> ProcessStep | None:
    """The first step that is not done, in programme order (needs ``with_step_overview``)."""
    steps = step_list(municipality)
    for step in steps:
        if step.status != ProcessStep.Status.DONE:
            return step
    return None


def step_list(municipality: Municipality) -> list[ProcessStep]:
    steps = getattr(municipality, "step_list", None)
    if steps is None:
        steps = list(
            municipality.steps.annotate(
                items_total=Count("checklist"),
                items_done=Count("checklist", filter=Q(checklist__done=True)),
            )
        )
    order = {s.kind: s.number for s in STEPS}
    return sorted(steps, key=lambda s: order[s.kind])


def team(municipality: Municipality) -> QuerySet[Membership]:
    return municipality.memberships.select_related("user").order_by(
        "role", "user__last_name", "user__first_name"
    )


def open_invitations(municipality: Municipality) -> QuerySet[Invitation]:
    return municipality.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def next_tasks(municipality: Municipality, limit: int = 5) -> QuerySet[ChecklistItem]:
    """Open checklist items of the current step – "what is next" on the workspace."""
    step = current_step(municipality)
    if step is None:
        return ChecklistItem.objects.none()
    return step.checklist.filter(done=False).order_by("order", "id")[:limit]


def recent_activity(municipality: Municipality, limit: int = 10):
    return municipality.audit_entries.filter(security=False).select_related("actor")[:limit]


def programme_figures() -> dict[str, int]:
    """Public figures for the start page: how many Kommunen are in which step."""
    counts = {s.kind: 0 for s in STEPS}
    municipalities = with_step_overview(Municipality.objects.all())
    for m in municipalities:
        step = current_step(m)
        if step is not None:
            counts[step.kind] += 1
    return {"total": len(municipalities), **counts}
