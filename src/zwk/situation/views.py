"""Views of the Situationsanalyse: overview, Bestandsaufnahme, SWOT (interviews and candidate
Handlungsfelder: ``interview_views.py``, ``candidate_views.py``). Thin: access, form, service,
response.

Every view fetches the Kommune through ``municipality_for`` (404 for outsiders) and every
object filtered by that Kommune (no access to another Kommune's objects by id).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.accounts.decorators import audited_export
from zwk.core.views import add_form_errors, confirm_page
from zwk.municipalities.access import municipality_for
from zwk.profiles.selectors import indicator_comparison
from zwk.situation import exports, selectors, services
from zwk.situation.forms import (
    InitiativeFilterForm,
    InitiativeForm,
    SuggestionAcceptForm,
    SwotItemForm,
)
from zwk.situation.models import Initiative, SwotItem
from zwk.situation.pages import CHANGE, DELETE, PAGE_SIZE, VIEW, form_page, page_context
from zwk.situation.suggestions import KNOWN_KEYS

# --- Overview -------------------------------------------------------------------------


@login_required
@require_GET
def overview(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    counts = selectors.overview(municipality)
    return render(
        request,
        "situation/overview.html",
        page_context(
            request,
            municipality,
            "overview",
            counts=counts,
            has_statistics=bool(indicator_comparison(municipality)),
        ),
    )


# --- Bestandsaufnahme -----------------------------------------------------------------


@login_required
@require_GET
def initiative_list(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    filters = InitiativeFilterForm(request.GET or None, municipality=municipality)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    qs = selectors.initiatives(
        municipality,
        theme=criteria.get("handlungsfeld"),
        status=criteria.get("status", ""),
        target_group=criteria.get("zielgruppe", ""),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "seite" and v})
    return render(
        request,
        "situation/initiatives.html",
        page_context(
            request,
            municipality,
            "initiatives",
            page=page,
            filters=filters,
            filtered=any(criteria.values()),
            query=query,
            total=municipality.initiatives.count(),
        ),
        status=200 if filters.is_bound is False or filters.is_valid() else 400,
    )


def _initiative_form(request, municipality, initiative=None):
    form = InitiativeForm(
        request.POST or None, instance=initiative or Initiative(), municipality=municipality
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("themes", "target_groups")}
        kwargs = {
            "by": request.user,
            "data": data,
            "themes": form.cleaned_data["themes"],
            "target_groups": form.cleaned_data["target_groups"],
            "request": request,
        }
        try:
            if initiative is None:
                saved = services.initiative_create(municipality=municipality, **kwargs)
                message = _("„%(title)s“ wurde in die Bestandsaufnahme aufgenommen.")
            else:
                saved = services.initiative_update(initiative=initiative, **kwargs)
                message = _("„%(title)s“ wurde gespeichert.")
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, message % {"title": saved.title})
            return redirect("situation:initiatives", slug=municipality.slug)
    return form_page(
        request,
        municipality,
        section="initiatives",
        title=_("Initiative bearbeiten") if initiative else _("Initiative aufnehmen"),
        form=form,
        cancel_url=reverse("situation:initiatives", kwargs={"slug": municipality.slug}),
        status=400 if request.method == "POST" else 200,
        no_themes=not municipality.themes.exists(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request, slug):
    return _initiative_form(request, municipality_for(request, slug, CHANGE))


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    initiative = get_object_or_404(Initiative, pk=pk, municipality=municipality)
    return _initiative_form(request, municipality, initiative)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_delete(request, slug, pk):
    municipality = municipality_for(request, slug, DELETE)
    initiative = get_object_or_404(Initiative, pk=pk, municipality=municipality)
    back = reverse("situation:initiatives", kwargs={"slug": slug})
    if request.method == "POST":
        services.initiative_delete(initiative=initiative, by=request.user, request=request)
        messages.success(request, _("„%(title)s“ wurde gelöscht.") % {"title": initiative.title})
        return redirect(back)
    return confirm_page(
        request,
        municipality,
        title=_("Initiative löschen"),
        question=_("Soll „%(title)s“ aus der Bestandsaufnahme gelöscht werden?")
        % {"title": initiative.title},
        confirm_label=_("Ja, löschen"),
        cancel_url=back,
    )


@login_required
@require_GET
@audited_export
def initiatives_export(request, slug, fmt):
    municipality = municipality_for(request, slug, VIEW)
    headers, rows = exports.initiatives_table(municipality)
    name = f"bestandsaufnahme-{municipality.slug}"
    if fmt == "csv":
        return exports.csv_response(name, headers, rows)
    return exports.xlsx_response(name, _("Bestandsaufnahme"), headers, rows)


# --- SWOT -----------------------------------------------------------------------------


def _swot_page(request, municipality, *, form=None, status=200):
    rows = indicator_comparison(municipality)
    state = selectors.suggestion_state(municipality, rows)
    board = selectors.swot_board(municipality)
    return render(
        request,
        "situation/swot.html",
        page_context(
            request,
            municipality,
            "swot",
            board=board,
            has_statistics=bool(rows),
            suggestions=state.open,
            rejected=state.rejected,
            accepted_count=state.accepted_count,
            form=form or SwotItemForm(municipality=municipality),
        ),
        status=status,
    )


@login_required
@require_GET
def swot(request, slug):
    return _swot_page(request, municipality_for(request, slug, VIEW))


@login_required
@require_POST
def swot_add(request, slug):
    municipality = municipality_for(request, slug, CHANGE)
    form = SwotItemForm(request.POST, municipality=municipality)
    if form.is_valid():
        try:
            item = services.swot_item_create(
                municipality=municipality, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(category)s „%(text)s“ wurde ergänzt.")
                % {"category": item.get_category_display(), "text": item.text},
            )
            return redirect(reverse("situation:swot", kwargs={"slug": slug}) + f"#{item.category}")
    return _swot_page(request, municipality, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def swot_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    item = get_object_or_404(SwotItem, pk=pk, municipality=municipality)
    form = SwotItemForm(request.POST or None, instance=item, municipality=municipality)
    back = reverse("situation:swot", kwargs={"slug": slug})
    if request.method == "POST" and form.is_valid():
        try:
            services.swot_item_update(
                item=item, by=request.user, data=form.cleaned_data, request=request
            )
        except ValidationError as exc:
            item.refresh_from_db()
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Der SWOT-Punkt wurde gespeichert."))
            return redirect(back)
    return form_page(
        request,
        municipality,
        section="swot",
        title=_("SWOT-Punkt bearbeiten"),
        form=form,
        cancel_url=back,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def swot_delete(request, slug, pk):
    municipality = municipality_for(request, slug, DELETE)
    item = get_object_or_404(SwotItem, pk=pk, municipality=municipality)
    back = reverse("situation:swot", kwargs={"slug": slug})
    if request.method == "POST":
        services.swot_item_delete(item=item, by=request.user, request=request)
        messages.success(request, _("Der SWOT-Punkt wurde gelöscht."))
        return redirect(back)
    question = _("Soll der SWOT-Punkt „%(text)s“ gelöscht werden?") % {"text": item.text}
    if item.suggestion_key:
        question += " " + _("Der Vorschlag aus den Daten erscheint danach wieder.")
    return confirm_page(
        request,
        municipality,
        title=_("SWOT-Punkt löschen"),
        question=question,
        confirm_label=_("Ja, löschen"),
        cancel_url=back,
    )


def _known_key(key: str) -> str:
    if key not in KNOWN_KEYS:
        raise Http404
    return key


@login_required
@require_http_methods(["GET", "POST"])
def suggestion_accept(request, slug, key):
    """GET: edit the suggestion before accepting; POST: accept (as edited, or as proposed
    with ``direkt=1``)."""
    municipality = municipality_for(request, slug, CHANGE)
    _known_key(key)
    back = reverse("situation:swot", kwargs={"slug": slug})
    suggestion = selectors.find_suggestion(indicator_comparison(municipality), key)
    if suggestion is None:
        messages.warning(
            request,
            _("Dieser Vorschlag passt nicht mehr zu den aktuellen Daten der Kommune."),
        )
        return redirect(back)
    initial = {"category": suggestion.category, "text": suggestion.text, "note": suggestion.reason}
    direct = request.method == "POST" and request.POST.get("direkt") == "1"
    form = SuggestionAcceptForm(None if direct else (request.POST or None), initial=initial)
    if direct or (request.method == "POST" and form.is_valid()):
        fields = {} if direct else form.cleaned_data
        try:
            item = services.suggestion_accept(
                municipality=municipality,
                suggestion=suggestion,
                by=request.user,
                request=request,
                **fields,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
        messages.success(
            request,
            _("Übernommen als %(category)s: „%(text)s“.")
            % {"category": item.get_category_display(), "text": item.text},
        )
        return redirect(back + f"#{item.category}")
    return form_page(
        request,
        municipality,
        section="swot",
        title=_("Vorschlag bearbeiten und übernehmen"),
        form=form,
        cancel_url=back,
        status=400 if request.method == "POST" else 200,
        suggestion=suggestion,
        submit_label=_("Übernehmen"),
    )


@login_required
@require_POST
def suggestion_reject(request, slug, key):
    municipality = municipality_for(request, slug, CHANGE)
    services.suggestion_reject(
        municipality=municipality, key=_known_key(key), by=request.user, request=request
    )
    messages.success(
        request,
        _(
            "Der Vorschlag wurde verworfen. Unter „Verworfene Vorschläge“ können Sie das rückgängig machen."
        ),
    )
    return redirect(reverse("situation:swot", kwargs={"slug": slug}) + "#vorschlaege")


@login_required
@require_POST
def suggestion_restore(request, slug, key):
    municipality = municipality_for(request, slug, CHANGE)
    if services.suggestion_restore(
        municipality=municipality, key=_known_key(key), by=request.user, request=request
    ):
        messages.success(request, _("Der Vorschlag wird wieder angezeigt."))
    return redirect(reverse("situation:swot", kwargs={"slug": slug}) + "#vorschlaege")


@login_required
@require_GET
@audited_export
def swot_export(request, slug, fmt):
    municipality = municipality_for(request, slug, VIEW)
    headers, rows = exports.swot_table(municipality)
    name = f"swot-{municipality.slug}"
    if fmt == "csv":
        return exports.csv_response(name, headers, rows)
    return exports.xlsx_response(name, _("SWOT"), headers, rows)
