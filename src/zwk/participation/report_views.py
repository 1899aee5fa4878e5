"""Team pages of issue 17's results frame: the survey's PDF report and the workshop's votes
weighted like the survey (``/kommunen/<slug>/beteiligung/…``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from zwk.participation import report, workshop_weighting
from zwk.participation.team_common import survey_for
from zwk.workshops.views.common import team_workshop


@login_required
@require_GET
def survey_report_pdf(request, slug, survey):
    """The results as a tagged PDF for the council or the press (team of the Kommune)."""
    survey = survey_for(request, slug, survey, "participation.view_results")
    response = HttpResponse(report.pdf(survey), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="umfrage-{survey.pk}-bericht.pdf"'
    return response


@login_required
@require_GET
def workshop_weighted(request, slug, workshop):
    """The workshop's points raw and weighted to the Kommune's age structure."""
    workshop = team_workshop(request, slug, workshop)
    return render(
        request,
        "participation/team_workshop_weighting.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "rankings": workshop_weighting.workshop_rankings(workshop),
            "min_per_group": workshop_weighting.MIN_PER_GROUP,
        },
    )


def render_workshop_section(request, workshop) -> str:
    """Hook section on the workshop's console: a link to the weighted ranking."""
    from django.template.loader import render_to_string

    return render_to_string(
        "participation/_workshop_weighting_link.html",
        {"workshop": workshop, "municipality": workshop.municipality},
        request=request,
    )
