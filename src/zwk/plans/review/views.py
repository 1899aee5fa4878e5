"""Views of the Zwischenbilanz: the review page (traffic lights, projection check), lessons
learnt (with sharing to the Werkzeugkoffer) and the continuation (Verstetigung).

Thin like the plan's views: access through ``municipality_for``, objects filtered by the Kommune.
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

from zwk.core import hooks
from zwk.core.views import (
    add_form_errors,
    confirm_page,
)
from zwk.municipalities.access import municipality_for
from zwk.plans import selectors, services
from zwk.plans.forms import (
    ContinuationForm,
    LessonForm,
    NextReviewForm,
    ProjectionYearForm,
    ReviewDateForm,
    ShareForm,
)
from zwk.plans.models import Lesson
from zwk.plans.review import continuation as continuation_services
from zwk.plans.review import lessons as lesson_services
from zwk.plans.review import selectors as review_selectors
from zwk.plans.review.charts import review_charts
from zwk.plans.review.projection_check import projection_check
from zwk.plans.review.traffic_light import TOLERANCE
from zwk.plans.views.common import (
    VIEW_REVIEW,
    plan_context,
)

CHANGE_REVIEW, SHARE = "plans.change_review", "plans.share_lesson"


@login_required
@require_GET
def review(request, slug):
    municipality = municipality_for(request, slug, VIEW_REVIEW)
    plan = selectors.plan_or_none(municipality)
    form = ReviewDateForm(request.GET or None)
    on = (form.cleaned_data.get("stichtag") if form.is_valid() else None) or timezone.localdate()
    extras, extras_invalid = review_extras(request, municipality, plan)
    invalid = (form.is_bound and not form.is_valid()) or extras_invalid
    result = review_selectors.review(plan, on) if plan else None
    return render(
        request,
        "plans/review.html",
        plan_context(
            request,
            municipality,
            plan,
            form=form,
            review=result,
            charts=review_charts(result),
            tolerance=round(TOLERANCE * 100),
            # sections of apps above plans (zwk.accountability: contributions → measures)
            review_sections=hooks.slot("plans.review.sections").render(plan) if plan else "",
            **extras,
        ),
        status=400 if invalid else 200,
    )


def _review_url(municipality, anchor: str = "") -> str:
    return reverse("review:review", kwargs={"slug": municipality.slug}) + anchor


def review_extras(request, municipality, plan) -> tuple[dict, bool]:
    """Extra context of the review page; the flag is True when ``basisjahr`` was invalid."""
    raw = request.GET.get("basisjahr") or ""
    requested = int(raw) if raw.isdigit() else None
    check = projection_check(municipality, plan, baseline_year=requested)
    year_form = ProjectionYearForm({"basisjahr": raw} if raw else None, years=check.base_years)
    invalid = bool(raw) and not year_form.is_valid()
    user = request.user
    extras = {
        "check": check,
        "year_form": year_form,
        "lessons": list(review_selectors.lessons(plan)) if plan else [],
        "continuation_rows": review_selectors.continuation_rows(plan) if plan else [],
        "schedule": review_selectors.schedule(plan) if plan else None,
        "can_change_review": user.has_perm(CHANGE_REVIEW, municipality),
        "can_share": user.has_perm(SHARE, municipality),
    }
    return extras, invalid


def _lesson(municipality, pk) -> Lesson:
    return get_object_or_404(
        Lesson.objects.select_related("plan__municipality", "measure", "toolbox_entry"),
        pk=pk,
        plan__municipality=municipality,
    )


def _lesson_form(request, municipality, lesson=None):
    plan = services.plan_for(municipality)
    can_share = request.user.has_perm(SHARE, municipality)
    initial = {}
    if lesson is not None:
        initial = {
            "measure": lesson.measure,
            "title": lesson.title,
            "worked": lesson.worked,
            "not_worked": lesson.not_worked,
            "why": lesson.why,
            "differently": lesson.differently,
            "transferable_kinds": lesson.transferable_kinds,
            "transferable_sizes": lesson.transferable_sizes,
            "transferable_note": lesson.transferable_note,
            "share": lesson.shared,
        }
    elif request.GET.get("massnahme", "").isdigit():
        initial["measure"] = plan.measures.filter(pk=int(request.GET["massnahme"])).first()
    form = LessonForm(request.POST or None, initial=initial, plan=plan)
    if not can_share:
        del form.fields["share"]
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "share"}
        try:
            saved = lesson_services.lesson_save(
                plan=plan,
                by=request.user,
                data=data,
                lesson=lesson,
                share=form.cleaned_data["share"] if can_share else None,
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request, _("Die Erfahrung „%(t)s“ wurde gespeichert.") % {"t": saved.title}
            )
            return redirect(_review_url(municipality, "#erfahrungen"))
    title = _("Erfahrung bearbeiten") if lesson else _("Erfahrung festhalten")
    return render(
        request,
        "plans/lesson_form.html",
        plan_context(
            request,
            municipality,
            plan,
            title=title,
            form=form,
            lesson=lesson,
            cancel_url=_review_url(municipality, "#erfahrungen"),
        ),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_create(request, slug):
    return _lesson_form(request, municipality_for(request, slug, CHANGE_REVIEW))


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE_REVIEW)
    return _lesson_form(request, municipality, _lesson(municipality, pk))


@login_required
@require_POST
def lesson_share(request, slug, pk):
    municipality = municipality_for(request, slug, SHARE)
    lesson = _lesson(municipality, pk)
    form = ShareForm(request.POST)
    form.is_valid()  # a missing checkbox means "do not share"
    share = bool(form.cleaned_data.get("share"))
    try:
        lesson = lesson_services.lesson_set_shared(
            lesson=lesson, by=request.user, shared=share, request=request
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_review_url(municipality, "#erfahrungen"))
    if lesson.shared:
        messages.success(
            request,
            _(
                "„%(t)s“ wurde dem Werkzeugkoffer angeboten. Die Geschäftsstelle prüft den "
                "Beitrag vor der Veröffentlichung."
            )
            % {"t": lesson.title},
        )
    else:
        messages.success(request, _("„%(t)s“ wird nicht geteilt.") % {"t": lesson.title})
    return redirect(_review_url(municipality, "#erfahrungen"))


@login_required
@require_http_methods(["GET", "POST"])
def lesson_delete(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE_REVIEW)
    lesson = _lesson(municipality, pk)
    if request.method == "POST":
        lesson_services.lesson_delete(lesson=lesson, by=request.user, request=request)
        messages.success(request, _("Die Erfahrung „%(t)s“ wurde gelöscht.") % {"t": lesson.title})
        return redirect(_review_url(municipality, "#erfahrungen"))
    question = _("Die Erfahrung „%(t)s“ wird gelöscht.") % {"t": lesson.title}
    if lesson.shared:
        if lesson.toolbox_entry.is_published:
            question += " " + _("Der veröffentlichte Beitrag im Werkzeugkoffer bleibt bestehen.")
        else:
            question += " " + _("Das Angebot an den Werkzeugkoffer wird zurückgezogen.")
    return confirm_page(
        request,
        municipality=municipality,
        title=_("Erfahrung löschen"),
        question=question,
        confirm_label=_("Erfahrung löschen"),
        cancel_url=_review_url(municipality, "#erfahrungen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def continuation(request, slug):
    municipality = municipality_for(request, slug, CHANGE_REVIEW)
    plan = services.plan_for(municipality)
    rows = review_selectors.continuation_rows(plan)
    schedule = review_selectors.schedule(plan)
    data = request.POST if request.method == "POST" else None
    forms = [
        ContinuationForm(
            data,
            measure=row.measure,
            initial={"decision": row.decision, "owner": row.owner, "note": row.note},
        )
        for row in rows
    ]
    date_form = NextReviewForm(
        data, initial={"next_review": schedule.next_review if schedule else None}
    )
    if request.method == "POST" and all(f.is_valid() for f in forms) and date_form.is_valid():
        try:
            continuation_services.continuation_save(
                plan=plan,
                by=request.user,
                rows=[(f.measure, f.cleaned_data) for f in forms],
                next_review=date_form.cleaned_data["next_review"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(date_form, exc)
        else:
            messages.success(request, _("Die Verstetigung wurde gespeichert."))
            return redirect(_review_url(municipality, "#verstetigung"))
    return render(
        request,
        "plans/continuation.html",
        plan_context(
            request,
            municipality,
            plan,
            title=_("Verstetigung bearbeiten"),
            forms=forms,
            date_form=date_form,
            cancel_url=_review_url(municipality, "#verstetigung"),
        ),
        status=400 if request.method == "POST" else 200,
    )
