"""Redacting personal data in a card (moderation): a part or the whole text becomes
"[entfernt]", audited with the reason; the removed text is kept nowhere
(``participant_data.card_redact``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from zwk.core.views import add_form_errors
from zwk.workshops import participant_data
from zwk.workshops.models import CARD_MAX_LENGTH, Card
from zwk.workshops.personal_data_scan import findings
from zwk.workshops.views.common import back_to_console, team_workshop


class RedactForm(forms.Form):
    part = forms.CharField(
        label=_lazy("Zu entfernender Teil"),
        required=False,
        max_length=CARD_MAX_LENGTH,
        help_text=_lazy(
            "Genau so, wie er in der Karte steht (z. B. „Ottilie Zwergstein, Lindenweg 3“); "
            "jedes Vorkommen wird ersetzt. Leer lassen: der ganze Text wird entfernt."
        ),
    )
    remove_photo = forms.BooleanField(
        label=_lazy("Foto der Karte ebenfalls löschen"), required=False
    )
    reason = forms.CharField(
        label=_lazy("Grund"),
        max_length=200,
        help_text=_lazy("Wird im Protokoll vermerkt, z. B. „Name und Adresse einer Anwohnerin“."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def card_redact(request, slug, pk, card):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    card_obj = get_object_or_404(Card.objects.select_related("phase"), pk=card, workshop=workshop)
    hits = [
        f for name in participant_data.CARD_TEXT_FIELDS for f in findings(getattr(card_obj, name))
    ]
    initial = {"part": hits[0].match} if len(hits) == 1 else {}
    form = RedactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            participant_data.card_redact(
                card=card_obj,
                by=request.user,
                part=form.cleaned_data["part"],
                reason=form.cleaned_data["reason"],
                remove_photo=form.cleaned_data["remove_photo"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Angaben wurden aus der Karte entfernt."))
            return back_to_console(workshop, card_obj.phase, f"karte-{card_obj.pk}")
    return render(
        request,
        "workshops/card_redact.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "card": card_obj,
            "findings": hits,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
