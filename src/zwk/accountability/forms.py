from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.accountability.selectors import NO_MEASURE
from zwk.plans.models import Measure

STATUS_CHOICES = [
    ("", _("alle")),
    *Measure.Status.choices,
    (NO_MEASURE, _("noch keine Maßnahme")),
]


class FilterForm(forms.Form):
    handlungsfeld = forms.TypedChoiceField(
        label=_("Handlungsfeld"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(label=_("Stand"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlungsfeld"].choices = [("", _("alle")), *themes]


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        help_text=_("Nur für Nachrichten zu diesem Stand. Sie wird nirgends angezeigt."),
    )
    consent = forms.BooleanField(
        label=_(
            "Ich möchte eine E-Mail erhalten, wenn sich der Stand ändert. Ich kann mich "
            "jederzeit mit einem Klick abmelden."
        ),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie E-Mails erhalten möchten.")},
    )


class FeatureForm(forms.Form):
    answer = forms.IntegerField(widget=forms.HiddenInput)
    measure = forms.TypedChoiceField(
        label=_("daraus wurde die Maßnahme"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", _("noch keine")), *measures]
