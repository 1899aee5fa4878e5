"""Forms of the Beratungspool (German labels and errors; days accept „0,5“)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zwk.consulting.budget import is_half_day_multiple
from zwk.consulting.models import ConsultantProfile, ConsultingRequest, ProfileTag
from zwk.consulting.vocab import LANGUAGE_CHOICES, METHOD_CHOICES
from zwk.municipalities.forms import DateInput
from zwk.municipalities.models import Theme
from zwk.municipalities.validators import LAND_CHOICES

HALF_DAYS = _("Bitte ganze oder halbe Tage angeben, z. B. 1 oder 0,5.")


def _days_field(label, *, required=True, help_text="", minimum="0.5"):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(minimum),
        max_digits=5,
        decimal_places=1,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"max_decimal_places": HALF_DAYS, "invalid": HALF_DAYS},
    )


def preset_themes():
    return Theme.objects.filter(municipality__isnull=True)


class PoolFilterForm(forms.Form):
    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld"), queryset=None, required=False, empty_label=_("alle")
    )
    land = forms.ChoiceField(label=_("Region (Land)"), required=False)
    sprache = forms.ChoiceField(label=_("Sprache"), required=False)
    methode = forms.ChoiceField(label=_("Methode"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlungsfeld"].queryset = preset_themes()
        every = [("", _("alle"))]
        self.fields["land"].choices = every + LAND_CHOICES
        self.fields["sprache"].choices = every + LANGUAGE_CHOICES
        self.fields["methode"].choices = every + METHOD_CHOICES


class ProfileForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    methods = forms.MultipleChoiceField(
        label=_("Methoden"),
        choices=METHOD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Moderation, Datenanalyse und was Sie sonst anbieten."),
    )
    regions = forms.MultipleChoiceField(
        label=_("Regionen (Länder, in denen Sie beraten)"),
        choices=LAND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Sprachen"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    days_per_month = _days_field(
        _("Tage pro Monat"),
        required=False,
        help_text=_("Wie viele Beratungstage Sie im Monat übernehmen können."),
    )
    photo_upload = forms.ImageField(
        label=_("Foto"),
        required=False,
        help_text=_("JPEG oder PNG; wird verkleinert und ohne Metadaten gespeichert."),
    )
    remove_photo = forms.BooleanField(label=_("Foto entfernen"), required=False)

    class Meta:
        model = ConsultantProfile
        fields = [
            "headline",
            "themes",
            "methods",
            "regions",
            "languages",
            "cv",
            "availability_note",
            "available_from",
            "available_until",
            "days_per_month",
            "accepts_requests",
            "photo_upload",
            "remove_photo",
        ]
        widgets = {
            "cv": forms.Textarea(attrs={"rows": 6}),
            "available_from": DateInput(),
            "available_until": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = preset_themes()
        if self.instance.pk:
            for name, kind in self.TAG_FIELDS.items():
                self.initial.setdefault(name, self.instance.codes(kind))

    TAG_FIELDS = {
        "methods": ProfileTag.Kind.METHOD,
        "regions": ProfileTag.Kind.REGION,
        "languages": ProfileTag.Kind.LANGUAGE,
    }

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("„verfügbar bis“ liegt vor „verfügbar ab“."))
        days = data.get("days_per_month")
        if days is not None and not is_half_day_multiple(days):
            self.add_error("days_per_month", HALF_DAYS)
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "data": {
                k: d[k]
                for k in (
                    "headline",
                    "cv",
                    "availability_note",
                    "available_from",
                    "available_until",
                    "days_per_month",
                    "accepts_requests",
                )
            },
            "themes": d["themes"],
            "tags": {kind: d[name] for name, kind in self.TAG_FIELDS.items()},
            "photo": d.get("photo_upload"),
            "remove_photo": d.get("remove_photo", False),
        }


class RequestForm(forms.ModelForm):
    methods = forms.MultipleChoiceField(
        label=_("gewünschte Methoden"),
        choices=METHOD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    days_estimated = _days_field(
        _("geschätzter Umfang in Tagen"),
        required=False,
        help_text=_("Wenn Sie es schon abschätzen können, z. B. 2 oder 1,5."),
    )

    class Meta:
        model = ConsultingRequest
        fields = [
            "topic",
            "theme",
            "step",
            "methods",
            "format",
            "language",
            "wished_from",
            "wished_until",
            "dates_note",
            "urgency",
            "days_estimated",
            "description",
        ]
        widgets = {
            "format": forms.RadioSelect,
            "urgency": forms.RadioSelect,
            "wished_from": DateInput(),
            "wished_until": DateInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "topic": _("In wenigen Worten, z. B. „Moderation der Zukunftswerkstatt“."),
            "description": _("Was soll die Beratung leisten? Was ist schon da, wer ist beteiligt?"),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(
            Q(municipality__isnull=True) | Q(municipality=municipality)
        )
        self.fields["theme"].empty_label = _("– kein bestimmtes –")
        self.fields["step"].choices = [
            ("", _("– nicht an einen Schritt gebunden –")),
            *list(self.fields["step"].choices)[1:],
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("wished_from"), data.get("wished_until")
        if start and end and end < start:
            self.add_error("wished_until", _("„gewünscht bis“ liegt vor „gewünscht ab“."))
        days = data.get("days_estimated")
        if days is not None and not is_half_day_multiple(days):
            self.add_error("days_estimated", HALF_DAYS)
        return data


class AssignForm(forms.Form):
    consultant = forms.TypedChoiceField(
        label=_("Beraterin oder Berater"), coerce=int, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Nachricht an die Beratung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wird mit der E-Mail verschickt."),
    )

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant"].choices = [
            (s.candidate.id, s.candidate.name) for s in suggestions
        ]
        self.fields["consultant"].error_messages["invalid_choice"] = _(
            "Bitte wählen Sie eine Person aus der Liste."
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die Geschäftsstelle liest sie und weist die Anfrage neu zu."),
        error_messages={"required": _("Bitte nennen Sie der Geschäftsstelle einen Grund.")},
    )


class CompleteForm(forms.Form):
    summary = forms.CharField(
        label=_("Ergebnis der Beratung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DayLogForm(forms.Form):
    worked_on = forms.DateField(label=_("Datum"), widget=DateInput())
    days = _days_field(_("Tage"), help_text=_("Ganze oder halbe Tage, z. B. 1 oder 0,5."))
    activity = forms.CharField(
        label=_("Tätigkeit"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("z. B. „Vorbereitung und Moderation der Zukunftswerkstatt“."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worked_on"].initial = timezone.localdate()

    def clean_days(self):
        days = self.cleaned_data["days"]
        if not is_half_day_multiple(days):
            raise forms.ValidationError(HALF_DAYS)
        return days


class BudgetForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Jahr"), coerce=int)
    days = _days_field(_("Beratungstage im Jahr"), minimum="0")
    allow_overrun = forms.BooleanField(
        label=_("Überschreitung erlauben"),
        required=False,
        help_text=_(
            "Mit Haken dürfen Beraterinnen und Berater mehr Tage buchen, als im Budget übrig sind."
        ),
    )
    note = forms.CharField(label=_("Notiz"), max_length=300, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]

    def clean_days(self):
        days = self.cleaned_data["days"]
        if days != 0 and not is_half_day_multiple(days):
            raise forms.ValidationError(HALF_DAYS)
        return days


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("alle")), *ConsultingRequest.Status.choices]
