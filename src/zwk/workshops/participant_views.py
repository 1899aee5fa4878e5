"""Participant side: ``/mitmachen/<code>/`` – no account, phone first, slow connections.

Identity comes from a signed cookie per workshop (``identity.py``). Writes are checked by the
services (phase open, budget, blocked) and rate-limited per participant (``zwk.core.ratelimit``).
"""

from __future__ import annotations

from functools import wraps

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import hooks, ratelimit
from zwk.core.database import retry_when_busy
from zwk.core.net import client_ip
from zwk.core.queries import one_or_none
from zwk.core.views import add_form_errors
from zwk.workshops import identity, live, participant_data, selectors, services, voting
from zwk.workshops.forms import CardForm, JoinForm, municipality_themes
from zwk.workshops.models import INVITE_PARAM, PRIVACY_NOTICE_VERSION, Card, Workshop
from zwk.workshops.views.cards import photo_response

STATUS_TOO_MANY = 429


# --- Access by code: no guessing ------------------------------------------------------
#
# Failed lookups (unknown code; invite-only workshop without its invitation key) count per
# client address (``zwk.core.net``: behind a trusted proxy the forwarded one); after the
# limit "workshops.lookup" (20 in 10 minutes) every lookup of that address gets 429 until
# the window ends – right or wrong, so the answer reveals nothing. Other addresses are not
# affected, and joining itself is not limited: a whole hall behind one NAT address gets in. An
# invite-only workshop answers exactly like an unknown code unless the request carries the
# key from the link/QR code or the participant cookie of this workshop.


def _invited(request, workshop: Workshop) -> bool:
    key = request.GET.get(INVITE_PARAM) or request.POST.get(INVITE_PARAM) or ""
    return constant_time_compare(key, workshop.invite_key)


def _visible(request, workshop: Workshop | None) -> bool:
    return workshop is not None and (not workshop.is_invite_only or _invited(request, workshop))


def _lookup_ip(request) -> str:
    return client_ip(request) or "unknown"


def _too_many_lookups(request) -> HttpResponse:
    return render(
        request,
        "workshops/participate_index.html",
        {
            "workshops": selectors.open_public_workshops()[:20],
            "error": _(
                "Zu viele erfolglose Versuche mit Teilnahme-Codes von Ihrem Anschluss. "
                "Bitte warten Sie zehn Minuten und versuchen Sie es dann erneut."
            ),
            "code": "",
        },
        status=STATUS_TOO_MANY,
    )


class LookupRefused(Exception):
    """Too many failed code lookups from this address (→ 429)."""


def _guard(request, workshop: Workshop | None) -> Workshop:
    """The workshop for a visitor without participant cookie – or 429/404 (counted)."""
    who = _lookup_ip(request)
    if ratelimit.exceeded("workshops.lookup", who):
        raise LookupRefused
    if not _visible(request, workshop):
        ratelimit.hit("workshops.lookup", who)
        raise Http404
    return workshop


def _workshop_by_code(request, code: str) -> Workshop:
    """The workshop of a page anyone may open (join form, privacy notice)."""
    workshop = one_or_none(
        Workshop.objects.select_related("municipality").filter(code=code.lower())
    )
    if workshop is not None and identity.participant_for(request, workshop) is not None:
        return workshop  # joined on this device: no key needed any more
    return _guard(request, workshop)


def refuse_lookups(view):
    """Turn ``LookupRefused`` into the German 429 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LookupRefused:
            return _too_many_lookups(request)

    return wrapper


def _themes(workshop):
    if workshop.themes.exists():
        return workshop.themes.all()
    return municipality_themes(workshop.municipality)


def _board_context(request, workshop, participant, phase=None):
    """What the live region shows: phase, rules, cards with points, my points."""
    phase_list = selectors.phases(workshop) if phase is None else None
    phase = phase or selectors.current_phase(workshop, phase_list)
    cards = selectors.visible_cards_at(phase, workshop) if phase else []
    plain = identity.plain_language(request)
    can_vote = bool(phase and request_has_perm("workshops.vote_card", participant, phase))
    return {
        "workshop": workshop,
        "participant": participant,
        "phase": phase,
        "phases": phase_list,
        "cards": cards,
        "my_votes": selectors.my_votes(participant, phase) if phase and participant else {},
        "points_left": selectors.points_left(participant, phase) if phase and participant else 0,
        "can_vote": can_vote,
        "can_write": bool(phase and request_has_perm("workshops.write_card", participant, phase)),
        "plain": plain,
        "live_tag": live.tag(workshop, "t", participant.pk if participant else 0, int(plain)),
        "live_url": reverse("participate:live", kwargs={"code": workshop.code}),
        # Base of the per-card URLs (…/karten/<id>/punkt/): one reverse() instead of four a card.
        "cards_url": reverse("participate:card_create", kwargs={"code": workshop.code}),
        # "Wie geht es weiter?": the follow-up shows the project sketches instead of cards.
        "sketches": list(workshop.sketches.all())
        if phase is not None and phase.kind == "follow_up"
        else [],
    }


def request_has_perm(rule: str, participant, phase) -> bool:
    return rules.test_rule(rule, participant, phase)


def _write_tag(workshop, context) -> str:
    phase = context["phase"]
    return "-".join(
        str(x)
        for x in (
            "w",
            phase.pk if phase else 0,
            phase.state if phase else "",
            int(context["can_write"]),
            int(context["plain"]),
        )
    )


@require_http_methods(["GET", "POST"])
def index(request):
    """Start page: enter a code, or pick one of the public workshops."""
    code = (request.POST.get("code") or request.GET.get("code") or "").strip().lower()
    error = None
    if code:
        if ratelimit.exceeded("workshops.lookup", _lookup_ip(request)):
            return _too_many_lookups(request)
        workshop = one_or_none(Workshop.objects.filter(code=code))
        if workshop is not None and not workshop.is_invite_only:
            return redirect("participate:entry", code=code)
        # Invite-only workshops are not found by their code alone (no oracle for guessing).
        ratelimit.hit("workshops.lookup", _lookup_ip(request))
        error = _(
            "Zu diesem Code gibt es keine Zukunftswerkstatt. Bitte prüfen Sie die Eingabe. "
            "Bei Werkstätten nur mit Einladung öffnen Sie bitte den Link oder QR-Code aus "
            "der Einladung."
        )
    return render(
        request,
        "workshops/participate_index.html",
        {
            "workshops": selectors.open_public_workshops()[:20],
            "error": error,
            "code": code,
            # open participation projects (surveys …), contributed by zwk.participation
            "sections": hooks.slot(hooks.PARTICIPATE_SECTIONS).render(request),
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@refuse_lookups
@retry_when_busy
def entry(request, code):
    workshop = one_or_none(
        Workshop.objects.select_related("municipality").filter(code=code.lower())
    )
    participant = identity.participant_for(request, workshop) if workshop else None
    if participant is None:
        return _join(request, _guard(request, workshop))
    if request.method == "POST":
        # Already joined on this device: no second participant.
        return redirect("participate:entry", code=workshop.code)
    return _render_board(request, workshop, participant)


def _render_board(request, workshop, participant, *, card_form=None, status=200):
    context = _board_context(request, workshop, participant)
    phase = context["phase"]
    if card_form is None and context["can_write"]:
        card_form = CardForm(phase=phase, themes=_themes(workshop))
    context.update(
        card_form=card_form,
        # To note down: "Meine Daten" on another device (participant_data.py).
        participant_code=participant_data.participant_code(participant),
        write_tag=_write_tag(workshop, context),
        live_stream_url=reverse("participate:stream", kwargs={"code": workshop.code})
        if live.redis_url()
        else "",
    )
    return render(request, "workshops/participate.html", context, status=status)


def _join(request, workshop):
    plain = identity.plain_language(request)
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        # Not rate-limited: reaching this form took the code (failed lookups are limited).
        if form.is_valid():
            try:
                participant = services.participant_join(
                    workshop=workshop,
                    pseudonym=form.cleaned_data["pseudonym"],
                    consent=form.cleaned_data["consent"],
                    age_group=form.cleaned_data["age_group"],
                    district=form.cleaned_data["district"],
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                response = redirect("participate:entry", code=workshop.code)
                identity.remember(response, participant)
                return response
        status = 400
    return render(
        request,
        "workshops/participate_join.html",
        {"workshop": workshop, "form": form, "plain": plain, **_invite_context(workshop)},
        status=status,
    )


def _invite_context(workshop) -> dict:
    """Links of the join page keep the invitation key (privacy notice, plain language)."""
    if not workshop.is_invite_only:
        return {"invite_key": "", "invite_query": ""}
    return {
        "invite_key": workshop.invite_key,
        "invite_query": f"?{INVITE_PARAM}={workshop.invite_key}",
    }


@require_GET
@refuse_lookups
def privacy(request, code):
    workshop = _workshop_by_code(request, code)
    return render(
        request,
        "workshops/participate_privacy.html",
        {
            "workshop": workshop,
            "version": PRIVACY_NOTICE_VERSION,
            "plain": identity.plain_language(request),
            **_invite_context(workshop),
        },
    )


def _participant_or_403(request, code):
    workshop, participant = identity.participant_by_code(request, code)
    if participant is None:
        refuse_without_participant(request, code)
    return workshop, participant


def refuse_without_participant(request, code):
    """No participant cookie: 403 for a public workshop; 404 like an unknown code else."""
    workshop = one_or_none(Workshop.objects.filter(code=code.lower()))
    if workshop is None or workshop.is_invite_only:
        ratelimit.hit("workshops.lookup", _lookup_ip(request))
        raise Http404
    raise PermissionDenied(_("Bitte treten Sie der Werkstatt zuerst bei."))


@require_POST
@retry_when_busy
def card_create(request, code):
    workshop, participant = _participant_or_403(request, code)
    workshop = Workshop.objects.select_related("municipality").get(pk=workshop.pk)
    phase = selectors.current_phase(workshop)
    form = CardForm(request.POST, request.FILES, phase=phase, themes=_themes(workshop))
    status = 400
    if not ratelimit.hit("workshops.card", participant.pk):
        form.is_valid()
        form.add_error(None, _("Sie schreiben sehr schnell. Bitte warten Sie eine Minute."))
        status = STATUS_TOO_MANY
    elif form.is_valid():
        try:
            services.card_create(
                participant=participant,
                phase=phase,
                text=form.cleaned_data["text"],
                theme=form.cleaned_data.get("theme"),
                photo=form.cleaned_data.get("photo"),
                who=form.cleaned_data.get("who", ""),
                by_when=form.cleaned_data.get("by_when", ""),
                first_step=form.cleaned_data.get("first_step", ""),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Danke! Ihre Karte ist jetzt für alle sichtbar."))
            return redirect(
                reverse("participate:entry", kwargs={"code": workshop.code}) + "#karten"
            )
    return _render_board(request, workshop, participant, card_form=form, status=status)


def _vote(request, code, card, *, withdraw: bool):
    workshop, participant = _participant_or_403(request, code)
    card_obj = get_object_or_404(Card.objects.select_related("phase"), pk=card, workshop=workshop)
    error, status = None, 200
    if not ratelimit.hit("workshops.vote", participant.pk):
        error, status = _("Zu viele Klicks in kurzer Zeit. Bitte warten Sie einen Moment."), 429
    else:
        try:
            if withdraw:
                voting.vote_withdraw(participant=participant, card=card_obj, card_is_fresh=True)
            else:
                voting.vote_cast(participant=participant, card=card_obj, card_is_fresh=True)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        except IntegrityError:
            # The card's author deleted it ("Meine Daten") while this point was on its way:
            # the foreign key refuses the vote at the commit; nothing was stored.
            error, status = _("Diese Karte gibt es nicht mehr."), 400
    if request.htmx:
        # The service's bump set ``workshop.version``; after a vote the card's phase is the
        # running one (only one runs at a time) – no need to read the phases again.
        context = _board_context(
            request, workshop, participant, phase=None if error else card_obj.phase
        )
        context["error"] = error
        context["announce"] = None if error else _("Ihre Punkte wurden gespeichert.")
        html = render_to_string("workshops/_participate_live.html", context, request=request)
        return live.respond(html, context["live_tag"], status=status)
    if error:
        # Without JavaScript: the board again, with the reason, as a 400 (or 429).
        messages.error(request, error)
        return _render_board(request, workshop, participant, status=status)
    messages.success(request, _("Ihre Punkte wurden gespeichert."))
    return redirect(
        reverse("participate:entry", kwargs={"code": workshop.code}) + f"#karte-{card_obj.pk}"
    )


@require_POST
@retry_when_busy
def vote(request, code, card):
    return _vote(request, code, card, withdraw=False)


@require_POST
@retry_when_busy
def unvote(request, code, card):
    return _vote(request, code, card, withdraw=True)


@require_GET
def live_region(request, code):
    """Polled every few seconds by every phone: 204 unless something changed."""
    workshop, participant = _participant_or_403(request, code)
    plain = identity.plain_language(request)
    part = request.GET.get("teil", "karten")
    if part == "karten":
        live_tag = live.tag(workshop, "t", participant.pk, int(plain))
        if response := live.unchanged(request, live_tag):
            return response
    context = _board_context(request, workshop, participant)
    if part == "schreiben":
        write_tag = _write_tag(workshop, context)
        if request.GET.get("v") == write_tag:
            return HttpResponse(status=204)
        if context["can_write"]:
            context["card_form"] = CardForm(phase=context["phase"], themes=_themes(workshop))
        context["write_tag"] = write_tag
        html = render_to_string("workshops/_participate_write.html", context, request=request)
        return live.respond(html, write_tag)
    html = render_to_string("workshops/_participate_live.html", context, request=request)
    return live.respond(html, context["live_tag"])


@require_POST
@refuse_lookups
def plain_language(request, code):
    workshop = _workshop_by_code(request, code)
    on = request.POST.get("an") == "1"
    response = redirect(workshop.get_participant_url())  # with the key, if invite-only
    identity.set_plain_language(response, on)
    return response


@require_GET
def card_photo(request, code, card):
    workshop, _participant = _participant_or_403(request, code)
    card_obj = get_object_or_404(
        Card, pk=card, workshop=workshop, hidden_at__isnull=True, merged_into__isnull=True
    )
    return photo_response(card_obj)
