from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwk.decisions import selectors
from zwk.decisions.models import CheckVersion
from zwk.decisions.targets import QUESTIONS, TARGET_CHOICES
from zwk.municipalities.models import Theme


class CheckForm(forms.ModelForm):
    """The guided form: the decision, the place, who it is for, and the four check questions."""

    prefix = "check"

    area_code = forms.ChoiceField(
        label=_("Ort"),
        required=False,
        help_text=_("Die ganze Kommune oder ein Ortsteil, für das Melderegisterdaten vorliegen."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=TARGET_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Für wen ist das Vorhaben? Mehrere sind möglich."),
    )

    class Meta:
        model = CheckVersion
        fields = [
            "title",
            "description",
            "area_code",
            "target_groups",
            "horizon",
            "lifetime",
            "capacity",
            "capacity_unit",
            "themes",
            "goals",
            "answer_generations",
            "answer_accessibility",
            "answer_reuse",
            "answer_integration",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
            **{key: forms.Textarea(attrs={"rows": 3}) for key, _l, _h in QUESTIONS},
        }
        help_texts = {
            "horizon": _("Wie weit soll der Blick reichen? Die Vorausberechnung reicht 20 Jahre."),
            "lifetime": _("Wie lange wird das Gebäude oder Angebot voraussichtlich genutzt?"),
            "capacity": _("z. B. 20 Plätze, 30 Wohnungen – leer lassen, wenn nicht passend."),
            **{key: hint for key, _l, hint in QUESTIONS},
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_code"].choices = selectors.areas(municipality)
        self.fields["themes"].queryset = Theme.objects.filter(
            Q(municipality=None) | Q(municipality=municipality)
        ).order_by("order", "name")
        self.fields["goals"].queryset = selectors.goals_of(municipality)
        self.fields["lifetime"].min_value = 1
        self.fields["lifetime"].widget.attrs["min"] = 1
        self.fields["lifetime"].validators.append(_lifetime)


def _lifetime(value):
    if value is not None and not 1 <= value <= 100:
        raise forms.ValidationError(
            _("Bitte eine Nutzungsdauer zwischen 1 und 100 Jahren angeben.")
        )
