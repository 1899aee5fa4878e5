"""PDF report of a survey's results (issue 17: "Export CSV/XLSX (weights included), PDF report").

The same figures as the team results page (``results.survey_results``): per question the
counts, raw and weighted shares as bars and table, the weighting with its effective sample
size and the plain-German note on what weighting can and cannot fix, cross-tabs by age group
and Ortsteil, and the free texts that the moderation has not hidden. Tagged PDF/UA-1 with
German as document language and the title in the metadata (``zwk.core.pdf``); numbers in
German format (the report is always rendered in German), years without separators.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from zwk.core import pdf as pdf_output
from zwk.participation import results
from zwk.participation.models import Survey

#: Cross-tabs the report prints (the results page may show more, e.g. by interface language).
CROSSTAB_ATTRS = ("Altersgruppe", "Ortsteil")


def context(survey: Survey, *, structure=None) -> dict:
    with translation.override("de"):
        data = results.survey_results(survey, structure=structure)
        crosstab_titles = {str(translation.gettext(t)) for t in CROSSTAB_ATTRS}
    questions = []
    for r in data["questions"]:
        questions.append(
            {
                "r": r,
                "texts": [a for a in r.texts if not a.hidden_reason],
                "hidden": sum(1 for a in r.texts if a.hidden_reason),
                "crosstabs": [
                    ct for ct in r.crosstabs if ct["title"] in crosstab_titles and ct["rows"]
                ],
            }
        )
    return {
        "survey": survey,
        "project": survey.project,
        "municipality": survey.project.municipality,
        "responses": data["responses"],
        "paper": data["paper"],
        "weighting": data["weighting"],
        "questions": questions,
        "generated_at": timezone.localtime(),
    }


def html(survey: Survey, *, structure=None) -> str:
    with translation.override("de"):
        return render_to_string(
            "participation/results_pdf.html", context(survey, structure=structure)
        )


def _no_fetch(url, *args, **kwargs):
    # Built from our own template only (inline SVG): nothing is fetched from outside.
    raise ValueError(f"external resource refused: {url}")


def document(survey: Survey, *, structure=None):
    """The laid-out WeasyPrint document (tests read its text boxes)."""
    from weasyprint import HTML

    return pdf_output.render(HTML(string=html(survey, structure=structure), url_fetcher=_no_fetch))


def pdf(survey: Survey, *, structure=None) -> bytes:
    return pdf_output.pdf_bytes(document(survey, structure=structure))
