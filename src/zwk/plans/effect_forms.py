"""Form of a measure's demographic effect (catalogue: ``zwk.plans.effects``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.plans.models import MeasureEffect


class EffectForm(forms.ModelForm):
    prefix = "wirkung"

    class Meta:
        model = MeasureEffect
        fields = [
            "kind",
            "start_year",
            "years",
            "amount",
            "is_percent",
            "age_from",
            "age_to",
            "profile",
            "occupancy",
            "external_share",
            "base_outflow",
            "facility",
            "existing_places",
            "note",
        ]
        help_texts = {
            "kind": _("Was bewirkt die Maßnahme? Erklärungen und Richtwerte stehen unten."),
            "start_year": _("Erstes Jahr, in dem die Wirkung eintritt, z. B. Bezug der Wohnungen."),
            "years": _("Wie viele Jahre hintereinander (bei Plätzen: ohne Bedeutung)."),
            "amount": _(
                "Neubaugebiet und Seniorenwohnen: Wohnungen je Jahr. Zuzüge/Fortzüge: Personen "
                "je Jahr (negativ: weniger) oder Prozent weniger Fortzüge. Plätze: Anzahl."
            ),
            "is_percent": _("Nur bei Zuzügen/Fortzügen: die Menge ist ein Prozentsatz."),
            "occupancy": _("Leer: 2,2 (Neubau) bzw. 1,3 (Seniorenwohnen)."),
            "external_share": _("Leer: 50 % (Neubau) bzw. 20 % (Seniorenwohnen)."),
            "base_outflow": _("Aus dem Melderegister; leer: Richtwert nach Alter."),
            "existing_places": _("Vorhandene Plätze dieser Art – dann zeigt der Plan die Lücke."),
        }
        widgets = {"note": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].choices = [
            ("", _("– nur bei Plätzen –")),
            *MeasureEffect.Facility.choices,
        ]
        self.fields["years"].required = False

    def clean_years(self):
        return self.cleaned_data.get("years") or 1
