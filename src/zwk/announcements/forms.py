from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.announcements.models import Announcement, Audience
from zwk.core import hooks
from zwk.municipalities.models import Municipality, Theme
from zwk.municipalities.process import STEPS
from zwk.municipalities.validators import LAND_CHOICES


class AnnouncementForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Reiner Text; Absätze bleiben erhalten. Geht so per E-Mail hinaus."),
    )
    audience = forms.ChoiceField(
        label=_("Empfänger"),
        choices=Audience.choices,
        initial=Audience.ALL,
        widget=forms.RadioSelect,
    )
    lands = forms.MultipleChoiceField(
        label=_("Land"),
        choices=LAND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nur bei „Kommunen nach Merkmalen“. Alle gewählten Merkmale müssen zutreffen."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Art der Kommune"),
        choices=Municipality.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    steps = forms.MultipleChoiceField(
        label=_("Aktueller Schritt"),
        choices=[(s.kind, s.title) for s in STEPS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Handlungsfeld"),
        queryset=Theme.objects.filter(municipality__isnull=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rounds = forms.MultipleChoiceField(
        label=_("Förderrunde"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Ausgewählte Kommunen"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nur bei „einzeln ausgewählte Kommunen“."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            self.fields["rounds"].choices = hooks.service(hooks.FUNDING_ROUNDS).choices()
        except LookupError:  # without zwk.registration there are no rounds
            del self.fields["rounds"]

    @classmethod
    def for_announcement(cls, announcement: Announcement, data=None) -> AnnouncementForm:
        c = announcement.criteria or {}
        initial = {
            "subject": announcement.subject,
            "body": announcement.body,
            "audience": announcement.audience,
            **{key: c.get(key, []) for key in ("lands", "kinds", "steps", "themes", "rounds")},
            "municipalities": c.get("municipalities", []),
        }
        return cls(data, initial=initial)

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "subject": d["subject"],
            "body": d["body"],
            "audience": d["audience"],
            "criteria": {
                "lands": d["lands"],
                "kinds": d["kinds"],
                "steps": d["steps"],
                "themes": [t.pk for t in d["themes"]],
                "rounds": d.get("rounds") or [],
                "municipalities": [m.pk for m in d["municipalities"]],
            },
        }
