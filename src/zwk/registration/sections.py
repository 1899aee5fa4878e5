"""Sections this app adds to pages of ``zwk.municipalities`` (through ``zwk.core.hooks``):
the greeting of a newly registered Kommune and the onboarding guide of every step page."""

from __future__ import annotations

from django.template.loader import render_to_string

from zwk.municipalities.models import ProcessStep
from zwk.plans.selectors import published_plans
from zwk.registration import selectors
from zwk.registration.guides import GUIDES
from zwk.registration.models import Application, FundingRound, StepVideo
from zwk.toolbox.models import Entry, EntryType

EXAMPLES = 3


def render_welcome(request, municipality) -> str:
    """A registered Kommune whose Kick-off has not started: welcome and the first step."""
    round_ = selectors.round_of(municipality)
    registered = Application.objects.filter(
        municipality=municipality, status=Application.Status.APPROVED
    ).exists()
    first = (
        ProcessStep.objects.filter(municipality=municipality, kind="kickoff")
        .exclude(status=ProcessStep.Status.DONE)
        .first()
    )
    if not registered and round_ is None and not FundingRound.objects.exists():
        return ""  # before the office runs rounds, nothing to say
    return render_to_string(
        "registration/_welcome.html",
        {
            "municipality": municipality,
            "registered": registered,
            "first": first if registered else None,
            "round": round_,
        },
        request=request,
    )


def examples(step_kind: str, municipality) -> dict:
    """Published plans of other Kommunen and shared lessons (best practices) of this step."""
    plans = [p for p in published_plans(limit=EXAMPLES + 1) if p.municipality_id != municipality.pk]
    lessons = (
        Entry.objects.published()
        .filter(entry_type=EntryType.BEST_PRACTICE, facets__field="phases", facets__value=step_kind)
        .order_by("-published_at")[:EXAMPLES]
    )
    return {"plans": plans[:EXAMPLES], "lessons": list(lessons)}


def render_step_guide(request, step) -> str:
    guide = GUIDES.get(step.kind)
    if guide is None:
        return ""
    return render_to_string(
        "registration/_step_guide.html",
        {
            "step": step,
            "guide": guide,
            "video": StepVideo.objects.filter(step_kind=step.kind).first(),
            **examples(step.kind, step.municipality),
        },
        request=request,
    )
