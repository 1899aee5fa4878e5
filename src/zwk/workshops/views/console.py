"""The moderator console: phases, live card list, finishing, participants (moderation)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import hooks
from zwk.workshops import live, participant_data, selectors, services
from zwk.workshops.forms import (
    BlockForm,
    ClusterForm,
    MergeForm,
    PaperCardForm,
    PhaseMinutesForm,
    PhotoForm,
)
from zwk.workshops.models import (
    Card,
    Participant,
    Phase,
)
from zwk.workshops.phases import WRITE
from zwk.workshops.views.common import (
    back_to_console,
    confirm,
    selected_phase,
    stream_url,
    team_workshop,
    workshop_themes,
)


def _console_live_context(request, workshop, phase):
    cards = list(selectors.visible_cards(phase)) if phase else []
    clusters = list(workshop.clusters.filter(phase=phase)) if phase else []
    can_moderate = request.user.has_perm("workshops.moderate_workshop", workshop)
    return {
        "workshop": workshop,
        "municipality": workshop.municipality,
        "phase": phase,
        "cards": cards,
        "cluster_rows": selectors.clusters_with_cards(phase, cards) if phase else [],
        "clusters": clusters,
        "figures": selectors.participation_figures(workshop),
        "repr": selectors.representativeness(workshop),
        "can_moderate": can_moderate,
        "can_run": request.user.has_perm("workshops.run_workshop", workshop),
        "live_tag": live.tag(workshop, "c", phase.pk if phase else 0),
    }


@login_required
@require_GET
def workshop_detail(request, slug, pk):
    workshop = team_workshop(request, slug, pk)
    return render_console(request, workshop)


def render_console(request, workshop, status=200, **forms):
    phase_list = selectors.phases(workshop)
    phase = selected_phase(request, workshop, phase_list)
    context = _console_live_context(request, workshop, phase)
    context["live_stream_url"] = stream_url(workshop)
    sketches = list(workshop.sketches.select_related("cluster").prefetch_related("plan_measures"))
    visible = selectors.visible_cards(phase) if phase else Card.objects.none()
    context.update(
        phases=phase_list,
        participant_url=request.build_absolute_uri(workshop.get_participant_url()),
        hidden=selectors.hidden_cards(phase) if phase else [],
        # plan_measures: reverse accessor of the Werkstattplan's Measure.origin_sketch – read
        # by name, workshops never import plans.
        sketches=sketches,
        sketches_to_carry=any(s.for_plan and not s.plan_measures.all() for s in sketches),
        can_carry=request.user.has_perm("plans.change_plan", workshop.municipality),
        top_clusters=selectors.top_clusters(workshop),
        paper_form=forms.get("paper_form")
        or (
            PaperCardForm(phase=phase, themes=workshop_themes(workshop))
            if phase and phase.type.allows(WRITE)
            else None
        ),
        merge_form=forms.get("merge_form") or MergeForm(cards=visible),
        cluster_form=forms.get("cluster_form") or ClusterForm(),
        photo_form=forms.get("photo_form") or PhotoForm(),
        photos=workshop.photos.all(),
        # Sections of apps above (e.g. the votes weighted like a survey, zwk.participation).
        result_sections=hooks.slot("workshops.results.sections").render(request, workshop),
        can_edit=request.user.has_perm("workshops.change_workshop", workshop),
        live_url=reverse(
            "workshops:console_live", kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk}
        ),
    )
    return render(request, "workshops/console.html", context, status=status)


@login_required
@require_GET
def console_live(request, slug, pk):
    workshop = team_workshop(request, slug, pk)
    phase = selected_phase(request, workshop, selectors.phases(workshop))
    live_tag = live.tag(workshop, "c", phase.pk if phase else 0)
    if response := live.unchanged(request, live_tag):
        return response
    context = _console_live_context(request, workshop, phase)
    context["live_url"] = request.path
    html = render_to_string("workshops/_console_live.html", context, request=request)
    return live.respond(html, live_tag)


@login_required
@require_POST
def phase_action(request, slug, pk, phase, action):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    phase_obj = get_object_or_404(Phase, pk=phase, workshop=workshop)
    try:
        if action == "oeffnen":
            services.phase_open(phase=phase_obj, by=request.user, request=request)
            messages.success(request, _("%(phase)s läuft jetzt.") % {"phase": phase_obj.type.title})
        elif action == "schliessen":
            services.phase_close(phase=phase_obj, by=request.user, request=request)
            messages.success(
                request, _("%(phase)s ist geschlossen.") % {"phase": phase_obj.type.title}
            )
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render_console(request, workshop, status=400)
    return back_to_console(workshop, phase_obj, "phasen")


@login_required
@require_POST
def phase_minutes(request, slug, pk, phase):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    phase_obj = get_object_or_404(Phase, pk=phase, workshop=workshop)
    form = PhaseMinutesForm(request.POST, prefix=f"zeit-{phase_obj.pk}")
    if not form.is_valid():
        messages.error(request, _("Bitte geben Sie eine Zeit zwischen 1 und 600 Minuten an."))
        return render_console(request, workshop, status=400)
    services.phase_set_minutes(
        phase=phase_obj, minutes=form.cleaned_data["minutes"], by=request.user
    )
    messages.success(request, _("Die Zeit wurde gespeichert."))
    return back_to_console(workshop, phase_obj, "phasen")


@login_required
@require_http_methods(["GET", "POST"])
def workshop_finish(request, slug, pk):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    if request.method == "POST":
        services.workshop_finish(workshop=workshop, by=request.user, request=request)
        messages.success(request, _("Die Zukunftswerkstatt ist abgeschlossen."))
        return redirect(workshop)
    return confirm(
        request,
        workshop,
        title=_("Werkstatt abschließen"),
        question=_(
            "Soll „%(title)s“ abgeschlossen werden? Alle Phasen werden geschlossen; "
            "niemand kann mehr Karten schreiben oder Punkte vergeben."
        )
        % {"title": workshop.title},
        confirm_label=_("Ja, abschließen"),
        cancel_url=workshop.get_absolute_url(),
    )


@login_required
@require_GET
def participant_list(request, slug, pk):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    page = Paginator(selectors.participants_page(workshop), 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "workshops/participants.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "page": page,
            # Review list: cards that probably name a person (they outlive the purge).
            "flagged": participant_data.flagged_cards(workshop),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_block(request, slug, pk, participant):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    person = get_object_or_404(Participant, pk=participant, workshop=workshop)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.participant_block(
            participant=person, by=request.user, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(request, _("„%(name)s“ ist gesperrt.") % {"name": person.pseudonym})
        return redirect("workshops:participants", slug=slug, pk=workshop.pk)
    return confirm(
        request,
        workshop,
        title=_("Teilnehmende Person sperren"),
        question=_(
            "„%(name)s“ kann danach keine Karten mehr schreiben und keine Punkte mehr vergeben. "
            "Vorhandene Karten bleiben, bis Sie sie ausblenden."
        )
        % {"name": person.pseudonym},
        confirm_label=_("Sperren"),
        cancel_url=reverse("workshops:participants", kwargs={"slug": slug, "pk": workshop.pk}),
        form=form,
    )


@login_required
@require_POST
def participant_unblock(request, slug, pk, participant):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    person = get_object_or_404(Participant, pk=participant, workshop=workshop)
    services.participant_unblock(participant=person, by=request.user, request=request)
    messages.success(
        request, _("Die Sperre von „%(name)s“ ist aufgehoben.") % {"name": person.pseudonym}
    )
    return redirect("workshops:participants", slug=slug, pk=workshop.pk)
