"""Shared pieces of the team-side workshop views: the workshop of a Kommune (404 for
outsiders, 403 without the permission), confirmation page, redirects back to the console.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from zwk.core.views import confirm_page
from zwk.municipalities.access import municipality_for
from zwk.workshops import live, selectors
from zwk.workshops.forms import (
    municipality_themes,
)
from zwk.workshops.models import (
    Workshop,
)


def team_workshop(request, slug, pk, perm="workshops.view_workshop") -> Workshop:
    municipality = municipality_for(request, slug)
    workshop = get_object_or_404(
        Workshop.objects.select_related("municipality"), pk=pk, municipality=municipality
    )
    if not request.user.has_perm("workshops.view_workshop", workshop):
        raise Http404
    if perm and not request.user.has_perm(perm, workshop):
        raise PermissionDenied
    return workshop


def confirm(request, workshop, **kwargs):
    """``core.views.confirm_page`` in the workshop's frame (breadcrumbs, live script)."""
    return confirm_page(
        request,
        workshop.municipality,
        workshop=workshop,
        template="workshops/confirm.html",
        **kwargs,
    )


def back_to_console(workshop, phase=None, anchor=""):
    url = workshop.get_absolute_url()
    if phase is not None:
        url += f"?phase={phase.pk}"
    return redirect(url + (f"#{anchor}" if anchor else ""))


def stream_url(workshop) -> str:
    """Server-sent events only with Redis (stream.py); else the pages just poll."""
    if not live.redis_url():
        return ""
    return reverse(
        "workshops:stream", kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk}
    )


def workshop_themes(workshop):
    if workshop.themes.exists():
        return workshop.themes.all()
    return municipality_themes(workshop.municipality)


def selected_phase(request, workshop, phase_list):
    """The phase asked for by ``?phase=`` (GET or POST), else the current phase."""
    wanted = request.GET.get("phase") or request.POST.get("phase")
    if wanted and str(wanted).isdigit():
        for phase in phase_list:
            if phase.pk == int(wanted):
                return phase
    return selectors.current_phase(workshop, phase_list)
