"""Shared pieces of the Werkstattplan views: permissions, page context, object lookup by
Kommune, form and confirmation pages.

Every view fetches the Kommune through ``municipality_for`` (404 for outsiders) and every
object filtered by that Kommune's plan (no access to another Kommune's objects by id).
"""

from __future__ import annotations

from functools import partial

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from zwk.core.views import (
    confirm_view,
    form_view,
    municipality_object,
)
from zwk.municipalities.process import STEPS_BY_KIND
from zwk.plans import rules as plan_rules
from zwk.plans.models import Goal, Indicator, Measure, Measurement, Milestone, Plan

VIEW, CHANGE = "plans.view_plan", "plans.change_plan"


VIEW_REVIEW = "plans.view_review"


PAGE_SIZE = 50


def plan_context(request, municipality, plan, **extra) -> dict:
    user = request.user
    return {
        "municipality": municipality,
        "plan": plan,
        "plan_step": STEPS_BY_KIND["plan"],
        "review_step": STEPS_BY_KIND["review"],
        "can_edit": user.has_perm(CHANGE, municipality),
        "can_approve": user.has_perm("plans.approve_plan", municipality),
        "can_publish": user.has_perm("plans.publish_plan", plan or municipality),
        "can_comment": user.has_perm("plans.comment_plan", municipality),
        **extra,
    }


# Where each object of a plan finds its Kommune: every lookup by id is filtered by it.
MUNICIPALITY_PATH = {
    Goal: "plan__municipality",
    Measure: "plan__municipality",
    Milestone: "measure__plan__municipality",
    Indicator: "goal__plan__municipality",
    Measurement: "indicator__goal__plan__municipality",
}


def plan_object(model, municipality, pk):
    """The plan object ``pk`` of this Kommune (404 for another Kommune's id)."""
    return municipality_object(model, municipality, pk, path=MUNICIPALITY_PATH[model])


def form_page(request, municipality, plan, *, title, form, cancel_url, status=200, **extra):
    return render(
        request,
        "plans/form.html",
        plan_context(
            request, municipality, plan, title=title, form=form, cancel_url=cancel_url, **extra
        ),
        status=status,
    )


def edit_page(
    request, municipality, plan, form, *, title, cancel_url, save, message, done, **extra
):
    """A form page of the plan: a valid POST runs ``save`` (see ``form_view``)."""
    page = partial(
        form_page,
        request,
        municipality,
        plan,
        title=title,
        form=form,
        cancel_url=cancel_url,
        **extra,
    )
    return form_view(request, form, save=save, message=message, done=done, page=page)


def plan_url(municipality) -> str:
    return reverse("plans:plan", kwargs={"slug": municipality.slug})


def delete_page(request, municipality, *, title, question, cancel_url, action, done_url, done_msg):
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


def transitions(user, plan) -> list[tuple[str, str]]:
    """The status changes of ``plan`` that ``user`` may make now, as (value, label)."""
    return [(target, Plan.Status(target).label) for target in plan_rules.status_changes(user, plan)]
