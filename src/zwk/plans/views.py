"""Views of the Werkstattplan and the Zwischenbilanz. Thin: access, form, service, response.

Every view fetches the Kommune through ``municipality_for`` (404 for outsiders) and every
object filtered by that Kommune's plan (no access to another Kommune's objects by id).
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.municipalities.access import municipality_for
from zwk.municipalities.models import Municipality
from zwk.municipalities.process import STEPS_BY_KIND
from zwk.municipalities.view_helpers import (
    add_form_errors,
    confirm_page,
    confirm_view,
    form_view,
    kommune_object,
)
from zwk.plans import selectors, services, timeline
from zwk.plans.forms import (
    CommentForm,
    CompareForm,
    GoalForm,
    IndicatorEditForm,
    IndicatorForm,
    MeasureFilterForm,
    MeasureForm,
    MeasurementForm,
    MeasureStatusForm,
    MilestoneEditForm,
    MilestoneForm,
    ReviewDateForm,
    ThemeFilterForm,
    VisionForm,
)
from zwk.plans.models import Comment, Goal, Indicator, Measure, Measurement, Milestone, Plan
from zwk.plans.traffic_light import TOLERANCE
from zwk.plans.versions import compare, snapshot
from zwk.workshops.selectors import sketches_for_plan_count

VIEW, CHANGE = "plans.view_plan", "plans.change_plan"
VIEW_REVIEW = "plans.view_review"
PAGE_SIZE = 50


def _context(request, municipality, plan, **extra) -> dict:
    user = request.user
    return {
        "municipality": municipality,
        "plan": plan,
        "plan_step": STEPS_BY_KIND["plan"],
        "review_step": STEPS_BY_KIND["review"],
        "can_edit": user.has_perm(CHANGE, municipality),
        "can_approve": user.has_perm("plans.approve_plan", municipality),
        "can_publish": user.has_perm("plans.publish_plan", municipality),
        "can_comment": user.has_perm("plans.comment_plan", municipality),
        **extra,
    }


# Where each object of a plan finds its Kommune: every lookup by id is filtered by it.
KOMMUNE_PATH = {
    Goal: "plan__municipality",
    Measure: "plan__municipality",
    Milestone: "measure__plan__municipality",
    Indicator: "goal__plan__municipality",
    Measurement: "indicator__goal__plan__municipality",
}


def _object(model, municipality, pk):
    """The plan object ``pk`` of this Kommune (404 for another Kommune's id)."""
    return kommune_object(model, municipality, pk, path=KOMMUNE_PATH[model])


def _form_page(request, municipality, plan, *, title, form, cancel_url, status=200, **extra):
    return render(
        request,
        "plans/form.html",
        _context(
            request, municipality, plan, title=title, form=form, cancel_url=cancel_url, **extra
        ),
        status=status,
    )


def _edit(request, municipality, plan, form, *, title, cancel_url, save, message, done, **extra):
    """A form page of the plan: a valid POST runs ``save`` (see ``form_view``)."""
    page = partial(
        _form_page,
        request,
        municipality,
        plan,
        title=title,
        form=form,
        cancel_url=cancel_url,
        **extra,
    )
    return form_view(request, form, save=save, message=message, done=done, page=page)


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
            measures=page.object_list,
            page=page,
            query=query.urlencode(),
            section="plan",
            goals=list(selectors.goals(plan)) if plan else [],
            filters=filters,
            filtered=any(criteria.values()),
            total=plan.measures.count() if plan else 0,
            transitions=transitions,
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
        raise PermissionDenied
    plan = services.plan_set_status(plan=plan, by=request.user, status=target, request=request)
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
    return redirect(_plan_url(municipality))


# --- Goals ----------------------------------------------------------------------------------


def _goal_form(request, municipality, goal=None):
    plan = services.plan_for(municipality)
    form = GoalForm(request.POST or None, instance=goal, municipality=municipality)
    return _edit(
        request,
        municipality,
        plan,
        form,
        title=_("Ziel bearbeiten") if goal else _("Ziel hinzufügen"),
        cancel_url=_plan_url(municipality),
        save=lambda data: services.goal_save(
            plan=plan,
            by=request.user,
            text=data["text"],
            theme=data["theme"],
            preset=data["preset"],
            goal=goal,
            request=request,
        ),
        message=_("Das Ziel wurde gespeichert."),
        done=_plan_url(municipality) + "#ziele",
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request, slug):
    return _goal_form(request, municipality_for(request, slug, CHANGE))


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    return _goal_form(request, municipality, _object(Goal, municipality, pk))


# --- Measures -------------------------------------------------------------------------------


def _measure_form(request, municipality, measure=None):
    plan = services.plan_for(municipality)
    form = MeasureForm(request.POST or None, instance=measure, plan=plan)

    def save(cleaned):
        relations = ("goals", "partners", "target_groups")
        kwargs = {
            "by": request.user,
            "data": {k: v for k, v in cleaned.items() if k not in relations},
            "goals": cleaned["goals"],
            "partners": cleaned["partners"],
            "target_groups": cleaned["target_groups"],
            "request": request,
        }
        if measure is None:
            return services.measure_create(plan=plan, **kwargs)
        return services.measure_update(measure=measure, **kwargs)

    return _edit(
        request,
        municipality,
        plan,
        form,
        title=_("Maßnahme bearbeiten") if measure else _("Maßnahme anlegen"),
        cancel_url=measure.get_absolute_url() if measure else _plan_url(municipality),
        save=save,
        message=lambda saved: _("„%(title)s“ wurde gespeichert.") % {"title": saved.title},
        done=lambda saved: saved.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request, slug):
    return _measure_form(request, municipality_for(request, slug, CHANGE))


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    return _measure_form(request, municipality, _object(Measure, municipality, pk))


def _measure_page(
    request, municipality, measure, milestone_form=None, status=200, comment_form=None
):
    measure = get_object_or_404(
        selectors.measures(measure.plan)
        .select_related("origin_sketch__cluster")
        .prefetch_related("goals__indicators"),
        pk=measure.pk,
    )
    today = timezone.localdate()
    return render(
        request,
        "plans/measure.html",
        _context(
            request,
            municipality,
            measure.plan,
            measure=measure,
            milestone_form=milestone_form or MilestoneForm(),
            comment_form=comment_form or CommentForm(),
            comment_rows=[
                (c, request.user.has_perm("plans.delete_comment", c))
                for c in selectors.comments(measure.plan, measure=measure)
            ],
            indicators=selectors.measure_indicators(measure, today),
            cards=selectors.origin_cards(measure),
            today=today,
            can_write_lesson=request.user.has_perm("plans.change_review", municipality),
        ),
        status=status,
    )


@login_required
@require_GET
def measure_detail(request, slug, pk):
    municipality = municipality_for(request, slug, VIEW)
    measure = _object(Measure, municipality, pk)
    return _measure_page(request, municipality, measure)


@login_required
@require_POST
def milestone_add(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measure = _object(Measure, municipality, pk)
    form = MilestoneForm(request.POST)
    return form_view(
        request,
        form,
        save=lambda data: services.milestone_add(
            measure=measure, by=request.user, title=data["title"], due=data["due"], request=request
        ),
        message=_("Der Meilenstein wurde ergänzt."),
        done=measure.get_absolute_url() + "#meilensteine",
        page=partial(_measure_page, request, municipality, measure, form),
    )


@login_required
@require_POST
def milestone_done(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    milestone = _object(Milestone, municipality, pk)
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

    def save(cleaned):
        data = dict(cleaned)
        goal = data.pop("goal")
        return services.indicator_create(goal=goal, by=request.user, data=data, request=request)

    return _edit(
        request,
        municipality,
        plan,
        form,
        title=_("Indikator anlegen"),
        cancel_url=_plan_url(municipality),
        save=save,
        message=_("Der Indikator wurde angelegt."),
        done=lambda indicator: indicator.get_absolute_url(),
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
    return _indicator_page(request, municipality, _object(Indicator, municipality, pk))


@login_required
@require_POST
def measurement_add(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    indicator = _object(Indicator, municipality, pk)
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


# --- Edit and delete (confirmation pages) ---------------------------------------------------


def _delete(request, municipality, *, title, question, cancel_url, action, done_url, done_msg):
    """GET: confirmation page; POST: run ``action`` and go to ``done_url``."""
    return confirm_view(
        request,
        municipality,
        title=title,
        question=question,
        confirm_label=_("Endgültig löschen"),
        cancel_url=cancel_url,
        action=action,
        message=done_msg,
        done=done_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    goal = _object(Goal, municipality, pk)
    indicators = goal.indicators.count()
    return _delete(
        request,
        municipality,
        title=_("Ziel „%(text)s“ löschen") % {"text": goal.text},
        question=_(
            "Das Ziel und seine %(n)d Indikator(en) mit allen Messwerten werden gelöscht. "
            "Maßnahmen bleiben erhalten und verlieren nur die Zuordnung zu diesem Ziel. "
            "Beschlossene Fassungen bleiben unverändert."
        )
        % {"n": indicators},
        cancel_url=_plan_url(municipality) + "#ziele",
        action=lambda: services.goal_delete(goal=goal, by=request.user, request=request),
        done_url=_plan_url(municipality) + "#ziele",
        done_msg=_("Das Ziel wurde gelöscht."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_delete(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measure = _object(Measure, municipality, pk)
    return _delete(
        request,
        municipality,
        title=_("Maßnahme „%(title)s“ löschen") % {"title": measure.title},
        question=_(
            "Die Maßnahme wird mit ihren Meilensteinen und Kommentaren gelöscht. "
            "Beschlossene Fassungen, in denen sie vorkommt, bleiben unverändert."
        ),
        cancel_url=measure.get_absolute_url(),
        action=lambda: services.measure_delete(measure=measure, by=request.user, request=request),
        done_url=_plan_url(municipality) + "#massnahmen",
        done_msg=_("Die Maßnahme wurde gelöscht."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    milestone = _object(Milestone, municipality, pk)
    back = milestone.measure.get_absolute_url() + "#meilensteine"
    form = MilestoneEditForm(
        request.POST or None,
        initial={"title": milestone.title, "due": milestone.due, "done_on": milestone.done_on},
    )
    return _edit(
        request,
        municipality,
        milestone.measure.plan,
        form,
        title=_("Meilenstein bearbeiten"),
        cancel_url=back,
        save=lambda data: services.milestone_update(
            milestone=milestone, by=request.user, request=request, **data
        ),
        message=_("Der Meilenstein wurde gespeichert."),
        done=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_delete(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    milestone = _object(Milestone, municipality, pk)
    back = milestone.measure.get_absolute_url() + "#meilensteine"
    return _delete(
        request,
        municipality,
        title=_("Meilenstein „%(title)s“ löschen") % {"title": milestone.title},
        question=_("Der Meilenstein wird aus der Maßnahme „%(m)s“ gelöscht.")
        % {"m": milestone.measure.title},
        cancel_url=back,
        action=lambda: services.milestone_delete(
            milestone=milestone, by=request.user, request=request
        ),
        done_url=back,
        done_msg=_("Der Meilenstein wurde gelöscht."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    indicator = _object(Indicator, municipality, pk)
    initial = {
        k: getattr(indicator, k)
        for k in ("goal", "name", "unit", "baseline", "baseline_date", "target", "due")
    }
    form = IndicatorEditForm(request.POST or None, initial=initial, indicator=indicator)
    return _edit(
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
    indicator = _object(Indicator, municipality, pk)
    return _delete(
        request,
        municipality,
        title=_("Indikator „%(name)s“ löschen") % {"name": indicator.name},
        question=_("Der Indikator wird mit seinen %(n)d Messwert(en) gelöscht.")
        % {"n": indicator.measurements.count()},
        cancel_url=indicator.get_absolute_url(),
        action=lambda: services.indicator_delete(
            indicator=indicator, by=request.user, request=request
        ),
        done_url=_plan_url(municipality) + "#ziele",
        done_msg=_("Der Indikator wurde gelöscht."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measurement = _object(Measurement, municipality, pk)
    back = measurement.indicator.get_absolute_url()
    form = MeasurementForm(
        request.POST or None,
        initial={
            "measured_on": measurement.measured_on,
            "value": measurement.value,
            "note": measurement.note,
        },
    )
    return _edit(
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
    measurement = _object(Measurement, municipality, pk)
    back = measurement.indicator.get_absolute_url()
    return _delete(
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


# --- Board, timeline, Handlungsfelder, strategy, origin -------------------------------------


def _theme_filter(request, municipality):
    form = ThemeFilterForm(request.GET or None, municipality=municipality)
    theme = form.cleaned_data.get("handlungsfeld") if form.is_valid() else None
    return form, theme, 400 if form.is_bound and not form.is_valid() else 200


def _safe_next(request, municipality, default: str) -> str:
    target = request.POST.get("next", "")
    prefix = _plan_url(municipality)
    if target.startswith(prefix) and "//" not in target and "\\" not in target:
        return target
    return default


@login_required
@require_GET
def board(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    form, theme, status = _theme_filter(request, municipality)
    return render(
        request,
        "plans/board.html",
        _context(
            request,
            municipality,
            plan,
            section="board",
            filters=form,
            columns=selectors.board(plan, theme=theme) if plan else [],
            statuses=Measure.Status.choices,
        ),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_status(request, slug, pk):
    """Status of one measure – posted from a board card, or the form page (reason needed)."""
    municipality = municipality_for(request, slug, CHANGE)
    measure = _object(Measure, municipality, pk)
    form = MeasureStatusForm(
        request.POST or None,
        initial={"status": measure.status, "status_reason": measure.status_reason},
    )
    back = _safe_next(request, municipality, reverse("plans:board", kwargs={"slug": slug}))
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_set_status(
                measure=measure,
                by=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["status_reason"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("„%(title)s“ hat jetzt den Status „%(status)s“.")
                % {"title": measure.title, "status": measure.get_status_display()},
            )
            return redirect(back + f"#massnahme-{measure.pk}")
    return _form_page(
        request,
        municipality,
        measure.plan,
        title=_("Status von „%(title)s“ ändern") % {"title": measure.title},
        form=form,
        cancel_url=back,
        status=400 if request.method == "POST" else 200,
        next_url=back,
    )


@login_required
@require_GET
def timeline_view(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    form, theme, status = _theme_filter(request, municipality)
    rows = list(selectors.measures(plan, theme=theme, prefetch=("milestones",))) if plan else []
    return render(
        request,
        "plans/timeline.html",
        _context(
            request,
            municipality,
            plan,
            section="timeline",
            filters=form,
            gantt=timeline.build(rows, today=timezone.localdate()),
            styles=[
                (value, label, timeline.STYLES[value]) for value, label in Measure.Status.choices
            ],
        ),
        status=status,
    )


@login_required
@require_GET
def themes_view(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    return render(
        request,
        "plans/themes.html",
        _context(
            request,
            municipality,
            plan,
            section="themes",
            blocks=selectors.theme_blocks(plan, timezone.localdate()) if plan else [],
        ),
    )


@login_required
@require_GET
def strategy_view(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    return render(
        request,
        "plans/strategy.html",
        _context(
            request,
            municipality,
            plan,
            section="strategy",
            strategy=selectors.strategy(plan, timezone.localdate()) if plan else None,
            today=timezone.localdate(),
        ),
    )


@login_required
@require_GET
def origin(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    sketches, direct = selectors.trace(municipality, plan, timezone.localdate())
    return render(
        request,
        "plans/origin.html",
        _context(
            request,
            municipality,
            plan,
            section="origin",
            sketches=sketches,
            direct=direct,
        ),
    )


# --- Consultation and approval --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def consultation(request, slug):
    """The plan's status, its transitions and the comments on the plan as a whole."""
    municipality = municipality_for(
        request, slug, VIEW if request.method == "GET" else "plans.comment_plan"
    )
    plan = selectors.plan_or_none(municipality)
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        plan = plan or services.plan_for(municipality)
        if form.is_valid():
            try:
                services.comment_add(
                    plan=plan, by=request.user, body=form.cleaned_data["body"], request=request
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Ihr Kommentar wurde gespeichert."))
                return redirect(
                    reverse("plans:consultation", kwargs={"slug": slug}) + "#kommentare"
                )
        status = 400
    page = Paginator(selectors.comments(plan) if plan else Comment.objects.none(), 25).get_page(
        request.GET.get("seite")
    )
    user = request.user
    transitions = []
    if plan is not None:
        for (source, target), perm in services.TRANSITIONS.items():
            if source == plan.status and user.has_perm(perm, municipality):
                transitions.append((target, Plan.Status(target).label))
    return render(
        request,
        "plans/consultation.html",
        _context(
            request,
            municipality,
            plan,
            section="consultation",
            form=form,
            page=page,
            comments=[(c, user.has_perm("plans.delete_comment", c)) for c in page.object_list],
            transitions=transitions,
            versions=list(selectors.versions(plan)[:3]) if plan else [],
        ),
        status=status,
    )


@login_required
@require_POST
def measure_comment(request, slug, pk):
    municipality = municipality_for(request, slug, "plans.comment_plan")
    measure = _object(Measure, municipality, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                plan=measure.plan,
                measure=measure,
                by=request.user,
                body=form.cleaned_data["body"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Ihr Kommentar wurde gespeichert."))
            return redirect(measure.get_absolute_url() + "#kommentare")
    return _measure_page(request, municipality, measure, status=400, comment_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request, slug, pk):
    municipality = municipality_for(request, slug, VIEW)
    comment = get_object_or_404(
        Comment.objects.select_related("plan__municipality", "measure"),
        pk=pk,
        plan__municipality=municipality,
    )
    if not request.user.has_perm("plans.delete_comment", comment):
        raise PermissionDenied
    back = (
        comment.measure.get_absolute_url()
        if comment.measure
        else reverse("plans:consultation", kwargs={"slug": slug})
    ) + "#kommentare"
    return _delete(
        request,
        municipality,
        title=_("Kommentar löschen"),
        question=_("Der Kommentar „%(text)s“ wird gelöscht.")
        % {"text": comment.body[:80] + ("…" if len(comment.body) > 80 else "")},
        cancel_url=back,
        action=lambda: services.comment_delete(comment=comment, by=request.user, request=request),
        done_url=back,
        done_msg=_("Der Kommentar wurde gelöscht."),
    )


@login_required
@require_GET
def versions_view(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    rows = list(selectors.versions(plan)) if plan else []
    numbers = [v.number for v in rows]
    return render(
        request,
        "plans/versions.html",
        _context(
            request,
            municipality,
            plan,
            section="versions",
            versions=rows,
            compare_form=CompareForm(
                initial={"von": numbers[1] if len(numbers) > 1 else None, "bis": numbers[0]}
                if numbers
                else {},
                numbers=numbers,
            ),
        ),
    )


def _version(plan, number):
    if plan is None:
        raise Http404
    return get_object_or_404(plan.versions.select_related("approved_by"), number=number)


@login_required
@require_GET
def version_detail(request, slug, number):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    version = _version(plan, number)
    return render(
        request,
        "plans/version.html",
        _context(
            request,
            municipality,
            plan,
            section="versions",
            version=version,
            data=version.snapshot,
            status_labels=dict(Measure.Status.choices),
        ),
    )


@login_required
@require_GET
def version_compare(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    numbers = list(plan.versions.values_list("number", flat=True)) if plan else []
    form = CompareForm(request.GET or None, numbers=numbers)
    result = old = new = None
    if form.is_valid():
        old = _version(plan, form.cleaned_data["von"])
        target = form.cleaned_data["bis"]
        new = None if target == "aktuell" else _version(plan, int(target))
        result = compare(old.snapshot, new.snapshot if new else snapshot(plan))
    return render(
        request,
        "plans/compare.html",
        _context(
            request,
            municipality,
            plan,
            section="versions",
            form=form,
            result=result,
            old=old,
            new=new,
        ),
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


# --- Publication ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, slug):
    municipality = municipality_for(request, slug, "plans.publish_plan")
    plan = services.plan_for(municipality)
    target = not plan.is_published
    url = reverse("plans:public", kwargs={"slug": slug})
    error = None
    if request.method == "POST":
        try:
            services.plan_set_published(
                plan=plan, by=request.user, published=target, request=request
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Der Werkstattplan ist jetzt öffentlich.")
                if target
                else _("Der Werkstattplan ist nicht mehr öffentlich."),
            )
            return redirect(url if target else _plan_url(municipality))
    return confirm_page(
        request,
        municipality,
        title=_("Werkstattplan veröffentlichen") if target else _("Veröffentlichung beenden"),
        question=_(
            "Die zuletzt beschlossene Fassung wird als öffentliche Seite ohne Anmeldung lesbar: "
            "Leitbild, Ziele mit Indikatoren und die Maßnahmen mit ihrem aktuellen Status und "
            "ihren Meilensteinen. Budgets, Verantwortliche, Begründungen und Kommentare bleiben "
            "intern. Spätere Entwürfe werden erst nach dem nächsten Beschluss sichtbar."
        )
        if target
        else _("Der Werkstattplan ist danach nur noch für das Team der Kommune sichtbar."),
        confirm_label=_("Veröffentlichen") if target else _("Veröffentlichung beenden"),
        cancel_url=_plan_url(municipality),
        error=error,
    )


@require_GET
def public(request, slug):
    """The public page of a published plan; insiders see a preview before publication.

    Outsiders get 404 while the plan is not published (like the Kommunalprofil)."""
    municipality = get_object_or_404(Municipality, slug=slug)
    plan = Plan.objects.filter(municipality=municipality).first()
    inside = request.user.has_perm("municipalities.view_municipality", municipality)
    if plan is None or not (inside or request.user.has_perm("plans.view_public_plan", plan)):
        raise Http404
    data = selectors.public_plan(plan)
    if data is None and not inside:
        raise Http404
    return render(
        request,
        "plans/public.html",
        {
            "municipality": municipality,
            "plan": plan,
            "data": data,
            "inside": inside,
            "section": "public",
        },
    )


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
