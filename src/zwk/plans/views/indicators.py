"""Indicators of the Werkstattplan's goals and their measurements."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core.views import (
    form_view,
)
from zwk.municipalities.access import municipality_for
from zwk.plans import selectors, services
from zwk.plans.forms import (
    IndicatorEditForm,
    IndicatorForm,
    MeasurementForm,
)
from zwk.plans.models import Indicator, Measurement
from zwk.plans.views.common import (
    CHANGE,
    VIEW,
    delete_page,
    edit_page,
    plan_context,
    plan_object,
    plan_url,
)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, slug):
    municipality = municipality_for(request, slug, CHANGE)
    plan = services.plan_for(municipality)
    form = IndicatorForm(request.POST or None, plan=plan)

    def save(cleaned):
        data = dict(cleaned)
        goal = data.pop("goal")
        return services.indicator_create(goal=goal, by=request.user, data=data, request=request)

    return edit_page(
        request,
        municipality,
        plan,
        form,
        title=_("Indikator anlegen"),
        cancel_url=plan_url(municipality),
        save=save,
        message=_("Der Indikator wurde angelegt."),
        done=lambda indicator: indicator.get_absolute_url(),
        no_goals=not plan.goals.exists(),
    )


def _indicator_page(request, municipality, indicator, form=None, status=200):
    return render(
        request,
        "plans/indicator.html",
        plan_context(
            request,
            municipality,
            indicator.goal.plan,
            indicator=indicator,
            measurements=list(indicator.measurements.order_by("-measured_on", "-id")),
            measures=list(
                indicator.goal.measures.select_related("origin_sketch").order_by("title", "id")
            ),
            state=selectors.indicator_states(indicator.goal.plan, timezone.localdate()).get(
                indicator.pk
            ),
            form=form or MeasurementForm(initial={"measured_on": timezone.localdate()}),
        ),
        status=status,
    )


@login_required
@require_GET
def indicator_detail(request, slug, pk):
    municipality = municipality_for(request, slug, VIEW)
    return _indicator_page(request, municipality, plan_object(Indicator, municipality, pk))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    indicator = plan_object(Indicator, municipality, pk)
    initial = {
        k: getattr(indicator, k)
        for k in ("goal", "name", "unit", "baseline", "baseline_date", "target", "due")
    }
    form = IndicatorEditForm(request.POST or None, initial=initial, indicator=indicator)
    return edit_page(
        request,
        municipality,
        indicator.goal.plan,
        form,
        title=_("Indikator bearbeiten"),
        cancel_url=indicator.get_absolute_url(),
        save=lambda data: services.indicator_update(
            indicator=indicator, by=request.user, data=data, request=request
        ),
        message=_("Der Indikator wurde gespeichert."),
        done=indicator.get_absolute_url(),
        engine_note=indicator.kind == Indicator.Kind.ENGINE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    indicator = plan_object(Indicator, municipality, pk)
    return delete_page(
        request,
        municipality,
        title=_("Indikator „%(name)s“ löschen") % {"name": indicator.name},
        question=(
            lambda n: (
                ngettext(
                    "Der Indikator wird mit seinem %(n)d Messwert gelöscht.",
                    "Der Indikator wird mit seinen %(n)d Messwerten gelöscht.",
                    n,
                )
                % {"n": n}
            )
        )(indicator.measurements.count()),
        cancel_url=indicator.get_absolute_url(),
        action=lambda: services.indicator_delete(
            indicator=indicator, by=request.user, request=request
        ),
        done_url=plan_url(municipality) + "#ziele",
        done_msg=_("Der Indikator wurde gelöscht."),
    )


@login_required
@require_POST
def measurement_add(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    indicator = plan_object(Indicator, municipality, pk)
    form = MeasurementForm(request.POST)
    return form_view(
        request,
        form,
        save=lambda data: services.measurement_add(
            indicator=indicator, by=request.user, request=request, **data
        ),
        message=_("Der Messwert wurde gespeichert."),
        done=indicator.get_absolute_url(),
        page=partial(_indicator_page, request, municipality, indicator, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measurement = plan_object(Measurement, municipality, pk)
    back = measurement.indicator.get_absolute_url()
    form = MeasurementForm(
        request.POST or None,
        initial={
            "measured_on": measurement.measured_on,
            "value": measurement.value,
            "note": measurement.note,
        },
    )
    return edit_page(
        request,
        municipality,
        measurement.indicator.goal.plan,
        form,
        title=_("Messwert bearbeiten"),
        cancel_url=back,
        save=lambda data: services.measurement_update(
            measurement=measurement, by=request.user, request=request, **data
        ),
        message=_("Der Messwert wurde gespeichert."),
        done=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurement_delete(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measurement = plan_object(Measurement, municipality, pk)
    back = measurement.indicator.get_absolute_url()
    return delete_page(
        request,
        municipality,
        title=_("Messwert löschen"),
        question=_("Der Messwert vom %(d)s (%(v)s) für „%(name)s“ wird gelöscht.")
        % {
            "d": measurement.measured_on.strftime("%d.%m.%Y"),
            "v": measurement.value.normalize(),
            "name": measurement.indicator.name,
        },
        cancel_url=back,
        action=lambda: services.measurement_delete(
            measurement=measurement, by=request.user, request=request
        ),
        done_url=back,
        done_msg=_("Der Messwert wurde gelöscht."),
    )
