"""Forms of the Zukunftswerkstatt. Every form on a page with several forms has a prefix."""

from __future__ import annotations

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwk.accounts.models import User
from zwk.core import languages
from zwk.core.content_language import TranslationsFormMixin
from zwk.municipalities.models import Theme
from zwk.workshops.models import (
    CARD_MAX_LENGTH,
    Card,
    Cluster,
    Participant,
    Sketch,
    Workshop,
    unique_code,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def municipality_themes(municipality):
    return Theme.objects.filter(
        Q(municipalities=municipality) | Q(municipality=municipality)
    ).distinct()


def municipality_people(municipality):
    return (
        User.objects.filter(
            Q(memberships__municipality=municipality)
            | Q(
                consultant_assignments__municipality=municipality,
                consultant_assignments__active=True,
            )
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


CUSTOM_CODE_MIN_LENGTH = 8


def is_hard_to_guess(code: str) -> bool:
    """A code chosen by the team opens the workshop to whoever types it (public workshops), so
    it must not be a guessable word: two of eleven plain words ("zukunft", "beirat" …) were
    found by trying. At least 8 characters, at least 2 letters and 2 digits, and letters and
    digits mixed – "beirat2024" (a word and a year) is refused, "wald7see3" is fine. Codes
    that ZWK generates (6 characters from 31, ~30 bits) are not chosen by anyone and need no
    check."""
    letters = sum(c.isalpha() for c in code)
    digits = sum(c.isdigit() for c in code)
    runs = re.findall(r"[a-z]+|[0-9]+", code)
    return len(code) >= CUSTOM_CODE_MIN_LENGTH and letters >= 2 and digits >= 2 and len(runs) >= 3


class WorkshopForm(TranslationsFormMixin, forms.ModelForm):
    translated_fields = {"title": "title", "question": "question"}

    online_url = forms.URLField(
        label=_("Online-Raum"),
        required=False,
        assume_scheme="https",
        help_text=_("Link zur Videokonferenz, falls hybrid/online."),
    )

    class Meta:
        model = Workshop
        fields = [
            "title",
            "question",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "access",
            "code",
            "themes",
            "moderators",
            "vote_budget",
            "max_points_per_card",
            "retention_days",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "access": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "moderators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, suggested_themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        suggested = [t.pk for t in suggested_themes]
        self.fields["themes"].queryset = (
            Theme.objects.filter(
                Q(pk__in=municipality_themes(municipality).values("pk")) | Q(pk__in=suggested)
            )
            .distinct()
            .order_by("order", "name")
        )
        if suggested:
            self.fields["themes"].help_text = _(
                "Vorgeschlagen aus der Situationsanalyse (Handlungsfeld-Kandidaten): %(names)s."
            ) % {"names": ", ".join(t.name for t in suggested_themes)}
        self.fields["moderators"].queryset = municipality_people(municipality)
        self.fields["moderators"].help_text = _(
            "Koordination, zugeordnete Beratung und Geschäftsstelle moderieren immer."
        )
        self.fields["access"].widget = forms.Select(choices=Workshop.Access.choices)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip().lower()
        if not code:
            # Empty: keep the current code, or give a new workshop a fresh random one.
            code = self.instance.code or unique_code()
        elif code != self.instance.code and not is_hard_to_guess(code):
            raise forms.ValidationError(
                _(
                    "Dieser Code ist zu leicht zu erraten. Ein eigener Code braucht mindestens "
                    "%(n)d Zeichen mit Buchstaben und Ziffern gemischt, z. B. „wald7see3“ – "
                    "nicht nur ein Wort mit einer Zahl davor oder dahinter. Oder lassen Sie das "
                    "Feld leer: Dann erzeugt ZWK einen sicheren Code."
                )
                % {"n": CUSTOM_CODE_MIN_LENGTH},
                code="guessable",
            )
        return code

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Bitte geben Sie einen Ort oder einen Online-Raum an."))
        budget, per_card = data.get("vote_budget"), data.get("max_points_per_card")
        if budget and per_card and per_card > budget:
            self.add_error(
                "max_points_per_card",
                _("Es können nicht mehr Punkte je Karte sein als Punkte insgesamt."),
            )
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            # At the field, in plain words – not the database constraint's name.
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        return data


class PhaseMinutesForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minuten"), min_value=1, max_value=600)


class JoinForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Wie sollen wir Sie nennen?"),
        max_length=40,
        help_text=_("Ein Vorname oder Spitzname genügt. Andere sehen ihn nicht."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    age_group = forms.ChoiceField(
        label=_("Altersgruppe (freiwillig)"),
        required=False,
        choices=[("", _("keine Angabe")), *Participant.AgeGroup.choices],
        help_text=_("Hilft uns zu sehen, ob alle Generationen dabei sind."),
    )
    district = forms.CharField(label=_("Ortsteil (freiwillig)"), max_length=80, required=False)
    consent = forms.BooleanField(
        label=_("Ich habe den Datenschutzhinweis gelesen und bin einverstanden."),
        required=True,
        error_messages={
            "required": _(
                "Bitte stimmen Sie dem Datenschutzhinweis zu, damit Sie mitmachen können."
            )
        },
    )


class CardForm(forms.Form):
    text = forms.CharField(
        label=_("Ihre Karte"),
        max_length=CARD_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": CARD_MAX_LENGTH}),
        help_text=_("Höchstens %(n)d Zeichen, eine Idee pro Karte.") % {"n": CARD_MAX_LENGTH},
    )
    theme = forms.ModelChoiceField(
        label=_("Handlungsfeld (freiwillig)"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("– keins –"),
    )
    who = forms.CharField(label=_("Wer macht mit?"), max_length=200, required=False)
    by_when = forms.CharField(label=_("Bis wann?"), max_length=100, required=False)
    first_step = forms.CharField(label=_("Erster Schritt"), max_length=280, required=False)
    photo = forms.ImageField(
        label=_("Foto (freiwillig)"),
        required=False,
        help_text=_("JPEG oder PNG. Bitte keine erkennbaren Personen."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def __init__(self, *args, phase, themes, **kwargs):
        kwargs.setdefault("prefix", "karte")
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
        if not themes.exists():
            del self.fields["theme"]
        if "who" not in phase.type.card_fields:
            for name in ("who", "by_when", "first_step"):
                del self.fields[name]


class PaperCardForm(CardForm):
    def __init__(self, *args, phase, themes, **kwargs):
        kwargs.setdefault("prefix", "papier")
        super().__init__(*args, phase=phase, themes=themes, **kwargs)
        self.fields["text"].label = _("Text der Papierkarte")
        self.fields["photo"].label = _("Foto der Karte (freiwillig)")


class CardEditForm(forms.ModelForm):
    class Meta:
        model = Card
        fields = [
            "text",
            "theme",
            "who",
            "by_when",
            "first_step",
            "moderator_translation",
            "moderator_translation_language",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3, "maxlength": CARD_MAX_LENGTH}),
            "moderator_translation": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
        # Issue 18: the moderation may add one translation, shown next to the card's text.
        self.fields["moderator_translation"].help_text = _(
            "Freiwillig. Steht neben dem Original und ist als Übersetzung der Moderation "
            "gekennzeichnet. Leer lassen entfernt sie."
        )
        self.fields["moderator_translation_language"] = forms.ChoiceField(
            label=_("Sprache der Übersetzung"),
            choices=[(language.code, language.name) for language in languages.available()],
            initial=self.instance.moderator_translation_language or "de",
        )
        if "who" not in self.instance.phase.type.card_fields:
            for name in ("who", "by_when", "first_step"):
                del self.fields[name]


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund"),
        max_length=200,
        help_text=_("z. B. „beleidigend“, „persönliche Daten“, „doppelt“. Steht im Protokoll."),
    )


class BlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund (nur für die Moderation)"), max_length=200, required=False
    )


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Doppelte Karte"), queryset=Card.objects.none())
    target = forms.ModelChoiceField(label=_("zusammenführen mit"), queryset=Card.objects.none())

    def __init__(self, *args, cards, **kwargs):
        kwargs.setdefault("prefix", "zusammen")
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = cards
        self.fields["target"].queryset = cards

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("target"):
            raise forms.ValidationError(_("Bitte wählen Sie zwei verschiedene Karten."))
        return data


class ClusterForm(forms.Form):
    title = forms.CharField(label=_("Titel des neuen Clusters"), max_length=120)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "cluster")
        super().__init__(*args, **kwargs)


class CardClusterForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.none(),
        required=False,
        empty_label=_("– ohne –"),
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters


class SketchForm(forms.ModelForm):
    class Meta:
        model = Sketch
        fields = [
            "title",
            "cluster",
            "theme",
            "goal",
            "first_steps",
            "who_needed",
            "resources",
            "sponsor",
            "for_plan",
        ]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "first_steps": forms.Textarea(attrs={"rows": 3}),
            "who_needed": forms.Textarea(attrs={"rows": 2}),
            "resources": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = workshop.clusters.all()
        self.fields["theme"].queryset = municipality_themes(workshop.municipality)


class PhotoForm(forms.Form):
    image = forms.ImageField(
        label=_("Foto"),
        help_text=_(
            "JPEG oder PNG, z. B. Pinnwände und Flipcharts. Personen nur mit Einverständnis."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    caption = forms.CharField(label=_("Bildunterschrift"), max_length=200)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "foto")
        super().__init__(*args, **kwargs)
