"""Forms of the Vernetzung (German labels and errors; lengths checked here and in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.network.models import MESSAGE_MAX, TEXT_MAX, Report


class ContactForm(forms.Form):
    to = forms.ModelChoiceField(
        label=_("An Kommune"),
        queryset=None,
        to_field_name="slug",
        error_messages={
            "required": _("Bitte wählen Sie eine Kommune."),
            "invalid_choice": _("Bitte wählen Sie eine Kommune aus der Liste."),
        },
    )
    subject = forms.CharField(
        label=_("Betreff"),
        max_length=150,
        error_messages={"required": _("Bitte geben Sie einen Betreff an.")},
    )
    text = forms.CharField(
        label=_("Nachricht"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Nur Text. Die Nachricht geht per E-Mail an die Koordination der Kommune; Ihre "
            "E-Mail-Adresse wird nur mitgeteilt, wenn Sie das unten ankreuzen."
        ),
        error_messages={"required": _("Bitte schreiben Sie eine Nachricht.")},
    )
    share_email = forms.BooleanField(label=_("Meine E-Mail-Adresse mitteilen"), required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = municipalities


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Ihre Antwort"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Bitte schreiben Sie eine Antwort.")},
    )
    share_email = forms.BooleanField(
        label=_("Meine E-Mail-Adresse mitteilen"),
        required=False,
        help_text=_("Dann kann die andere Kommune Ihnen auch direkt schreiben."),
    )


class ThreadForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=150,
        error_messages={"required": _("Bitte geben Sie einen Titel an.")},
    )
    text = forms.CharField(
        label=_("Ihr Beitrag"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Nur Text; Adressen (https://…) werden zu Links."),
        error_messages={"required": _("Bitte schreiben Sie einen Beitrag.")},
    )


class PostForm(forms.Form):
    text = forms.CharField(
        label=_("Ihr Beitrag"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Nur Text; Adressen (https://…) werden zu Links."),
        error_messages={"required": _("Bitte schreiben Sie einen Beitrag.")},
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Grund"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie einen Grund.")},
    )
    note = forms.CharField(
        label=_("Erläuterung"),
        max_length=500,
        required=False,
        help_text=_("Pflicht bei „Sonstiges“."),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund für das Ausblenden"),
        max_length=300,
        help_text=_("Wird allen anstelle des Beitrags angezeigt."),
        error_messages={"required": _("Bitte geben Sie einen Grund an.")},
    )


class LockForm(forms.Form):
    reason = forms.CharField(label=_("Grund der Sperre"), max_length=300, required=False)
