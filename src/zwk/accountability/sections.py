"""The figure on the Zwischenbilanz (slot ``plans.review.sections``, rendered with the plan):
how many contributions became measures and how many of those are done."""

from __future__ import annotations

from django.template.loader import render_to_string

from zwk.accountability import selectors


def render_plan_link(plan, where: str, request=None) -> str:
    """On the public page of the Werkstattplan (slot PLAN_SECTIONS, ``where`` "public"): the
    link to „Was aus Ihren Ideen wurde“."""
    if plan is None or where != "public":
        return ""
    return render_to_string("accountability/_plan_link.html", {"municipality": plan.municipality})


def render_review_section(plan) -> str:
    rows = selectors.contributions(plan.municipality, public=False)
    return render_to_string(
        "accountability/_review_section.html",
        {"figures": selectors.figures(rows), "municipality": plan.municipality},
    )
