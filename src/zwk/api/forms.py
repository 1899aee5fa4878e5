from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.api.models import Scope

VALIDITY_CHOICES = [
    ("30", _("30 Tage")),
    ("90", _("90 Tage")),
    ("365", _("1 Jahr")),
    ("", _("unbegrenzt (bis zum Widerruf)")),
]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür ist das Token? Zum Beispiel „Statistik-Export Rathaus“."),
        error_messages={"required": _("Bitte geben Sie eine Bezeichnung an.")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("Berechtigungen"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nur lesend. Wählen Sie nur, was das Programm wirklich braucht."),
        error_messages={"required": _("Bitte wählen Sie mindestens eine Berechtigung.")},
    )
    valid_days = forms.TypedChoiceField(
        label=_("Gültigkeit"),
        choices=VALIDITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )
