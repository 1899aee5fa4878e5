"""The Situationsanalyse as a section of the Kommunalprofil page and PDF report.

``profiles`` must not import ``situation`` (layers), so this app registers itself through
the slot ``zwk.core.hooks.PROFILE_SECTIONS`` when Django starts.
"""

from django.template.loader import render_to_string
from django.urls import reverse

from zwk.situation import selectors


def render_section(municipality) -> str:
    swot = selectors.swot_for_report(municipality)
    candidates = selectors.candidate_fields(municipality)
    if not candidates and not any(block.items for block in swot):
        return ""
    return render_to_string(
        "situation/_profile_section.html",
        {
            "swot": swot,
            "candidates": candidates,
            "link": reverse("situation:overview", kwargs={"slug": municipality.slug}),
        },
    )
