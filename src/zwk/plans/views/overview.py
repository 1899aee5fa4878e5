"""The Werkstattplan page: overview of measures and goals, Leitbild, status changes and
the carry-over of project sketches from the Zukunftswerkstatt.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.municipalities.access import municipality_for
from zwk.plans import selectors, services
from zwk.plans.carry_over import plan_import_sketches
from zwk.plans.forms import (
    MeasureFilterForm,
    VisionForm,
)
from zwk.plans.models import Measure, Plan
from zwk.plans.views.common import (
    CHANGE,
    PAGE_SIZE,
    VIEW,
    form_page,
    plan_context,
    plan_url,
    transitions,
)
from zwk.workshops.selectors import sketches_for_plan_count


@login_required
@require_GET
def plan(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    filters = MeasureFilterForm(request.GET or None, municipality=municipality)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    page = Paginator(
        selectors.measures(
            plan,
            theme=criteria.get("handlungsfeld"),
            status=criteria.get("status", ""),
            prefetch=(),
        )
        if plan
        else Measure.objects.none(),
        PAGE_SIZE,
    ).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "plans/plan.html",
        plan_context(
            request,
            municipality,
            plan,
            measures=page.object_list,
            page=page,
            query=query.urlencode(),
            section="plan",
            goals=list(selectors.goals(plan)) if plan else [],
            filters=filters,
            filtered=any(criteria.values()),
            total=plan.measures.count() if plan else 0,
            transitions=transitions(request.user, plan),
            sketch_count=sketches_for_plan_count(municipality),
        ),
        status=200 if not filters.is_bound or filters.is_valid() else 400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def vision_edit(request, slug):
    municipality = municipality_for(request, slug, CHANGE)
    plan = services.plan_for(municipality)
    form = VisionForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.plan_update_vision(
            plan=plan, by=request.user, vision=form.cleaned_data["vision"], request=request
        )
        messages.success(request, _("Das Leitbild wurde gespeichert."))
        return redirect(plan_url(municipality))
    return form_page(
        request,
        municipality,
        plan,
        title=_("Leitbild bearbeiten"),
        form=form,
        cancel_url=plan_url(municipality),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def plan_status(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = services.plan_for(municipality)
    target = request.POST.get("status", "")
    try:  # the rule (plans/rules.py) answers: 403 without the permission, else the reason
        plan = services.plan_set_status(plan=plan, by=request.user, status=target, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(plan_url(municipality))
    if target == Plan.Status.APPROVED:
        messages.success(
            request,
            _("Der Werkstattplan ist beschlossen – Fassung %(n)d ist gespeichert.")
            % {"n": plan.approved_version},
        )
    else:
        messages.success(
            request,
            _("Der Werkstattplan hat jetzt den Status „%(s)s“.") % {"s": plan.get_status_display()},
        )
    if request.POST.get("next") == "consultation":
        return redirect("plans:consultation", slug=slug)
    return redirect(plan_url(municipality))


@login_required
@require_http_methods(["GET", "POST"])
def carry_over(request, slug):
    municipality = municipality_for(request, slug, CHANGE)
    plan = selectors.plan_or_none(municipality)
    errors = []
    if request.method == "POST":
        try:
            ids = [int(i) for i in request.POST.getlist("skizze")]
            created = plan_import_sketches(
                municipality=municipality, sketch_ids=ids, by=request.user, request=request
            )
        except (ValueError, ValidationError) as exc:
            errors = exc.messages if isinstance(exc, ValidationError) else [_("Ungültige Auswahl.")]
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d Projektskizze als Maßnahme übernommen.",
                    "%(n)d Projektskizzen als Maßnahmen übernommen.",
                    len(created),
                )
                % {"n": len(created)},
            )
            return redirect(plan_url(municipality))
    return render(
        request,
        "plans/carry_over.html",
        plan_context(
            request,
            municipality,
            plan,
            rows=selectors.carry_over_rows(municipality, plan),
            errors=errors,
        ),
        status=400 if errors else 200,
    )
