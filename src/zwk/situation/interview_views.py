"""Views of the interviews of the Situationsanalyse (and the SWOT points taken from them).
Thin: access, form, service, response; objects filtered by the Kommune."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core.views import add_form_errors, confirm_page
from zwk.municipalities.access import municipality_for
from zwk.situation import selectors, services
from zwk.situation.forms import (
    InterviewForm,
    InterviewSwotForm,
)
from zwk.situation.models import Interview, SwotItem
from zwk.situation.pages import CHANGE, DELETE, PAGE_SIZE, VIEW, form_page, page_context

# --- Interviews -----------------------------------------------------------------------


@login_required
@require_GET
def interview_list(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    page = Paginator(selectors.interviews(municipality), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return render(
        request,
        "situation/interviews.html",
        page_context(request, municipality, "interviews", page=page),
    )


def _interview_page(request, municipality, interview, *, swot_form=None, status=200):
    return render(
        request,
        "situation/interview.html",
        page_context(
            request,
            municipality,
            "interviews",
            interview=interview,
            swot_items=interview.swot_items.order_by("category", "id"),
            swot_form=swot_form or InterviewSwotForm(),
        ),
        status=status,
    )


@login_required
@require_GET
def interview_detail(request, slug, pk):
    municipality = municipality_for(request, slug, VIEW)
    interview = get_object_or_404(Interview, pk=pk, municipality=municipality)
    return _interview_page(request, municipality, interview)


@login_required
@require_POST
def interview_swot_add(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    interview = get_object_or_404(Interview, pk=pk, municipality=municipality)
    form = InterviewSwotForm(request.POST)
    if form.is_valid():
        item = services.swot_item_create(
            municipality=municipality,
            by=request.user,
            interview=interview,
            source=SwotItem.Source.INTERVIEW,
            request=request,
            **form.cleaned_data,
        )
        messages.success(
            request,
            _("%(category)s „%(text)s“ wurde in die SWOT-Analyse übernommen.")
            % {"category": item.get_category_display(), "text": item.text},
        )
        return redirect("situation:interview", slug=slug, pk=interview.pk)
    return _interview_page(request, municipality, interview, swot_form=form, status=400)


def _interview_form(request, municipality, interview=None):
    form = InterviewForm(request.POST or None, instance=interview or Interview())
    if request.method == "POST" and form.is_valid():
        try:
            if interview is None:
                saved = services.interview_create(
                    municipality=municipality,
                    by=request.user,
                    data=form.cleaned_data,
                    request=request,
                )
            else:
                saved = services.interview_update(
                    interview=interview, by=request.user, data=form.cleaned_data, request=request
                )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Das Gespräch wurde gespeichert."))
            return redirect("situation:interview", slug=municipality.slug, pk=saved.pk)
    return form_page(
        request,
        municipality,
        section="interviews",
        title=_("Gespräch bearbeiten") if interview else _("Gespräch erfassen"),
        form=form,
        cancel_url=reverse("situation:interviews", kwargs={"slug": municipality.slug}),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def interview_create(request, slug):
    return _interview_form(request, municipality_for(request, slug, CHANGE))


@login_required
@require_http_methods(["GET", "POST"])
def interview_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    interview = get_object_or_404(Interview, pk=pk, municipality=municipality)
    return _interview_form(request, municipality, interview)


@login_required
@require_http_methods(["GET", "POST"])
def interview_delete(request, slug, pk):
    municipality = municipality_for(request, slug, DELETE)
    interview = get_object_or_404(Interview, pk=pk, municipality=municipality)
    back = reverse("situation:interviews", kwargs={"slug": slug})
    if request.method == "POST":
        services.interview_delete(interview=interview, by=request.user, request=request)
        messages.success(request, _("Das Gespräch wurde gelöscht."))
        return redirect(back)
    return confirm_page(
        request,
        municipality,
        title=_("Gespräch löschen"),
        question=_(
            "Sollen die Notizen zum Gespräch mit %(person)s gelöscht werden? "
            "SWOT-Punkte daraus bleiben erhalten."
        )
        % {"person": interview.person},
        confirm_label=_("Ja, löschen"),
        cancel_url=back,
    )
