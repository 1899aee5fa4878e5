"""Demographic effects of measures and the plan's "mit Plan / ohne Plan" page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zwk.core.views import form_view, municipality_object
from zwk.municipalities.access import municipality_for
from zwk.plans import effect_pages, effect_services, effects, services
from zwk.plans.effect_forms import EffectForm
from zwk.plans.models import Measure, MeasureEffect
from zwk.plans.views.common import (
    CHANGE,
    VIEW,
    delete_page,
    plan_context,
    plan_object,
)


def _effects_url(municipality, measure) -> str:
    return measure.get_absolute_url() + "#wirkungen"


@login_required
@require_http_methods(["GET", "POST"])
def effect_add(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measure = plan_object(Measure, municipality, pk)
    base = effects.base_for(municipality)
    initial = {"start_year": base.year + 2} if base else {}
    form = EffectForm(request.POST or None, initial=initial)

    def page(status=200):
        return render(
            request,
            "plans/effect_form.html",
            plan_context(
                request,
                municipality,
                measure.plan,
                measure=measure,
                form=form,
                base=base,
                catalogue=effects.CATALOGUE,
                cancel_url=_effects_url(municipality, measure),
            ),
            status=status,
        )

    return form_view(
        request,
        form,
        save=lambda cleaned: effect_services.effect_add(
            measure=measure, by=request.user, data=cleaned, request=request, base=base
        ),
        message=_("Die Wirkung wurde eingetragen."),
        done=reverse("plans:effects", kwargs={"slug": slug}),
        page=page,
    )


@login_required
@require_http_methods(["GET", "POST"])
def effect_delete(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    effect = municipality_object(
        MeasureEffect, municipality, pk, path="measure__plan__municipality"
    )
    return delete_page(
        request,
        municipality,
        title=_("Wirkung „%(kind)s“ löschen") % {"kind": effect.get_kind_display()},
        question=_("Die Wirkung wird aus der Berechnung „mit Plan“ entfernt."),
        cancel_url=_effects_url(municipality, effect.measure),
        action=lambda: effect_services.effect_delete(
            effect=effect, by=request.user, request=request
        ),
        done_url=_effects_url(municipality, effect.measure),
        done_msg=_("Die Wirkung wurde gelöscht."),
    )


@login_required
@require_GET
def effects_page(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = services.plan_for(municipality)
    page = effect_pages.effects_page(plan)
    return render(
        request,
        "plans/effects.html",
        plan_context(request, municipality, plan, page=page, catalogue=effects.CATALOGUE),
    )
