"""Team side of the Zukunftswerkstatt: list, console, projector, moderation, results.

Thin views: access (``municipality_for`` + object filtered by the Kommune), form, service,
response. Permissions are named rules (``rules.py``).
"""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.municipalities.access import municipality_for
from zwk.situation import selectors as situation_selectors
from zwk.workshops import live, selectors, services
from zwk.workshops.forms import (
    BlockForm,
    CardClusterForm,
    CardEditForm,
    ClusterForm,
    HideForm,
    MergeForm,
    PaperCardForm,
    PhaseMinutesForm,
    PhotoForm,
    SketchForm,
    WorkshopForm,
    municipality_themes,
)
from zwk.workshops.models import (
    Card,
    Cluster,
    Participant,
    Phase,
    Sketch,
    Workshop,
    WorkshopPhoto,
)
from zwk.workshops.phases import WRITE


def _workshop(request, slug, pk, perm="workshops.view_workshop") -> Workshop:
    municipality = municipality_for(request, slug)
    workshop = get_object_or_404(
        Workshop.objects.select_related("municipality"), pk=pk, municipality=municipality
    )
    if not request.user.has_perm("workshops.view_workshop", workshop):
        raise Http404
    if perm and not request.user.has_perm(perm, workshop):
        raise PermissionDenied
    return workshop


def _confirm(
    request, workshop, *, title, question, confirm_label, cancel_url, form=None, error=None
):
    context = {
        "municipality": workshop.municipality,
        "workshop": workshop,
        "title": title,
        "question": question,
        "confirm_label": confirm_label,
        "cancel_url": cancel_url,
        "form": form,
        "error": error,
    }
    status = 400 if error or (form is not None and form.errors) else 200
    return render(request, "workshops/confirm.html", context, status=status)


def _errors_to_form(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def _back(workshop, phase=None, anchor=""):
    url = workshop.get_absolute_url()
    if phase is not None:
        url += f"?phase={phase.pk}"
    return redirect(url + (f"#{anchor}" if anchor else ""))


# --- List, create, edit -----------------------------------------------------------------


@login_required
@require_GET
def workshop_list(request, slug):
    municipality = municipality_for(request, slug, "workshops.view_workshop")
    page = Paginator(selectors.workshops_for(municipality), 25).get_page(request.GET.get("seite"))
    return render(
        request,
        "workshops/list.html",
        {
            "municipality": municipality,
            "page": page,
            "can_add": request.user.has_perm("workshops.add_workshop", municipality),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_create(request, slug):
    municipality = municipality_for(request, slug, "workshops.add_workshop")
    # The Situationsanalyse's candidate Handlungsfelder are the natural focus of the workshop.
    suggested = [c.theme for c in situation_selectors.candidate_fields(municipality)]
    initial = None
    if request.method == "GET":
        initial = {"moderators": [request.user.pk], "themes": [t.pk for t in suggested]}
    form = WorkshopForm(
        request.POST or None,
        municipality=municipality,
        initial=initial,
        suggested_themes=suggested,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("themes", "moderators")}
        try:
            workshop = services.workshop_create(
                municipality=municipality,
                by=request.user,
                data=data,
                themes=form.cleaned_data["themes"],
                moderators=form.cleaned_data["moderators"],
                request=request,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Die Zukunftswerkstatt wurde angelegt. Teilnahme-Code: %(code)s")
                % {"code": workshop.code},
            )
            return redirect(workshop)
    return render(
        request,
        "workshops/form.html",
        {"municipality": municipality, "form": form, "title": _("Neue Zukunftswerkstatt")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_edit(request, slug, pk):
    workshop = _workshop(request, slug, pk, "workshops.change_workshop")
    suggested = [c.theme for c in situation_selectors.candidate_fields(workshop.municipality)]
    form = WorkshopForm(
        request.POST or None,
        instance=workshop,
        municipality=workshop.municipality,
        suggested_themes=suggested,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("themes", "moderators")}
        try:
            services.workshop_update(
                workshop=Workshop.objects.get(pk=workshop.pk),
                by=request.user,
                data=data,
                themes=form.cleaned_data["themes"],
                moderators=form.cleaned_data["moderators"],
                request=request,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Die Angaben wurden gespeichert."))
            return redirect(workshop)
    return render(
        request,
        "workshops/form.html",
        {
            "municipality": workshop.municipality,
            "workshop": workshop,
            "form": form,
            "title": _("Zukunftswerkstatt bearbeiten"),
        },
        status=400 if form.errors else 200,
    )


# --- Moderator console ------------------------------------------------------------------


def _selected_phase(request, workshop, phase_list):
    wanted = request.GET.get("phase") or request.POST.get("phase")
    if wanted and str(wanted).isdigit():
        for phase in phase_list:
            if phase.pk == int(wanted):
                return phase
    return selectors.current_phase(workshop, phase_list)


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
        "live_tag": live.tag(workshop, "c", phase.pk if phase else 0),
    }


@login_required
@require_GET
def workshop_detail(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    return _render_console(request, workshop)


def _stream_url(workshop) -> str:
    """Server-sent events only with Redis (stream.py); else the pages just poll."""
    if not live.redis_url():
        return ""
    return reverse(
        "workshops:stream", kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk}
    )


def _render_console(request, workshop, status=200, **forms):
    phase_list = selectors.phases(workshop)
    phase = _selected_phase(request, workshop, phase_list)
    context = _console_live_context(request, workshop, phase)
    context["live_stream_url"] = _stream_url(workshop)
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
            PaperCardForm(phase=phase, themes=_themes(workshop))
            if phase and phase.type.allows(WRITE)
            else None
        ),
        merge_form=forms.get("merge_form") or MergeForm(cards=visible),
        cluster_form=forms.get("cluster_form") or ClusterForm(),
        photo_form=forms.get("photo_form") or PhotoForm(),
        photos=workshop.photos.all(),
        can_edit=request.user.has_perm("workshops.change_workshop", workshop),
        live_url=reverse(
            "workshops:console_live", kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk}
        ),
    )
    return render(request, "workshops/console.html", context, status=status)


@login_required
@require_GET
def console_live(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    phase = _selected_phase(request, workshop, selectors.phases(workshop))
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
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
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
        return _render_console(request, workshop, status=400)
    return _back(workshop, phase_obj, "phasen")


@login_required
@require_POST
def phase_minutes(request, slug, pk, phase):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    phase_obj = get_object_or_404(Phase, pk=phase, workshop=workshop)
    form = PhaseMinutesForm(request.POST, prefix=f"zeit-{phase_obj.pk}")
    if not form.is_valid():
        messages.error(request, _("Bitte geben Sie eine Zeit zwischen 1 und 600 Minuten an."))
        return _render_console(request, workshop, status=400)
    services.phase_set_minutes(
        phase=phase_obj, minutes=form.cleaned_data["minutes"], by=request.user
    )
    messages.success(request, _("Die Zeit wurde gespeichert."))
    return _back(workshop, phase_obj, "phasen")


@login_required
@require_http_methods(["GET", "POST"])
def workshop_finish(request, slug, pk):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    if request.method == "POST":
        services.workshop_finish(workshop=workshop, by=request.user, request=request)
        messages.success(request, _("Die Zukunftswerkstatt ist abgeschlossen."))
        return redirect(workshop)
    return _confirm(
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


# --- Projector, QR code, join sheet ------------------------------------------------------


def _projector_context(request, workshop):
    phase_list = selectors.phases(workshop)
    phase = selectors.current_phase(workshop, phase_list)
    cards = list(selectors.visible_cards(phase)) if phase else []
    return {
        "workshop": workshop,
        "municipality": workshop.municipality,
        "phase": phase,
        "cards": cards,
        "ranking": [c for c in cards if c.points][:10],
        "cluster_rows": selectors.clusters_with_cards(phase, cards) if phase else [],
        "figures": selectors.participation_figures(workshop),
        "live_tag": live.tag(workshop, "p"),
    }


@login_required
@require_GET
def projector(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    context = _projector_context(request, workshop)
    context.update(
        participant_url=request.build_absolute_uri(workshop.get_participant_url()),
        live_url=reverse(
            "workshops:projector_live",
            kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk},
        ),
        live_stream_url=_stream_url(workshop),
    )
    return render(request, "workshops/projector.html", context)


@login_required
@require_GET
def projector_live(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    live_tag = live.tag(workshop, "p")
    if response := live.unchanged(request, live_tag):
        return response
    context = _projector_context(request, workshop)
    context["live_url"] = request.path
    html = render_to_string("workshops/_projector_live.html", context, request=request)
    return live.respond(html, live_tag)


@login_required
@require_GET
def qr_code(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    url = request.build_absolute_uri(workshop.get_participant_url())
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        scale=8,
        border=2,
        xmldecl=False,
        title=_("QR-Code: %(url)s") % {"url": url},
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
@require_GET
def join_sheet(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    return render(
        request,
        "workshops/join_sheet.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "participant_url": request.build_absolute_uri(workshop.get_participant_url()),
        },
    )


# --- Cards ------------------------------------------------------------------------------


def _themes(workshop):
    if workshop.themes.exists():
        return workshop.themes.all()
    return municipality_themes(workshop.municipality)


def _card(workshop, card_pk) -> Card:
    return get_object_or_404(
        Card.objects.select_related("phase", "workshop__municipality"),
        pk=card_pk,
        workshop=workshop,
    )


@login_required
@require_POST
def card_add(request, slug, pk):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    phase = _selected_phase(request, workshop, selectors.phases(workshop))
    form = PaperCardForm(request.POST, request.FILES, phase=phase, themes=_themes(workshop))
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
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Die Papierkarte wurde erfasst."))
            return _back(workshop, phase, "papierkarte")
    return _render_console(request, workshop, status=400, paper_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def card_edit(request, slug, pk, card):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    card_obj = _card(workshop, card)
    form = CardEditForm(request.POST or None, instance=card_obj, themes=_themes(workshop))
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
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Die Karte wurde gespeichert."))
            return _back(workshop, card_obj.phase, f"karte-{card_obj.pk}")
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
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    card_obj = _card(workshop, card)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_hide(
                card=card_obj, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Die Karte ist ausgeblendet."))
            return _back(workshop, card_obj.phase, "karten")
    return _confirm(
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
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    card_obj = _card(workshop, card)
    if card_obj.merged_into_id:
        messages.error(request, _("Zusammengeführte Karten bleiben Teil der anderen Karte."))
        return _render_console(request, workshop, status=400)
    services.card_show(card=card_obj, by=request.user, request=request)
    messages.success(request, _("Die Karte ist wieder sichtbar."))
    return _back(workshop, card_obj.phase, f"karte-{card_obj.pk}")


@login_required
@require_POST
def card_merge(request, slug, pk):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    phase = _selected_phase(request, workshop, selectors.phases(workshop))
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
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Die Karten wurden zusammengeführt."))
            return _back(workshop, phase, "karten")
    return _render_console(request, workshop, status=400, merge_form=form)


@login_required
@require_POST
def card_cluster(request, slug, pk, card):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    card_obj = _card(workshop, card)
    form = CardClusterForm(request.POST, clusters=workshop.clusters.filter(phase=card_obj.phase))
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie einen Cluster aus der Liste."))
        return _render_console(request, workshop, status=400)
    services.card_set_cluster(card=card_obj, cluster=form.cleaned_data["cluster"], by=request.user)
    messages.success(request, _("Die Karte wurde zugeordnet."))
    return _back(workshop, card_obj.phase, f"karte-{card_obj.pk}")


@login_required
@require_GET
def card_photo(request, slug, pk, card):
    workshop = _workshop(request, slug, pk)
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


# --- Clusters ---------------------------------------------------------------------------


@login_required
@require_POST
def cluster_create(request, slug, pk):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    phase = _selected_phase(request, workshop, selectors.phases(workshop))
    form = ClusterForm(request.POST)
    if form.is_valid():
        try:
            services.cluster_create(
                phase=phase, title=form.cleaned_data["title"], by=request.user, request=request
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Der Cluster wurde angelegt."))
            return _back(workshop, phase, "cluster")
    return _render_console(request, workshop, status=400, cluster_form=form)


def _cluster(workshop, cluster_pk) -> Cluster:
    return get_object_or_404(
        Cluster.objects.select_related("phase"), pk=cluster_pk, workshop=workshop
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster_edit(request, slug, pk, cluster):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    cluster_obj = _cluster(workshop, cluster)
    form = ClusterForm(request.POST or None, initial={"title": cluster_obj.title}, prefix="cluster")
    form.fields["title"].label = _("Titel")
    if request.method == "POST" and form.is_valid():
        try:
            services.cluster_rename(
                cluster=cluster_obj, title=form.cleaned_data["title"], by=request.user
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Der Cluster wurde umbenannt."))
            return _back(workshop, cluster_obj.phase, "cluster")
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
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    cluster_obj = _cluster(workshop, cluster)
    if request.method == "POST":
        services.cluster_delete(cluster=cluster_obj, by=request.user, request=request)
        messages.success(request, _("Der Cluster wurde aufgelöst; die Karten bleiben erhalten."))
        return _back(workshop, cluster_obj.phase, "cluster")
    return _confirm(
        request,
        workshop,
        title=_("Cluster auflösen"),
        question=_("Soll der Cluster „%(title)s“ aufgelöst werden? Die Karten bleiben erhalten.")
        % {"title": cluster_obj.title},
        confirm_label=_("Ja, auflösen"),
        cancel_url=workshop.get_absolute_url() + f"?phase={cluster_obj.phase_id}",
    )


# --- Participants -----------------------------------------------------------------------


@login_required
@require_GET
def participant_list(request, slug, pk):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    page = Paginator(selectors.participants_page(workshop), 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "workshops/participants.html",
        {"workshop": workshop, "municipality": workshop.municipality, "page": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_block(request, slug, pk, participant):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    person = get_object_or_404(Participant, pk=participant, workshop=workshop)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.participant_block(
            participant=person, by=request.user, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(request, _("„%(name)s“ ist gesperrt.") % {"name": person.pseudonym})
        return redirect("workshops:participants", slug=slug, pk=workshop.pk)
    return _confirm(
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
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    person = get_object_or_404(Participant, pk=participant, workshop=workshop)
    services.participant_unblock(participant=person, by=request.user, request=request)
    messages.success(
        request, _("Die Sperre von „%(name)s“ ist aufgehoben.") % {"name": person.pseudonym}
    )
    return redirect("workshops:participants", slug=slug, pk=workshop.pk)


# --- Sketches ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sketch_form(request, slug, pk, sketch=None):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    sketch_obj = get_object_or_404(Sketch, pk=sketch, workshop=workshop) if sketch else None
    initial = {}
    if sketch_obj is None and request.GET.get("cluster", "").isdigit():
        cluster = workshop.clusters.filter(pk=int(request.GET["cluster"])).first()
        if cluster is not None:
            initial = {"cluster": cluster, "title": cluster.title}
    form = SketchForm(request.POST or None, instance=sketch_obj, workshop=workshop, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sketch_save(
                workshop=workshop,
                by=request.user,
                data=form.cleaned_data,
                sketch=Sketch.objects.get(pk=sketch_obj.pk) if sketch_obj else None,
                request=request,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Die Projektskizze wurde gespeichert."))
            return _back(workshop, anchor="skizzen")
    return render(
        request,
        "workshops/sketch_form.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "form": form,
            "sketch": sketch_obj,
        },
        status=400 if form.errors else 200,
    )


# --- Photo documentation ---------------------------------------------------------------


@login_required
@require_POST
def photo_add(request, slug, pk):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(
                workshop=workshop,
                by=request.user,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error("image", exc)
        else:
            messages.success(request, _("Das Foto wurde hinzugefügt."))
            return _back(workshop, anchor="fotos")
    return _render_console(request, workshop, status=400, photo_form=form)


def _photo(workshop, photo_pk) -> WorkshopPhoto:
    return get_object_or_404(WorkshopPhoto, pk=photo_pk, workshop=workshop)


@login_required
@require_GET
def photo_view(request, slug, pk, photo):
    workshop = _workshop(request, slug, pk)
    item = _photo(workshop, photo)
    try:
        handle = item.image.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = "image/png" if item.image.name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def photo_delete(request, slug, pk, photo):
    workshop = _workshop(request, slug, pk, "workshops.moderate_workshop")
    item = _photo(workshop, photo)
    if request.method == "POST":
        services.photo_delete(photo=item, by=request.user, request=request)
        messages.success(request, _("Das Foto wurde gelöscht."))
        return _back(workshop, anchor="fotos")
    return _confirm(
        request,
        workshop,
        title=_("Foto löschen"),
        question=_("Soll das Foto „%(caption)s“ gelöscht werden?") % {"caption": item.caption},
        confirm_label=_("Ja, löschen"),
        cancel_url=workshop.get_absolute_url() + "#fotos",
    )


# --- Results ----------------------------------------------------------------------------


def _protocol_context(workshop, *, embed_photos=False):
    context = selectors.protocol(workshop)
    if embed_photos:
        context["photo_uris"] = [(p.caption, _data_uri(p)) for p in workshop.photos.all()]
    context["municipality"] = workshop.municipality
    context["generated_at"] = timezone.now()
    return context


def _data_uri(photo) -> str:
    """Embed the (re-encoded) photo in the PDF; WeasyPrint fetches nothing from outside."""
    import base64

    try:
        with photo.image.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return ""
    mime = "image/png" if photo.image.name.endswith(".png") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def _filename(workshop, ext):
    return f"protokoll-{slugify(workshop.title)[:60] or workshop.pk}.{ext}"


@login_required
@require_GET
def protocol_markdown(request, slug, pk):
    workshop = _workshop(request, slug, pk)
    text = render_to_string("workshops/protocol.md", _protocol_context(workshop), request=request)
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(workshop, "md")}"'
    return response


def _no_fetch(url, *args, **kwargs):
    # The PDF is built from our own template only: embedded data URIs, nothing from outside.
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"external resource refused: {url}")


@login_required
@require_GET
def protocol_pdf(request, slug, pk):
    import weasyprint  # heavy import: only when a PDF is requested

    workshop = _workshop(request, slug, pk)
    context = _protocol_context(workshop, embed_photos=True)
    html = render_to_string("workshops/protocol_pdf.html", context, request=request)
    pdf = weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(workshop, "pdf")}"'
    return response
