"""Views of the Werkstattplan and the Zwischenbilanz. Thin: access, form, service, response.

Every view fetches the Kommune through ``municipality_for`` (404 for outsiders) and every
object filtered by that Kommune's plan (no access to another Kommune's objects by id).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.municipalities.access import municipality_for
from zwk.municipalities.process import STEPS_BY_KIND
from zwk.plans import selectors, services
from zwk.plans.forms import (
    GoalForm,
    IndicatorForm,
    MeasureFilterForm,
    MeasureForm,
    MeasurementForm,
    MilestoneForm,
    ReviewDateForm,
    VisionForm,
)
from zwk.plans.models import Goal, Indicator, Measure, Milestone, Plan
from zwk.plans.traffic_light import TOLERANCE

VIEW, CHANGE = "plans.view_plan", "plans.change_plan"
VIEW_REVIEW = "plans.view_review"


def _context(request, municipality, plan, **extra) -> dict:
    user = request.user
    return {
        "municipality": municipality,
        "plan": plan,
        "plan_step": STEPS_BY_KIND["plan"],
        "review_step": STEPS_BY_KIND["review"],
        "can_edit": user.has_perm(CHANGE, municipality),
        "can_approve": user.has_perm("plans.approve_plan", municipality),
        **extra,
    }


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _form_page(request, municipality, plan, *, title, form, cancel_url, status=200, **extra):
    return render(
        request,
        "plans/form.html",
        _context(
            request, municipality, plan, title=title, form=form, cancel_url=cancel_url, **extra
        ),
        status=status,
    )


def _plan_url(municipality) -> str:
    return reverse("plans:plan", kwargs={"slug": municipality.slug})


# --- Plan overview --------------------------------------------------------------------------


@login_required
@require_GET
def plan(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    filters = MeasureFilterForm(request.GET or None, municipality=municipality)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    measures = (
        list(
            selectors.measures(
                plan, theme=criteria.get("handlungsfeld"), status=criteria.get("status", "")
            )
        )
        if plan
        else []
    )
    user = request.user
    transitions = []
    if plan is not None:
        for (source, target), perm in services.TRANSITIONS.items():
            if source == plan.status and user.has_perm(perm, municipality):
                transitions.append((target, Plan.Status(target).label))
    return render(
        request,
        "plans/plan.html",
        _context(
            request,
            municipality,
            plan,
            measures=measures,
            goals=list(selectors.goals(plan)) if plan else [],
            filters=filters,
            filtered=any(criteria.values()),
            total=plan.measures.count() if plan else 0,
            transitions=transitions,
            sketch_count=len(selectors.carry_over_rows(municipality, plan)),
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
        return redirect(_plan_url(municipality))
    return _form_page(
        request,
        municipality,
        plan,
        title=_("Leitbild bearbeiten"),
        form=form,
        cancel_url=_plan_url(municipality),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def plan_status(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = services.plan_for(municipality)
    target = request.POST.get("status", "")
    perm = services.TRANSITIONS.get((plan.status, target))
    if perm is None:
        messages.error(request, _("Dieser Statuswechsel ist nicht möglich."))
        return redirect(_plan_url(municipality))
    if not request.user.has_perm(perm, municipality):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    services.plan_set_status(plan=plan, by=request.user, status=target, request=request)
    messages.success(
        request,
        _("Der Werkstattplan hat jetzt den Status „%(s)s“.") % {"s": plan.get_status_display()},
    )
    return redirect(_plan_url(municipality))


# --- Goals ----------------------------------------------------------------------------------


def _goal_form(request, municipality, goal=None):
    plan = services.plan_for(municipality)
    form = GoalForm(request.POST or None, instance=goal, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_save(
                plan=plan,
                by=request.user,
                text=form.cleaned_data["text"],
                theme=form.cleaned_data["theme"],
                preset=form.cleaned_data["preset"],
                goal=goal,
                request=request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Das Ziel wurde gespeichert."))
            return redirect(_plan_url(municipality) + "#ziele")
    return _form_page(
        request,
        municipality,
        plan,
        title=_("Ziel bearbeiten") if goal else _("Ziel hinzufügen"),
        form=form,
        cancel_url=_plan_url(municipality),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request, slug):
    return _goal_form(request, municipality_for(request, slug, CHANGE))


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    goal = get_object_or_404(Goal, pk=pk, plan__municipality=municipality)
    return _goal_form(request, municipality, goal)


# --- Measures -------------------------------------------------------------------------------


def _measure_form(request, municipality, measure=None):
    plan = services.plan_for(municipality)
    form = MeasureForm(request.POST or None, instance=measure, plan=plan)
    if request.method == "POST" and form.is_valid():
        relations = ("goals", "partners", "target_groups")
        data = {k: v for k, v in form.cleaned_data.items() if k not in relations}
        kwargs = {
            "by": request.user,
            "data": data,
            "goals": form.cleaned_data["goals"],
            "partners": form.cleaned_data["partners"],
            "target_groups": form.cleaned_data["target_groups"],
            "request": request,
        }
        try:
            if measure is None:
                saved = services.measure_create(plan=plan, **kwargs)
            else:
                saved = services.measure_update(measure=measure, **kwargs)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("„%(title)s“ wurde gespeichert.") % {"title": saved.title})
            return redirect(saved.get_absolute_url())
    return _form_page(
        request,
        municipality,
        plan,
        title=_("Maßnahme bearbeiten") if measure else _("Maßnahme anlegen"),
        form=form,
        cancel_url=measure.get_absolute_url() if measure else _plan_url(municipality),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request, slug):
    return _measure_form(request, municipality_for(request, slug, CHANGE))


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measure = get_object_or_404(Measure, pk=pk, plan__municipality=municipality)
    return _measure_form(request, municipality, measure)


def _measure_page(request, municipality, measure, milestone_form=None, status=200):
    measure = get_object_or_404(
        selectors.measures(measure.plan).select_related("origin_sketch__cluster"), pk=measure.pk
    )
    return render(
        request,
        "plans/measure.html",
        _context(
            request,
            municipality,
            measure.plan,
            measure=measure,
            milestone_form=milestone_form or MilestoneForm(),
            today=timezone.localdate(),
        ),
        status=status,
    )


@login_required
@require_GET
def measure_detail(request, slug, pk):
    municipality = municipality_for(request, slug, VIEW)
    measure = get_object_or_404(Measure, pk=pk, plan__municipality=municipality)
    return _measure_page(request, municipality, measure)


@login_required
@require_POST
def milestone_add(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measure = get_object_or_404(Measure, pk=pk, plan__municipality=municipality)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(
                measure=measure,
                by=request.user,
                title=form.cleaned_data["title"],
                due=form.cleaned_data["due"],
                request=request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Der Meilenstein wurde ergänzt."))
            return redirect(measure.get_absolute_url() + "#meilensteine")
    return _measure_page(request, municipality, measure, form, status=400)


@login_required
@require_POST
def milestone_done(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    milestone = get_object_or_404(
        Milestone.objects.select_related("measure__plan__municipality"),
        pk=pk,
        measure__plan__municipality=municipality,
    )
    done_on = None if milestone.done else timezone.localdate()
    services.milestone_set_done(
        milestone=milestone, by=request.user, done_on=done_on, request=request
    )
    return redirect(milestone.measure.get_absolute_url() + "#meilensteine")


# --- Carry-over from the Zukunftswerkstatt --------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def carry_over(request, slug):
    municipality = municipality_for(request, slug, CHANGE)
    plan = selectors.plan_or_none(municipality)
    errors = []
    if request.method == "POST":
        try:
            ids = [int(i) for i in request.POST.getlist("skizze")]
            created = services.plan_import_sketches(
                municipality=municipality, sketch_ids=ids, by=request.user, request=request
            )
        except (ValueError, ValidationError) as exc:
            errors = exc.messages if isinstance(exc, ValidationError) else [_("Ungültige Auswahl.")]
        else:
            messages.success(
                request,
                _("%(n)d Projektskizze(n) als Maßnahme übernommen.") % {"n": len(created)},
            )
            return redirect(_plan_url(municipality))
    return render(
        request,
        "plans/carry_over.html",
        _context(
            request,
            municipality,
            plan,
            rows=selectors.carry_over_rows(municipality, plan),
            errors=errors,
        ),
        status=400 if errors else 200,
    )


# --- Indicators -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, slug):
    municipality = municipality_for(request, slug, CHANGE)
    plan = services.plan_for(municipality)
    form = IndicatorForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        goal = data.pop("goal")
        try:
            indicator = services.indicator_create(
                goal=goal, by=request.user, data=data, request=request
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Der Indikator wurde angelegt."))
            return redirect(indicator.get_absolute_url())
    return _form_page(
        request,
        municipality,
        plan,
        title=_("Indikator anlegen"),
        form=form,
        cancel_url=_plan_url(municipality),
        status=400 if request.method == "POST" else 200,
        no_goals=not plan.goals.exists(),
    )


def _indicator_page(request, municipality, indicator, form=None, status=200):
    return render(
        request,
        "plans/indicator.html",
        _context(
            request,
            municipality,
            indicator.goal.plan,
            indicator=indicator,
            measurements=list(indicator.measurements.order_by("-measured_on", "-id")),
            form=form or MeasurementForm(initial={"measured_on": timezone.localdate()}),
        ),
        status=status,
    )


def _indicator(municipality, pk):
    return get_object_or_404(
        Indicator.objects.select_related("goal__plan__municipality"),
        pk=pk,
        goal__plan__municipality=municipality,
    )


@login_required
@require_GET
def indicator_detail(request, slug, pk):
    municipality = municipality_for(request, slug, VIEW)
    return _indicator_page(request, municipality, _indicator(municipality, pk))


@login_required
@require_POST
def measurement_add(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    indicator = _indicator(municipality, pk)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        try:
            services.measurement_add(
                indicator=indicator, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Der Messwert wurde gespeichert."))
            return redirect(indicator.get_absolute_url())
    return _indicator_page(request, municipality, indicator, form, status=400)


# --- Zwischenbilanz -------------------------------------------------------------------------


@login_required
@require_GET
def review(request, slug):
    municipality = municipality_for(request, slug, VIEW_REVIEW)
    plan = selectors.plan_or_none(municipality)
    form = ReviewDateForm(request.GET or None)
    on = (form.cleaned_data.get("stichtag") if form.is_valid() else None) or timezone.localdate()
    from zwk.plans.views_review import review_extras  # projection check, lessons, Verstetigung

    extras, extras_invalid = review_extras(request, municipality, plan)
    invalid = (form.is_bound and not form.is_valid()) or extras_invalid
    return render(
        request,
        "plans/review.html",
        _context(
            request,
            municipality,
            plan,
            form=form,
            review=selectors.review(plan, on) if plan else None,
            tolerance=round(TOLERANCE * 100),
            **extras,
        ),
        status=400 if invalid else 200,
    )
