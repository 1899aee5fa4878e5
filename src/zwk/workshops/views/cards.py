"""Moderating cards and clusters on the console (paper cards, edit, hide, merge, photos)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core.views import add_form_errors
from zwk.workshops import selectors, services
from zwk.workshops.forms import (
    CardClusterForm,
    CardEditForm,
    ClusterForm,
    HideForm,
    MergeForm,
    PaperCardForm,
)
from zwk.workshops.models import (
    Card,
    Cluster,
)
from zwk.workshops.views.common import (
    back_to_console,
    confirm,
    selected_phase,
    team_workshop,
    workshop_themes,
)
from zwk.workshops.views.console import render_console


def _card(workshop, card_pk) -> Card:
    return get_object_or_404(
        Card.objects.select_related("phase", "workshop__municipality"),
        pk=card_pk,
        workshop=workshop,
    )


@login_required
@require_POST
def card_add(request, slug, pk):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    phase = selected_phase(request, workshop, selectors.phases(workshop))
    form = PaperCardForm(request.POST, request.FILES, phase=phase, themes=workshop_themes(workshop))
    if form.is_valid():
        try:
            services.card_add_paper(
                phase=phase,
                by=request.user,
                text=form.cleaned_data["text"],
                theme=form.cleaned_data.get("theme"),
                photo=form.cleaned_data.get("photo"),
                who=form.cleaned_data.get("who", ""),
                by_when=form.cleaned_data.get("by_when", ""),
                first_step=form.cleaned_data.get("first_step", ""),
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Papierkarte wurde erfasst."))
            return back_to_console(workshop, phase, "papierkarte")
    return render_console(request, workshop, status=400, paper_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def card_edit(request, slug, pk, card):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    card_obj = _card(workshop, card)
    form = CardEditForm(request.POST or None, instance=card_obj, themes=workshop_themes(workshop))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.card_update(
                card=Card.objects.get(pk=card_obj.pk),
                by=request.user,
                text=data.pop("text"),
                theme=data.pop("theme"),
                request=request,
                **data,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Karte wurde gespeichert."))
            return back_to_console(workshop, card_obj.phase, f"karte-{card_obj.pk}")
    return render(
        request,
        "workshops/card_form.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "card": card_obj,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def card_hide(request, slug, pk, card):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    card_obj = _card(workshop, card)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_hide(
                card=card_obj, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Karte ist ausgeblendet."))
            return back_to_console(workshop, card_obj.phase, "karten")
    return confirm(
        request,
        workshop,
        title=_("Karte ausblenden"),
        question=_(
            "Die Karte „%(text)s“ wird für alle ausgeblendet. Ihre Punkte zählen nicht mehr."
        )
        % {"text": card_obj.text},
        confirm_label=_("Ausblenden"),
        cancel_url=workshop.get_absolute_url() + f"?phase={card_obj.phase_id}",
        form=form,
    )


@login_required
@require_POST
def card_show(request, slug, pk, card):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    card_obj = _card(workshop, card)
    if card_obj.merged_into_id:
        messages.error(request, _("Zusammengeführte Karten bleiben Teil der anderen Karte."))
        return render_console(request, workshop, status=400)
    services.card_show(card=card_obj, by=request.user, request=request)
    messages.success(request, _("Die Karte ist wieder sichtbar."))
    return back_to_console(workshop, card_obj.phase, f"karte-{card_obj.pk}")


@login_required
@require_POST
def card_merge(request, slug, pk):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    phase = selected_phase(request, workshop, selectors.phases(workshop))
    form = MergeForm(request.POST, cards=selectors.visible_cards(phase))
    if form.is_valid():
        try:
            services.card_merge(
                source=form.cleaned_data["source"],
                target=form.cleaned_data["target"],
                by=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Karten wurden zusammengeführt."))
            return back_to_console(workshop, phase, "karten")
    return render_console(request, workshop, status=400, merge_form=form)


@login_required
@require_POST
def card_cluster(request, slug, pk, card):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    card_obj = _card(workshop, card)
    form = CardClusterForm(request.POST, clusters=workshop.clusters.filter(phase=card_obj.phase))
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie einen Cluster aus der Liste."))
        return render_console(request, workshop, status=400)
    services.card_set_cluster(card=card_obj, cluster=form.cleaned_data["cluster"], by=request.user)
    messages.success(request, _("Die Karte wurde zugeordnet."))
    return back_to_console(workshop, card_obj.phase, f"karte-{card_obj.pk}")


@login_required
@require_GET
def card_photo(request, slug, pk, card):
    workshop = team_workshop(request, slug, pk)
    return photo_response(_card(workshop, card))


def photo_response(card: Card):
    if not card.photo:
        raise Http404
    try:
        handle = card.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = "image/png" if card.photo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def cluster_create(request, slug, pk):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    phase = selected_phase(request, workshop, selectors.phases(workshop))
    form = ClusterForm(request.POST)
    if form.is_valid():
        try:
            services.cluster_create(
                phase=phase, title=form.cleaned_data["title"], by=request.user, request=request
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Der Cluster wurde angelegt."))
            return back_to_console(workshop, phase, "cluster")
    return render_console(request, workshop, status=400, cluster_form=form)


def _cluster(workshop, cluster_pk) -> Cluster:
    return get_object_or_404(
        Cluster.objects.select_related("phase"), pk=cluster_pk, workshop=workshop
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster_edit(request, slug, pk, cluster):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    cluster_obj = _cluster(workshop, cluster)
    form = ClusterForm(request.POST or None, initial={"title": cluster_obj.title}, prefix="cluster")
    form.fields["title"].label = _("Titel")
    if request.method == "POST" and form.is_valid():
        try:
            services.cluster_rename(
                cluster=cluster_obj, title=form.cleaned_data["title"], by=request.user
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Der Cluster wurde umbenannt."))
            return back_to_console(workshop, cluster_obj.phase, "cluster")
    return render(
        request,
        "workshops/cluster_form.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "cluster": cluster_obj,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster_delete(request, slug, pk, cluster):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    cluster_obj = _cluster(workshop, cluster)
    if request.method == "POST":
        services.cluster_delete(cluster=cluster_obj, by=request.user, request=request)
        messages.success(request, _("Der Cluster wurde aufgelöst; die Karten bleiben erhalten."))
        return back_to_console(workshop, cluster_obj.phase, "cluster")
    return confirm(
        request,
        workshop,
        title=_("Cluster auflösen"),
        question=_("Soll der Cluster „%(title)s“ aufgelöst werden? Die Karten bleiben erhalten.")
        % {"title": cluster_obj.title},
        confirm_label=_("Ja, auflösen"),
        cancel_url=workshop.get_absolute_url() + f"?phase={cluster_obj.phase_id}",
    )
