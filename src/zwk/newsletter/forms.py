"""Forms of the newsletter (German labels and errors)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.newsletter.content import consent_text
from zwk.newsletter.models import Issue, Topic


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class TopicsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Topic.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topics = TopicsField(
        label=_("Themen, die Sie interessieren"),
        help_text=_("Wenn Sie nichts auswählen, erhalten Sie alle Ausgaben."),
    )
    consent = forms.BooleanField(
        label=_("Ich willige ein, den Newsletter zu erhalten."),
        error_messages={"required": _("Bitte bestätigen Sie Ihre Einwilligung.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = consent_text()


class PreferencesForm(forms.Form):
    topics = TopicsField(
        label=_("Themen, die Sie interessieren"),
        help_text=_("Wenn Sie nichts auswählen, erhalten Sie alle Ausgaben."),
    )


class IssueForm(forms.ModelForm):
    topics = TopicsField(
        label=_("Themen"),
        help_text=_("Geht an alle, die eines dieser Themen gewählt haben. Leer: an alle."),
    )

    class Meta:
        model = Issue
        fields = ["subject", "body", "topics", "include_toolbox", "include_events"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        error_messages = {
            "subject": {"required": _("Bitte geben Sie einen Betreff an.")},
            "body": {"required": _("Bitte schreiben Sie einen Text.")},
        }


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=_("Versand am (Uhrzeit in Berlin)"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        error_messages={
            "required": _("Bitte geben Sie Datum und Uhrzeit an."),
            "invalid": _("Bitte geben Sie Datum und Uhrzeit an, z. B. 01.12.2026 09:00."),
        },
    )
