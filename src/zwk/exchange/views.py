"""Views of the Austausch (online formats and events). Thin: permission, form, service, response.

Events a user may not see (drafts) answer 404 – their existence is not revealed. The personal
registration page works without login through a signed link (``services.registration_token``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.accounts.decorators import audited_export
from zwk.core import ratelimit
from zwk.core.net import client_ip
from zwk.core.uploads import attachment_response
from zwk.core.views import add_form_errors, confirm_view
from zwk.exchange import exports, ical, selectors, services
from zwk.exchange.forms import CancelEventForm, DocumentationForm, EventForm, RegistrationForm
from zwk.exchange.models import Event, EventType

PAGE_SIZE = 12


def _event_for(request, pk: int, perm: str = "exchange.view_event") -> Event:
    event = selectors.event_detail(pk)
    if event is None or not request.user.has_perm("exchange.view_event", event):
        raise Http404
    if perm != "exchange.view_event" and not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


# --- lists and feeds --------------------------------------------------------------------


@require_GET
def event_list(request):
    period = "past" if request.GET.get("zeit") == "vergangen" else "upcoming"
    event_type = request.GET.get("format", "")
    event_type = event_type if event_type in EventType.values else ""
    theme = request.GET.get("thema", "")[:120]
    events = selectors.event_list(
        user=request.user, period=period, event_type=event_type, theme=theme
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("seite"))
    params = [("zeit", "vergangen")] if period == "past" else []
    params += [(k, v) for k, v in (("format", event_type), ("thema", theme)) if v]
    return render(
        request,
        "exchange/list.html",
        {
            "page": page,
            "events": page.object_list,
            "period": period,
            "event_type": event_type,
            "theme": theme,
            "types": EventType.choices,
            "themes": selectors.filter_themes(),
            "query": urlencode(params),
            "filtered": bool(event_type or theme),
            "can_add": request.user.has_perm("exchange.add_event"),
        },
    )


def _ics_response(content: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def calendar_feed(request):
    """Subscribable calendar of the public events (webcal/https)."""
    content = ical.feed_calendar(
        selectors.calendar_events(), name=_("Zukunftswerkstatt Kommunen – Veranstaltungen")
    )
    return _ics_response(content, "zwk-veranstaltungen.ics", attachment=False)


# --- one event --------------------------------------------------------------------------


def _detail_context(request, event, **extra) -> dict:
    user = request.user
    own = selectors.own_registration(event, user)
    can_register = user.has_perm("exchange.register_event", event)
    return {
        "event": event,
        "free_places": event.free_places,
        "own_registration": own,
        "own_registration_url": reverse(
            "exchange:registration", kwargs={"token": services.registration_token(own)}
        )
        if own
        else "",
        "show_link": user.has_perm("exchange.see_online_link", event),
        "registration_open": event.is_published
        and not event.is_cancelled
        and not event.has_started,
        "can_register": can_register and own is None,
        "needs_login": not user.is_authenticated and not event.is_open,
        "form": extra.pop("form", None)
        or (RegistrationForm(user=user, prefix="anmeldung") if can_register else None),
        "can_edit": user.has_perm("exchange.change_event", event),
        "can_cancel": user.has_perm("exchange.cancel_event", event)
        and not event.is_cancelled
        and not event.is_past,
        "can_document": user.has_perm("exchange.document_event", event),
        "can_see_attendees": user.has_perm("exchange.view_attendees", event),
        **extra,
    }


@require_GET
def event_detail(request, pk):
    event = _event_for(request, pk)
    return render(request, "exchange/detail.html", _detail_context(request, event))


@require_POST
def event_register(request, pk):
    event = _event_for(request, pk)
    user = request.user
    if not user.has_perm("exchange.register_event", event):
        if not user.is_authenticated:
            return redirect_to_login(event.get_absolute_url())
        raise PermissionDenied
    form = RegistrationForm(request.POST, user=user, prefix="anmeldung")
    status = 400
    if not user.is_authenticated and not ratelimit.hit("exchange.register", client_ip(request)):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anmeldungen. Bitte "
                "versuchen Sie es in einigen Minuten erneut."
            ),
        )
        status = 429
    elif form.is_valid():
        membership = (
            user.memberships.select_related("municipality").first()
            if user.is_authenticated
            else None
        )
        try:
            registration = services.registration_create(
                event=event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                user=user if user.is_authenticated else None,
                municipality=membership.municipality if membership else None,
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            if registration.is_confirmed:
                messages.success(
                    request,
                    _(
                        "Sie sind angemeldet. Die Bestätigung mit dem Zugangslink ist per E-Mail unterwegs."
                    ),
                )
            else:
                messages.info(
                    request,
                    _(
                        "Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste und "
                        "bekommen eine E-Mail, sobald ein Platz frei wird."
                    ),
                )
            return redirect(
                "exchange:registration", token=services.registration_token(registration)
            )
    event = selectors.event_detail(event.pk)
    return render(
        request, "exchange/detail.html", _detail_context(request, event, form=form), status=status
    )


@require_GET
def event_ics(request, pk):
    event = _event_for(request, pk)
    content = ical.event_calendar(
        event, include_link=request.user.has_perm("exchange.see_online_link", event)
    )
    return _ics_response(content, f"veranstaltung-{event.pk}.ics")


@require_GET
def slides(request, pk):
    event = _event_for(request, pk)
    if not event.slides:
        raise Http404
    return attachment_response(
        event.slides, filename=event.slides_name or "folien", content_type=event.slides_type
    )


# --- organising -------------------------------------------------------------------------


def _editor(request, event=None):
    options = {
        "allow_organiser": request.user.has_perm("exchange.add_event"),
        "cancelled": bool(event and event.is_cancelled),
        "translations": event.translations if event else {},
    }
    if request.method == "POST":
        form = EventForm(request.POST, **options)
    else:
        initial = (
            EventForm.initial_from(event)
            if event
            else {"event_type": EventType.WEBINAR, "capacity": 30, "status": "draft"}
        )
        form = EventForm(initial=initial, **options)
    if request.method == "POST" and form.is_valid():
        data, themes = form.service_data()
        try:
            if event is None:
                event = services.event_create(
                    by=request.user, data=data, themes=themes, request=request
                )
                messages.success(request, _("Die Veranstaltung wurde angelegt."))
            else:
                event = services.event_update(
                    event=event, by=request.user, data=data, themes=themes, request=request
                )
                messages.success(request, _("Die Änderungen wurden gespeichert."))
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            return redirect(event.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "exchange/form.html",
        {"form": form, "event": event, "here": _("Bearbeiten") if event else _("Neu")},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    if not request.user.has_perm("exchange.add_event"):
        raise PermissionDenied
    return _editor(request)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    return _editor(request, _event_for(request, pk, "exchange.change_event"))


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, pk):
    event = _event_for(request, pk, "exchange.cancel_event")
    form = CancelEventForm(request.POST or None, prefix="absage")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.event_cancel(
                    event=event,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Die Veranstaltung ist abgesagt; alle Angemeldeten werden informiert."),
                )
                return redirect(event.get_absolute_url())
    return render(
        request,
        "exchange/cancel_event.html",
        {"event": event, "form": form, "here": _("Absagen")},
        status=status,
    )


@login_required
@require_GET
def attendees(request, pk):
    event = _event_for(request, pk, "exchange.view_attendees")
    registrations = list(selectors.attendees(event))
    return render(
        request,
        "exchange/attendees.html",
        {
            "event": event,
            "confirmed": [r for r in registrations if r.is_confirmed],
            "waiting": [r for r in registrations if r.is_waiting],
            "here": _("Teilnahmeliste"),
        },
    )


@login_required
@require_GET
@audited_export
def attendees_export(request, pk, fmt):
    event = _event_for(request, pk, "exchange.view_attendees")
    headers, rows = exports.attendance_table(selectors.attendees(event))
    filename = f"teilnahmeliste-{event.pk}"
    if fmt == "xlsx":
        return exports.xlsx_response(filename, _("Teilnahmeliste"), headers, rows)
    return exports.csv_response(filename, headers, rows)


@login_required
@require_http_methods(["GET", "POST"])
def documentation(request, pk):
    event = _event_for(request, pk, "exchange.document_event")
    if request.method == "POST":
        form = DocumentationForm(request.POST, request.FILES, prefix="doku")
        if form.is_valid():
            try:
                services.event_document(
                    event=event,
                    by=request.user,
                    summary=form.cleaned_data["summary"],
                    recording_url=form.cleaned_data["recording_url"],
                    slides=form.cleaned_data["slides"],
                    remove_slides=form.cleaned_data["remove_slides"],
                    request=request,
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Die Dokumentation wurde gespeichert."))
                return redirect(event.get_absolute_url() + "#dokumentation")
        status = 400
    else:
        form = DocumentationForm(
            initial={"summary": event.summary, "recording_url": event.recording_url},
            prefix="doku",
        )
        status = 200
    return render(
        request,
        "exchange/documentation.html",
        {"event": event, "form": form, "here": _("Dokumentation")},
        status=status,
    )


# --- personal registration page (signed link, no login) ---------------------------------


def _registration_for(token: str):
    registration = services.registration_from_token(token)
    if registration is None:
        raise Http404(_("Dieser Link ist ungültig oder nicht mehr gültig."))
    return registration


@require_GET
def registration(request, token):
    registration = _registration_for(token)
    event = registration.event
    return render(
        request,
        "exchange/registration.html",
        {
            "registration": registration,
            "event": event,
            "token": token,
            "position": selectors.waiting_position(registration),
            "show_link": registration.is_confirmed
            and not event.is_cancelled
            and bool(event.online_link),
            "can_cancel": registration.is_active and not event.is_past,
            "here": _("Ihre Anmeldung"),
        },
    )


@require_GET
def registration_ics(request, token):
    registration = _registration_for(token)
    content = ical.event_calendar(
        registration.event,
        include_link=registration.is_confirmed and not registration.event.is_cancelled,
    )
    return _ics_response(content, f"veranstaltung-{registration.event_id}.ics")


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    registration = _registration_for(token)
    event = registration.event
    back = reverse("exchange:registration", kwargs={"token": token})
    if not registration.is_active:
        messages.info(request, _("Diese Anmeldung ist bereits storniert."))
        return redirect(back)
    return confirm_view(
        request,
        title=_("Anmeldung stornieren"),
        question=_(
            "Möchten Sie Ihre Anmeldung zu „%(title)s“ wirklich stornieren? Ihr Platz geht an "
            "die nächste Person auf der Warteliste."
        )
        % {"title": event.title},
        confirm_label=_("Ja, Anmeldung stornieren"),
        cancel_url=back,
        action=lambda: services.registration_cancel(
            registration=registration, by=request.user, request=request
        ),
        message=_("Ihre Anmeldung ist storniert. Sie bekommen eine Bestätigung per E-Mail."),
        done=back,
    )
