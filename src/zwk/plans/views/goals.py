"""Goals of the Werkstattplan: create, edit, delete."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from zwk.municipalities.access import municipality_for
from zwk.plans import services
from zwk.plans.forms import (
    GoalForm,
)
from zwk.plans.models import Goal
from zwk.plans.views.common import (
    CHANGE,
    delete_page,
    edit_page,
    plan_object,
    plan_url,
)


def _goal_form(request, municipality, goal=None):
    plan = services.plan_for(municipality)
    form = GoalForm(request.POST or None, instance=goal, municipality=municipality)
    return edit_page(
        request,
        municipality,
        plan,
        form,
        title=_("Ziel bearbeiten") if goal else _("Ziel hinzufügen"),
        cancel_url=plan_url(municipality),
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
        done=plan_url(municipality) + "#ziele",
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request, slug):
    return _goal_form(request, municipality_for(request, slug, CHANGE))


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    return _goal_form(request, municipality, plan_object(Goal, municipality, pk))


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    goal = plan_object(Goal, municipality, pk)
    indicators = goal.indicators.count()
    return delete_page(
        request,
        municipality,
        title=_("Ziel „%(text)s“ löschen") % {"text": goal.text},
        question=ngettext(
            "Das Ziel und sein %(n)d Indikator mit allen Messwerten werden gelöscht. "
            "Maßnahmen bleiben erhalten und verlieren nur die Zuordnung zu diesem Ziel. "
            "Beschlossene Fassungen bleiben unverändert.",
            "Das Ziel und seine %(n)d Indikatoren mit allen Messwerten werden gelöscht. "
            "Maßnahmen bleiben erhalten und verlieren nur die Zuordnung zu diesem Ziel. "
            "Beschlossene Fassungen bleiben unverändert.",
            indicators,
        )
        % {"n": indicators},
        cancel_url=plan_url(municipality) + "#ziele",
        action=lambda: services.goal_delete(goal=goal, by=request.user, request=request),
        done_url=plan_url(municipality) + "#ziele",
        done_msg=_("Das Ziel wurde gelöscht."),
    )
