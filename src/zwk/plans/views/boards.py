"""Views of the plan: board (with status changes), timeline, Handlungsfelder, strategy,
origin of the measures.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zwk.core.views import (
    add_form_errors,
)
from zwk.municipalities.access import municipality_for
from zwk.plans import selectors, services, timeline
from zwk.plans.forms import (
    MeasureStatusForm,
    ThemeFilterForm,
)
from zwk.plans.models import Measure
from zwk.plans.views.common import (
    CHANGE,
    VIEW,
    form_page,
    plan_context,
    plan_object,
    plan_url,
)


def _theme_filter(request, municipality):
    form = ThemeFilterForm(request.GET or None, municipality=municipality)
    theme = form.cleaned_data.get("handlungsfeld") if form.is_valid() else None
    return form, theme, 400 if form.is_bound and not form.is_valid() else 200


def _safe_next(request, municipality, default: str) -> str:
    target = request.POST.get("next", "")
    prefix = plan_url(municipality)
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
        plan_context(
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
    measure = plan_object(Measure, municipality, pk)
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
    return form_page(
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
        plan_context(
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
        plan_context(
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
        plan_context(
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
        plan_context(
            request,
            municipality,
            plan,
            section="origin",
            sketches=sketches,
            direct=direct,
        ),
    )
