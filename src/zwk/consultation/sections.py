"""Sections "Entwurf diskutieren" contributes to other apps' pages (``zwk.core.hooks``).

``plans`` sits below this app and cannot import it: the plan's public page, its version
history and the council report render the slot ``PLAN_SECTIONS`` with ``where`` naming the
place; the start page and ``/mitmachen/`` list open consultations (``PARTICIPATE_SECTIONS``);
a Kommune's workspace links the team to the moderation (``WORKSPACE_SECTIONS``).
"""

from __future__ import annotations

from django.template.loader import render_to_string

from zwk.consultation import selectors

TEMPLATES = {
    "public": "consultation/_plan_public.html",
    "versions": "consultation/_plan_versions.html",
    "report": "consultation/_plan_report.html",
}


def render_plan_section(plan, where: str, request=None) -> str:
    template = TEMPLATES.get(where)
    if plan is None or template is None:
        return ""
    context = {"plan": plan, "municipality": plan.municipality}
    if where == "public":
        context["consultation"] = selectors.public_consultation(plan)
        if context["consultation"] is None:
            return ""
    else:
        context["closed"] = selectors.closed_summaries(plan)
        if where == "report" and not context["closed"]:
            return ""
        context["running"] = selectors.running(plan)
    return render_to_string(template, context, request=request)


def render_open_consultations(request=None) -> str:
    consultations = list(selectors.open_consultations()[:20])
    if not consultations:
        return ""
    return render_to_string(
        "consultation/_open.html", {"consultations": consultations}, request=request
    )


def render_workspace(request, municipality) -> str:
    if not request.user.has_perm("consultation.view_comments", municipality):
        return ""
    plan = selectors.plan_of(municipality)
    if plan is None:
        return ""
    return render_to_string(
        "consultation/_workspace.html",
        {
            "municipality": municipality,
            "running": selectors.running(plan),
            "closed": selectors.closed_summaries(plan)[:1],
        },
        request=request,
    )
