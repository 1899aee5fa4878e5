from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _lazy

from zwk.consultation.models import BODY_MAX_LENGTH, PSEUDONYM_MAX_LENGTH, Consultation
from zwk.participation.models import AgeGroup

CONSENT_LABEL = _lazy(
    "Ich habe den Datenschutzhinweis gelesen und bin einverstanden, dass mein Kommentar mit "
    "meinem Namen oder Spitznamen öffentlich gezeigt und für den Werkstattplan ausgewertet wird."
)


class CommentForm(forms.Form):
    """A public comment on one section, or a reply (``parent``). Without ``identity`` it asks
    for pseudonym, age group, Ortsteil and consent; with it (given earlier on this device)
    only for the text. Lengths are checked by the service (one message, in German)."""

    section = forms.CharField(widget=forms.HiddenInput, required=False)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label=_lazy("Ihr Kommentar"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": BODY_MAX_LENGTH}),
        help_text=_lazy("Höchstens 2.000 Zeichen. Bitte sachlich und ohne Namen anderer."),
    )
    pseudonym = forms.CharField(
        label=_lazy("Name oder Spitzname (wird angezeigt)"),
        required=False,
        widget=forms.TextInput(
            attrs={"maxlength": PSEUDONYM_MAX_LENGTH, "autocomplete": "nickname"}
        ),
    )
    age_group = forms.ChoiceField(
        label=_lazy("Altersgruppe (freiwillig)"),
        choices=[("", "–"), *list(AgeGroup.choices)],
        required=False,
    )
    district = forms.CharField(
        label=_lazy("Ortsteil (freiwillig)"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 80}),
    )
    consent = forms.BooleanField(label=CONSENT_LABEL, required=False)

    IDENTITY = ("pseudonym", "age_group", "district", "consent")

    def __init__(self, *args, identity: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.identity = identity
        if identity:
            for name in self.IDENTITY:
                del self.fields[name]


class OpenForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["starts_on", "ends_on", "intro"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "intro": forms.Textarea(attrs={"rows": 4}),
        }


class CloseForm(forms.Form):
    key_points = forms.CharField(
        label=_lazy("Wichtigste Punkte der Diskussion"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        max_length=4000,
        required=False,
        help_text=_lazy(
            "Was haben die Bürgerinnen und Bürger vor allem gesagt, was übernimmt das Team in den "
            "Plan? Steht mit den Zahlen in der Fassungsübersicht und im Bericht für den Gemeinderat."
        ),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_lazy("Antwort des Teams (öffentlich)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": BODY_MAX_LENGTH}),
        help_text=_lazy("Leer speichern entfernt die Antwort."),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_lazy("Grund zum Ausblenden (sieht nur das Team)"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )
