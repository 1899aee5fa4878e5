"""Measures of the Werkstattplan and their milestones and comments."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core.views import (
    add_form_errors,
    form_view,
)
from zwk.municipalities.access import municipality_for
from zwk.plans import selectors, services
from zwk.plans.forms import (
    CommentForm,
    MeasureForm,
    MilestoneEditForm,
    MilestoneForm,
)
from zwk.plans.models import Measure, Milestone
from zwk.plans.views.common import (
    CHANGE,
    VIEW,
    delete_page,
    edit_page,
    plan_context,
    plan_object,
    plan_url,
)


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

    return edit_page(
        request,
        municipality,
        plan,
        form,
        title=_("Maßnahme bearbeiten") if measure else _("Maßnahme anlegen"),
        cancel_url=measure.get_absolute_url() if measure else plan_url(municipality),
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
    return _measure_form(request, municipality, plan_object(Measure, municipality, pk))


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
        plan_context(
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
    measure = plan_object(Measure, municipality, pk)
    return _measure_page(request, municipality, measure)


@login_required
@require_http_methods(["GET", "POST"])
def measure_delete(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measure = plan_object(Measure, municipality, pk)
    return delete_page(
        request,
        municipality,
        title=_("Maßnahme „%(title)s“ löschen") % {"title": measure.title},
        question=_(
            "Die Maßnahme wird mit ihren Meilensteinen und Kommentaren gelöscht. "
            "Beschlossene Fassungen, in denen sie vorkommt, bleiben unverändert."
        ),
        cancel_url=measure.get_absolute_url(),
        action=lambda: services.measure_delete(measure=measure, by=request.user, request=request),
        done_url=plan_url(municipality) + "#massnahmen",
        done_msg=_("Die Maßnahme wurde gelöscht."),
    )


@login_required
@require_POST
def measure_comment(request, slug, pk):
    municipality = municipality_for(request, slug, "plans.comment_plan")
    measure = plan_object(Measure, municipality, pk)
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
@require_POST
def milestone_add(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    measure = plan_object(Measure, municipality, pk)
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
    milestone = plan_object(Milestone, municipality, pk)
    done_on = None if milestone.done else timezone.localdate()
    services.milestone_set_done(
        milestone=milestone, by=request.user, done_on=done_on, request=request
    )
    return redirect(milestone.measure.get_absolute_url() + "#meilensteine")


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    milestone = plan_object(Milestone, municipality, pk)
    back = milestone.measure.get_absolute_url() + "#meilensteine"
    form = MilestoneEditForm(
        request.POST or None,
        initial={"title": milestone.title, "due": milestone.due, "done_on": milestone.done_on},
    )
    return edit_page(
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
    milestone = plan_object(Milestone, municipality, pk)
    back = milestone.measure.get_absolute_url() + "#meilensteine"
    return delete_page(
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
