"""Views of the candidate Handlungsfelder of the Situationsanalyse. Thin: access, form,
service, response; objects filtered by the Kommune."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core.views import add_form_errors, confirm_page
from zwk.municipalities.access import municipality_for
from zwk.situation import selectors, services
from zwk.situation.forms import (
    CandidateFieldForm,
)
from zwk.situation.models import CandidateField
from zwk.situation.pages import CHANGE, DELETE, VIEW, form_page, page_context

# --- Candidate Handlungsfelder --------------------------------------------------------


def _candidates_page(request, municipality, *, form=None, status=200):
    return render(
        request,
        "situation/candidates.html",
        page_context(
            request,
            municipality,
            "candidates",
            candidates=list(selectors.candidate_queryset(municipality)),
            form=form or CandidateFieldForm(municipality=municipality),
            has_swot=municipality.swot_items.exists(),
        ),
        status=status,
    )


@login_required
@require_GET
def candidates(request, slug):
    return _candidates_page(request, municipality_for(request, slug, VIEW))


@login_required
@require_POST
def candidate_add(request, slug):
    municipality = municipality_for(request, slug, CHANGE)
    form = CandidateFieldForm(request.POST, municipality=municipality)
    if form.is_valid():
        try:
            candidate = services.candidate_add(
                municipality=municipality, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("„%(theme)s“ steht jetzt auf Rang %(rank)s.")
                % {"theme": candidate.theme.name, "rank": candidate.position},
            )
            return redirect("situation:candidates", slug=slug)
    return _candidates_page(request, municipality, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    candidate = get_object_or_404(
        CandidateField.objects.select_related("theme"), pk=pk, municipality=municipality
    )
    form = CandidateFieldForm(request.POST or None, instance=candidate, municipality=municipality)
    back = reverse("situation:candidates", kwargs={"slug": slug})
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(
                candidate=candidate, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            candidate.refresh_from_db()
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Das Handlungsfeld wurde gespeichert."))
            return redirect(back)
    return form_page(
        request,
        municipality,
        section="candidates",
        title=_("Handlungsfeld bearbeiten"),
        form=form,
        cancel_url=back,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidate_delete(request, slug, pk):
    municipality = municipality_for(request, slug, DELETE)
    candidate = get_object_or_404(
        CandidateField.objects.select_related("theme"), pk=pk, municipality=municipality
    )
    back = reverse("situation:candidates", kwargs={"slug": slug})
    if request.method == "POST":
        services.candidate_remove(candidate=candidate, by=request.user, request=request)
        messages.success(
            request,
            _("„%(theme)s“ wurde aus der Auswahl genommen.") % {"theme": candidate.theme.name},
        )
        return redirect(back)
    return confirm_page(
        request,
        municipality,
        title=_("Handlungsfeld aus der Auswahl nehmen"),
        question=_("Soll „%(theme)s“ mit seiner Begründung aus der Auswahl genommen werden?")
        % {"theme": candidate.theme.name},
        confirm_label=_("Ja, aus der Auswahl nehmen"),
        cancel_url=back,
    )


@login_required
@require_POST
def candidate_move(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    candidate = get_object_or_404(CandidateField, pk=pk, municipality=municipality)
    direction = request.POST.get("richtung")
    if direction not in ("hoch", "runter"):
        messages.error(
            request, _("Bitte wählen Sie, ob das Handlungsfeld nach oben oder unten soll.")
        )
        return _candidates_page(request, municipality, status=400)
    candidate = services.candidate_move(
        candidate=candidate, up=direction == "hoch", by=request.user, request=request
    )
    messages.success(
        request,
        _("„%(theme)s“ steht jetzt auf Rang %(rank)s.")
        % {"theme": candidate.theme.name, "rank": candidate.position},
    )
    return redirect(reverse("situation:candidates", kwargs={"slug": slug}) + f"#kandidat-{pk}")
