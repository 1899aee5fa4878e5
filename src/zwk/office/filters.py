"""GET filter forms of the office: the overview of all Kommunen and the map."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.models import Municipality, Theme
from zwk.municipalities.process import STEPS
from zwk.municipalities.validators import LAND_CHOICES
from zwk.office import selectors
from zwk.registration.selectors import round_choices

EVERY = [("", _("alle"))]
SORT_CHOICES = [
    ("name", _("Name (A–Z)")),
    ("schritt", _("Schritt (früheste zuerst)")),
    ("aktivitaet", _("letzte Aktivität (längste Pause zuerst)")),
    ("teilnehmende", _("Teilnehmende (meiste zuerst)")),
]


class MunicipalityFilterForm(forms.Form):
    """Land, type and Handlungsfeld – the filters the overview and the map share."""

    land = forms.ChoiceField(label=_("Land"), required=False)
    art = forms.ChoiceField(label=_("Art"), required=False)
    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("alle"),
    )
    runde = forms.ChoiceField(label=_("Förderrunde"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["runde"].choices = [
            *EVERY,
            ("ohne", _("ohne Förderrunde (selbstständig)")),
            *round_choices(),
        ]
        self.fields["land"].choices = EVERY + LAND_CHOICES
        self.fields["art"].choices = EVERY + list(Municipality.Kind.choices)
        self.fields["handlungsfeld"].queryset = Theme.objects.filter(municipality__isnull=True)


class OverviewFilterForm(MunicipalityFilterForm):
    schritt = forms.ChoiceField(label=_("Aktueller Schritt"), required=False)
    stillstand = forms.BooleanField(label=_("nur Kommunen mit Stillstand"), required=False)
    wochen = forms.IntegerField(
        label=_("Stillstand ab (Wochen ohne Aktivität)"),
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
        widget=forms.NumberInput(attrs={"min": 1, "max": 104, "inputmode": "numeric"}),
    )
    sortierung = forms.ChoiceField(
        label=_("Sortierung"), required=False, choices=SORT_CHOICES, initial="name"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schritt"].choices = (
            EVERY
            + [(s.kind, f"{s.number}. {s.title}") for s in STEPS]
            + [(selectors.FINISHED, _("alle Schritte abgeschlossen"))]
        )
        weeks = selectors.stalled_weeks_default()
        self.fields["wochen"].help_text = _("Standard: %(n)d Wochen.") % {"n": weeks}
        self.fields["wochen"].widget.attrs["placeholder"] = str(weeks)

    def criteria(self) -> selectors.Criteria:
        """The filters to apply; the defaults when the form is unbound or invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return selectors.Criteria(
            land=data.get("land") or "",
            kind=data.get("art") or "",
            theme=data.get("handlungsfeld"),
            step=data.get("schritt") or "",
            stalled_only=bool(data.get("stillstand")),
            weeks=data.get("wochen") or selectors.stalled_weeks_default(),
            sort=data.get("sortierung") or "name",
            funding_round=data.get("runde") or "",
        )


class MapFilterForm(MunicipalityFilterForm):
    kreis = forms.CharField(
        label=_("Kreis (Kreisschlüssel)"),
        required=False,
        max_length=5,
        validators=[
            RegexValidator(r"^[0-9]{5}$", _("Bitte die fünf Ziffern des Kreisschlüssels angeben."))
        ],
        help_text=_("Die ersten fünf Ziffern des AGS, z. B. 09262. Leer: alle Kreise."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    demografietyp = forms.ChoiceField(
        label=_("Demografietyp"),
        required=False,
        help_text=_("Typen aus den importierten Statistiken (Einzelaltersjahre) aller Kommunen."),
    )

    def __init__(self, *args, type_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["demografietyp"].choices = EVERY + [(n, n) for n in type_names]
        if not type_names:
            self.fields["demografietyp"].help_text = _(
                "Noch keine Demografietypen: dafür braucht es importierte Bevölkerungsstände "
                "nach Einzelaltersjahren von mindestens drei Gebieten."
            )


class PickerSearchForm(forms.Form):
    """Search for Kommunen by name or AGS, Land and Förderrunde (recipients of a Mitteilung)."""

    q = forms.CharField(
        label=_("Name oder Gemeindeschlüssel (AGS)"),
        required=False,
        max_length=100,
        help_text=_("Teil des Namens, z. B. „Bad“, oder der Anfang des AGS, z. B. 09262."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    land = forms.ChoiceField(label=_("Land"), required=False)
    runde = forms.ChoiceField(label=_("Förderrunde"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["land"].choices = EVERY + LAND_CHOICES
        self.fields["runde"].choices = [
            *EVERY,
            ("ohne", _("ohne Förderrunde (selbstständig)")),
            *round_choices(),
        ]

    def results(self):
        """The matching Kommunen by name (only the columns the list shows)."""
        from zwk.registration.selectors import municipalities_in_round

        data = self.cleaned_data
        qs = Municipality.objects.only("pk", "name", "ags", "land", "kind")
        q = (data.get("q") or "").strip()
        if q.isdigit():
            qs = qs.filter(ags__startswith=q)
        elif q:
            qs = qs.filter(name__icontains=q)
        if data.get("land"):
            qs = qs.filter(land=data["land"])
        if data.get("runde"):
            qs = qs.filter(pk__in=municipalities_in_round(data["runde"]).values("pk"))
        return qs.order_by("name", "pk")
