from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.announcements.models import Announcement, Audience
from zwk.core import hooks
from zwk.municipalities.models import Municipality, Theme
from zwk.municipalities.process import STEPS
from zwk.municipalities.validators import LAND_CHOICES

LIST_LIMIT = 200  # more Kommunen: the form lists only the chosen ones


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
        self._only_chosen_when_many()

    def _only_chosen_when_many(self) -> None:
        """With more than ``LIST_LIMIT`` Kommunen the form lists only the chosen ones (not
        11,000 checkboxes); more are found on the office's search page (issue 19,
        ``office:recipients``). Validation still accepts every Kommune."""
        if Municipality.objects.count() <= LIST_LIMIT:
            return
        chosen = (
            self.data.getlist("municipalities")
            if self.is_bound and hasattr(self.data, "getlist")
            else self.initial.get("municipalities") or []
        )
        ids = [int(v) for v in chosen if str(v).isdigit()][:LIST_LIMIT]
        field = self.fields["municipalities"]
        field.widget.choices = list(
            Municipality.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name")
        )
        field.help_text = _(
            "Nur bei „einzeln ausgewählte Kommunen“. Es gibt zu viele Kommunen für eine Liste: "
            "Speichern Sie den Entwurf und wählen Sie die Kommunen dann unter „Kommunen suchen "
            "und auswählen“ (nach Name, AGS, Land und Förderrunde)."
        )

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
