"""Workshops of a Kommune: list, create, edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zwk.core.views import add_form_errors
from zwk.municipalities.access import municipality_for
from zwk.situation import selectors as situation_selectors
from zwk.workshops import selectors, services
from zwk.workshops.forms import (
    WorkshopForm,
)
from zwk.workshops.models import (
    Workshop,
)
from zwk.workshops.views.common import (
    team_workshop,
)


@login_required
@require_GET
def workshop_list(request, slug):
    municipality = municipality_for(request, slug, "workshops.view_workshop")
    page = Paginator(selectors.workshops_for(municipality), 25).get_page(request.GET.get("seite"))
    return render(
        request,
        "workshops/list.html",
        {
            "municipality": municipality,
            "page": page,
            "can_add": request.user.has_perm("workshops.add_workshop", municipality),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_create(request, slug):
    municipality = municipality_for(request, slug, "workshops.add_workshop")
    # The Situationsanalyse's candidate Handlungsfelder are the natural focus of the workshop.
    suggested = [c.theme for c in situation_selectors.candidate_fields(municipality)]
    initial = None
    if request.method == "GET":
        initial = {"moderators": [request.user.pk], "themes": [t.pk for t in suggested]}
    form = WorkshopForm(
        request.POST or None,
        municipality=municipality,
        initial=initial,
        suggested_themes=suggested,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("themes", "moderators")}
        try:
            workshop = services.workshop_create(
                municipality=municipality,
                by=request.user,
                data=data,
                themes=form.cleaned_data["themes"],
                moderators=form.cleaned_data["moderators"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Die Zukunftswerkstatt wurde angelegt. Teilnahme-Code: %(code)s")
                % {"code": workshop.code},
            )
            return redirect(workshop)
    return render(
        request,
        "workshops/form.html",
        {"municipality": municipality, "form": form, "title": _("Neue Zukunftswerkstatt")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_edit(request, slug, pk):
    workshop = team_workshop(request, slug, pk, "workshops.change_workshop")
    suggested = [c.theme for c in situation_selectors.candidate_fields(workshop.municipality)]
    form = WorkshopForm(
        request.POST or None,
        instance=workshop,
        municipality=workshop.municipality,
        suggested_themes=suggested,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("themes", "moderators")}
        try:
            services.workshop_update(
                workshop=Workshop.objects.get(pk=workshop.pk),
                by=request.user,
                data=data,
                themes=form.cleaned_data["themes"],
                moderators=form.cleaned_data["moderators"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Angaben wurden gespeichert."))
            return redirect(workshop)
    return render(
        request,
        "workshops/form.html",
        {
            "municipality": workshop.municipality,
            "workshop": workshop,
            "form": form,
            "title": _("Zukunftswerkstatt bearbeiten"),
        },
        status=400 if form.errors else 200,
    )
