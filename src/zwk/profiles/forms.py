from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zwk.core.uploads import check_document
from zwk.profiles.analysis import ScenarioParams


class StatisticsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Statistikdatei"),
        help_text=_(
            "GENESIS-/Regionalstatistik-Tabelle (CSV), GENESIS-Flat-Datei, Gemeindeverzeichnis "
            "(CSV/XLSX) oder Melderegister-Vorlage (CSV/XLSX)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_document(upload, allowed={"csv", "xlsx", "txt"})
        except ValidationError:
            raise
        return upload


class RegisterAreaForm(forms.Form):
    prefix = "gebiet"
    register_area = forms.CharField(
        label=_("Gebiet im Melderegister"),
        max_length=30,
        required=False,
        help_text=_("Schlüssel aus der Spalte „gebiet“ der Melderegister-Vorlage, z. B. Q01."),
    )


class ScenarioForm(forms.Form):
    migration = forms.FloatField(
        label=_("Wanderungssaldo je 1.000 Einwohner und Jahr"),
        min_value=-20,
        max_value=20,
        initial=3.4,
        help_text=_("Zuzüge minus Fortzüge; positiv: mehr ziehen zu als fort."),
        widget=forms.NumberInput(attrs={"type": "range", "step": "0.5", "min": "-20", "max": "20"}),
    )
    tfr = forms.FloatField(
        label=_("Geburtenrate (Kinder je Frau) im Zieljahr"),
        min_value=0.8,
        max_value=2.5,
        initial=1.35,
        help_text=_("Heute in Deutschland etwa 1,35; erreicht bis zum Ende der Vorausberechnung."),
        widget=forms.NumberInput(
            attrs={"type": "range", "step": "0.05", "min": "0.8", "max": "2.5"}
        ),
    )
    e0_gain = forms.FloatField(
        label=_("Anstieg der Lebenserwartung bis zum Zieljahr (Jahre)"),
        min_value=-2,
        max_value=8,
        initial=2.3,
        help_text=_("Zusätzliche Lebensjahre bei Geburt bis zum Ende der Vorausberechnung."),
        widget=forms.NumberInput(attrs={"type": "range", "step": "0.1", "min": "-2", "max": "8"}),
    )
    dwellings = forms.IntegerField(
        label=_("Neue Wohnungen je Jahr (z. B. Neubaugebiet)"),
        min_value=0,
        max_value=5000,
        initial=0,
        help_text=_("Je neue Wohnung 2,2 Personen, die Hälfte zieht von außerhalb zu."),
    )
    plan_effects = forms.BooleanField(
        label=_("Maßnahmen des Werkstattplans einbeziehen"),
        required=False,
        help_text=_(
            "Rechnet die Wirkungen der Maßnahmen (z. B. Neubaugebiete, Rückkehrer, "
            "Seniorenwohnen) in dieselbe Vorausberechnung ein."
        ),
    )

    def __init__(self, *args, plan_effects: bool = False, **kwargs):
        """``plan_effects``: offer the switch (only to those who may see the Werkstattplan,
        and only when it has effects; otherwise the field is gone and a sent value ignored)."""
        super().__init__(*args, **kwargs)
        if not plan_effects:
            del self.fields["plan_effects"]

    def params(self) -> ScenarioParams:
        d = self.cleaned_data
        return ScenarioParams(
            migration_per_1000=d.get("migration"),
            tfr=d.get("tfr"),
            e0_gain=d.get("e0_gain"),
            dwellings=d.get("dwellings") or 0,
            plan_effects=bool(d.get("plan_effects")),
        )
