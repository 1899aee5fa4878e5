"""Tenant isolation in one place: how views fetch a Kommune (or its objects) for a user.

A user who may not see a Kommune gets 404 – whether it exists is not revealed. Inside a
Kommune the user can see, a missing permission for an action is 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from zwk.municipalities.models import Municipality, ProcessStep
from zwk.municipalities.process import STEPS_BY_SLUG


def municipality_for(request, slug: str, perm: str | None = None) -> Municipality:
    municipality = get_object_or_404(Municipality, slug=slug)
    if not request.user.has_perm("municipalities.view_municipality", municipality):
        raise Http404
    if perm and not request.user.has_perm(perm, municipality):
        raise PermissionDenied
    return municipality


def step_for(request, slug: str, step_slug: str, perm: str | None = None) -> ProcessStep:
    municipality = municipality_for(request, slug)
    step_type = STEPS_BY_SLUG.get(step_slug)
    if step_type is None:
        raise Http404
    step, _created = ProcessStep.objects.select_related(
        "municipality", "responsible"
    ).get_or_create(municipality=municipality, kind=step_type.kind)
    if perm and not request.user.has_perm(perm, step):
        raise PermissionDenied
    return step
