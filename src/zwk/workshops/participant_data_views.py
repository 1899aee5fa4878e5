"""Participants' own data: ``/mitmachen/<code>/meine-daten/`` – see, download, delete.

Who is asking comes from the device identity (``identity.py``). On another device, the
Teilnahmecode from the board identifies the participant once and this device is remembered
like the first one. Without either, the page only offers the code form – the same page for
every workshop code, existing or not, so it reveals nothing. Wrong codes count per client
address and workshop code (``workshops.data_code``); downloads per participant
(``workshops.data_export``). All writes are POST with CSRF token.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from zwk.core import ratelimit
from zwk.core.database import retry_when_busy
from zwk.core.net import client_ip
from zwk.core.queries import one_or_none
from zwk.workshops import identity, participant_data
from zwk.workshops.models import Workshop
from zwk.workshops.participant_views import refuse_without_participant

STATUS_TOO_MANY = 429


class CodeForm(forms.Form):
    teilnahmecode = forms.CharField(
        label=_lazy("Ihr Teilnahmecode"),
        max_length=40,
        help_text=_lazy("Steht auf Ihrer Werkstatt-Seite, z. B. „abcd-efgh-jkmn“."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )


def _workshop(code: str) -> Workshop | None:
    return one_or_none(Workshop.objects.select_related("municipality").filter(code=code.lower()))


def _participant(request, code):
    """Workshop and participant of this device – or 403/404 as on the other participant pages."""
    workshop = _workshop(code)
    participant = identity.participant_for(request, workshop) if workshop else None
    if participant is None:
        refuse_without_participant(request, code)
    return workshop, participant


@require_http_methods(["GET", "POST"])
@retry_when_busy
def my_data(request, code):
    workshop = _workshop(code)
    participant = identity.participant_for(request, workshop) if workshop else None
    if participant is not None:
        if request.method == "POST":
            return redirect("participate:my_data", code=workshop.code)
        context = participant_data.contributions(participant)
        context.update(
            workshop=workshop,
            code=participant_data.participant_code(participant),
            plain=identity.plain_language(request),
        )
        return render(request, "workshops/participant_data.html", context)
    return _code_form(request, code, workshop)


def _code_form(request, code, workshop):
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        key = (client_ip(request) or "unknown", code.lower())
        if ratelimit.exceeded("workshops.data_code", *key):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Zu viele falsche Teilnahmecodes von Ihrem Anschluss. Bitte warten Sie "
                    "zehn Minuten und versuchen Sie es dann erneut."
                ),
            )
            status = STATUS_TOO_MANY
        elif form.is_valid():
            participant = (
                participant_data.participant_by_code(workshop, form.cleaned_data["teilnahmecode"])
                if workshop is not None
                else None
            )
            if participant is not None:
                response = redirect("participate:my_data", code=workshop.code)
                identity.remember(response, participant)
                return response
            ratelimit.hit("workshops.data_code", *key)
            form.add_error(
                "teilnahmecode",
                _(
                    "Dieser Teilnahmecode passt nicht oder gilt nicht mehr (zum Beispiel, weil "
                    "die Daten schon gelöscht wurden). Bitte prüfen Sie die Eingabe."
                ),
            )
    return render(
        request,
        "workshops/participant_data_code.html",
        {"form": form, "code": code.lower()},
        status=status,
    )


@require_GET
def my_data_download(request, code, fmt):
    if fmt not in ("json", "csv"):
        raise Http404
    workshop, participant = _participant(request, code)
    if not ratelimit.hit("workshops.data_export", participant.pk):
        messages.error(request, _("Zu viele Downloads in kurzer Zeit. Bitte warten Sie etwas."))
        response = redirect("participate:my_data", code=workshop.code)
        response.status_code = 303
        return response
    filename = f"meine-daten-{workshop.code}"
    if fmt == "csv":
        # The CSV dialect of every other download (zwk.core.exports: BOM, ";", defused).
        response = HttpResponse(
            participant_data.export_csv(participant), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    else:
        response = HttpResponse(
            participant_data.export_json(participant),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@retry_when_busy
def my_data_delete(request, code):
    workshop, participant = _participant(request, code)
    if request.method == "POST":
        erased = participant_data.participant_erase(participant=participant)
        messages.success(
            request,
            _(
                "Ihre Angaben, %(cards)d Karte(n) und %(votes)d Punktvergabe(n) wurden gelöscht. "
                "Ihr Teilnahmecode gilt nicht mehr."
            )
            % {"cards": erased.cards, "votes": erased.votes},
        )
        response = redirect("participate:my_data", code=workshop.code)
        response.delete_cookie(identity.cookie_name(workshop), samesite="Lax")
        return response
    context = participant_data.contributions(participant)
    context.update(workshop=workshop, plain=identity.plain_language(request))
    return render(request, "workshops/participant_data_delete.html", context)
