"""Projector view, QR code and join sheet of a workshop."""

from __future__ import annotations

import io

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from zwk.core import pdf as pdf_output
from zwk.core import print_languages
from zwk.workshops import live, selectors
from zwk.workshops.views.common import (
    stream_url,
    team_workshop,
)


def _projector_context(request, workshop):
    phase_list = selectors.phases(workshop)
    phase = selectors.current_phase(workshop, phase_list)
    cards = list(selectors.visible_cards(phase)) if phase else []
    return {
        "workshop": workshop,
        "municipality": workshop.municipality,
        "phase": phase,
        "cards": cards,
        "ranking": [c for c in cards if c.points][:10],
        "cluster_rows": selectors.clusters_with_cards(phase, cards) if phase else [],
        "figures": selectors.participation_figures(workshop),
        "live_tag": live.tag(workshop, "p"),
    }


@login_required
@require_GET
def projector(request, slug, pk):
    workshop = team_workshop(request, slug, pk)
    context = _projector_context(request, workshop)
    context.update(
        participant_url=request.build_absolute_uri(workshop.get_participant_url()),
        live_url=reverse(
            "workshops:projector_live",
            kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk},
        ),
        live_stream_url=stream_url(workshop),
    )
    return render(request, "workshops/projector.html", context)


@login_required
@require_GET
def projector_live(request, slug, pk):
    workshop = team_workshop(request, slug, pk)
    live_tag = live.tag(workshop, "p")
    if response := live.unchanged(request, live_tag):
        return response
    context = _projector_context(request, workshop)
    context["live_url"] = request.path
    html = render_to_string("workshops/_projector_live.html", context, request=request)
    return live.respond(html, live_tag)


@login_required
@require_GET
def qr_code(request, slug, pk):
    workshop = team_workshop(request, slug, pk)
    url = request.build_absolute_uri(workshop.get_participant_url())
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        scale=8,
        border=2,
        xmldecl=False,
        title=_("QR-Code: %(url)s") % {"url": url},
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def _join_sheet_page(request, workshop, form, status=200):
    return render(
        request,
        "workshops/join_sheet.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "participant_url": request.build_absolute_uri(workshop.get_participant_url()),
            "languages_form": form,
        },
        status=status,
    )


@login_required
@require_GET
def join_sheet(request, slug, pk):
    workshop = team_workshop(request, slug, pk)
    return _join_sheet_page(request, workshop, print_languages.PrintLanguagesForm())


@login_required
@require_GET
def join_sheet_pdf(request, slug, pk):
    """The join notice as a PDF, one page per chosen language (issue 18): each page in its
    language, with a QR code that opens the workshop in that language."""
    import weasyprint

    workshop = team_workshop(request, slug, pk)
    form = print_languages.form_for(request)
    if not form.is_valid():
        return _join_sheet_page(request, workshop, form, status=400)
    participant_url = request.build_absolute_uri(workshop.get_participant_url())
    pages = []
    for language in form.selected():
        url = print_languages.url_in(participant_url, language)
        pages.append({"language": language, "url": url, "qr": print_languages.qr_data_uri(url)})
    html = render_to_string(
        "workshops/join_sheet_pdf.html",
        {"workshop": workshop, "municipality": workshop.municipality, "pages": pages},
        request=request,
    )
    pdf = pdf_output.pdf_bytes(weasyprint.HTML(string=html, url_fetcher=pdf_output.only_data_urls))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "-".join(page["language"].query for page in pages)
    response["Content-Disposition"] = f'attachment; filename="aushang-{workshop.code}-{name}.pdf"'
    return response
