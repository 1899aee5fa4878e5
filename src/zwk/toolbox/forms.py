"""Forms of the Werkzeugkoffer. Sanitising happens in the services, on every write."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.models import Municipality, Theme
from zwk.municipalities.process import STEP_KIND_CHOICES
from zwk.municipalities.sizes import SizeClass
from zwk.toolbox.models import (
    CostRange,
    Effort,
    EntryType,
    Evidence,
    TargetGroup,
)
from zwk.toolbox.sanitize import check_url, validate_links


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _multi(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


def _themes_field():
    return forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Theme.objects.filter(municipality__isnull=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class _EntryFields(forms.Form):
    """Fields shared by the office's editor and a Kommune's submission."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Kurzbeschreibung"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zwei bis drei Sätze: Worum geht es, wem hilft es?"),
    )
    body = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        max_length=60_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Erlaubt sind einfache HTML-Auszeichnungen: <p>, <h2>–<h4>, <ul>, <ol>, <li>, "
            "<strong>, <em>, <a href>. Alles andere wird beim Speichern entfernt."
        ),
    )
    steps = forms.CharField(
        label=_("Ablauf in Schritten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ein Schritt je Zeile."),
    )
    themes = _themes_field()
    phases = _multi(_("Passende Schritte"), STEP_KIND_CHOICES)
    target_groups = _multi(_("Zielgruppen"), TargetGroup.choices)
    contact = forms.CharField(
        label=_("Kontakt"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    links = forms.CharField(
        label=_("Quellen und Links"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Angabe je Zeile: „Titel | https://…“ oder nur die Adresse."),
    )

    def clean_links(self):
        return validate_links(self.cleaned_data["links"])


class EntryForm(_EntryFields):
    """The office's editor: every field of an entry."""

    entry_type = forms.ChoiceField(label=_("Art"), choices=EntryType.choices)
    duration = forms.CharField(label=_("Dauer"), max_length=200, required=False)
    effort = forms.ChoiceField(
        label=_("Aufwand"), choices=[("", "–"), *Effort.choices], required=False
    )
    group_size = forms.CharField(label=_("Gruppengröße"), max_length=200, required=False)
    cost_range = forms.ChoiceField(
        label=_("Kostenrahmen"), choices=[("", "–"), *CostRange.choices], required=False
    )
    municipality_kinds = _multi(_("Passende Arten von Kommunen"), Municipality.Kind.choices)
    sizes = _multi(_("Passende Größen"), SizeClass.choices)
    demography_types = forms.CharField(
        label=_("Demografietypen"),
        required=False,
        max_length=500,
        help_text=_("Kommagetrennt, z. B. „schrumpfend, ländlich“."),
    )
    licence = forms.CharField(label=_("Lizenz"), max_length=200, required=False)
    last_reviewed = forms.DateField(label=_("Zuletzt geprüft am"), required=False, widget=DateInput)
    media_url = forms.CharField(
        label=_("Aufzeichnung (Video-Adresse)"), required=False, max_length=200
    )
    example_place = forms.CharField(
        label=_("Kommune des Beispiels"), max_length=200, required=False
    )
    period = forms.CharField(label=_("Zeitraum"), max_length=200, required=False)
    results = forms.CharField(
        label=_("Ergebnisse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lessons_learnt = forms.CharField(
        label=_("Lessons learnt"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    transferability = forms.CharField(
        label=_("Übertragbarkeit"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.ChoiceField(
        label=_("Art des Beispiels"),
        choices=[("", "–"), *Evidence.choices],
        required=False,
        help_text=_("Nur für Best-Practice-Beispiele."),
    )
    source = forms.CharField(label=_("Quelle"), max_length=500, required=False)
    comment = forms.CharField(
        label=_("Anlass der Änderung"),
        max_length=300,
        required=False,
        help_text=_("Erscheint in der Versionsgeschichte."),
    )

    field_order = [
        "entry_type", "title", "summary", "body", "steps", "duration", "effort", "group_size",
        "cost_range", "themes", "phases", "target_groups", "municipality_kinds", "sizes",
        "demography_types", "example_place", "period", "results", "lessons_learnt",
        "transferability", "evidence", "source", "media_url", "contact", "links", "licence",
        "last_reviewed", "comment",
    ]  # fmt: skip

    def clean_media_url(self):
        url = self.cleaned_data["media_url"].strip()
        return check_url(url) if url else ""

    def clean_demography_types(self):
        raw = self.cleaned_data["demography_types"]
        return [part.strip() for part in raw.split(",") if part.strip()]

    def clean(self):
        data = super().clean()
        if (
            data.get("entry_type") == EntryType.BEST_PRACTICE
            and data.get("evidence") == Evidence.DOCUMENTED
            and not (data.get("source") or "").strip()
        ):
            self.add_error(
                "source", ValidationError(_("Ein dokumentiertes Beispiel braucht eine Quelle."))
            )
        return data

    @classmethod
    def initial_from(cls, entry) -> dict:
        initial = {name: getattr(entry, name) for name in cls.base_fields if hasattr(entry, name)}
        initial["demography_types"] = ", ".join(entry.demography_types or [])
        initial["themes"] = list(entry.themes.all())
        initial.pop("comment", None)
        return initial

    def service_data(self) -> tuple[dict, list]:
        data = dict(self.cleaned_data)
        themes = data.pop("themes")
        data.pop("comment", None)
        return data, themes


class SubmissionForm(_EntryFields):
    """What a Kommune shares: a best practice or its lessons learnt."""

    period = forms.CharField(
        label=_("Zeitraum"), max_length=200, required=False, help_text=_("z. B. „2025–2026“")
    )
    results = forms.CharField(
        label=_("Ergebnisse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lessons_learnt = forms.CharField(
        label=_("Lessons learnt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Was würden Sie beim nächsten Mal anders machen?"),
    )
    transferability = forms.CharField(
        label=_("Übertragbarkeit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Unter welchen Bedingungen klappt das auch anderswo?"),
    )

    field_order = [
        "title", "summary", "body", "steps", "period", "results", "lessons_learnt",
        "transferability", "themes", "phases", "target_groups", "contact", "links",
    ]  # fmt: skip

    def service_data(self) -> tuple[dict, list]:
        data = dict(self.cleaned_data)
        themes = data.pop("themes")
        return data, themes

    @classmethod
    def initial_from(cls, entry) -> dict:
        initial = {name: getattr(entry, name) for name in cls.base_fields if hasattr(entry, name)}
        initial["themes"] = list(entry.themes.all())
        return initial


class _ForOneOfTheirKommunen:
    """A form with a ``municipality`` field that offers the Kommunen the person acts for
    (``municipalities``); with only one it is hidden and set."""

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=[m.pk for m in municipalities]
        )
        if len(municipalities) == 1:
            self.fields["municipality"].widget = forms.HiddenInput()
            self.fields["municipality"].initial = municipalities[0].pk


class RatingForm(_ForOneOfTheirKommunen, forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Wie bewerten Sie dieses Werkzeug?"),
        choices=[(n, _("%(n)d von 5 Sternen") % {"n": n}) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    helpful = forms.TypedChoiceField(
        label=_("War es hilfreich für Ihre Kommune?"),
        choices=[("ja", _("ja")), ("nein", _("nein")), ("", _("keine Angabe"))],
        coerce=lambda v: {"ja": True, "nein": False}.get(v),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Kommentar (optional)"), max_length=500, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Für Kommune"), queryset=Municipality.objects.none(), empty_label=None
    )


class BookmarkForm(_ForOneOfTheirKommunen, forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Merkliste der Kommune"), queryset=Municipality.objects.none(), empty_label=None
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Hinweis für die Überarbeitung"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Titel des Materials"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, TXT oder CSV."),
    )
