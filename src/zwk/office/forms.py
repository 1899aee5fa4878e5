from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.accounts.models import AuditEntry


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Suche"), required=False)
    action = forms.ChoiceField(label=_("Aktion"), required=False, choices=[])
    security = forms.ChoiceField(
        label=_("Art"),
        required=False,
        choices=[("", _("alle")), ("1", _("nur sicherheitsrelevante"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        self.fields["action"].choices = [("", _("alle"))] + [(a, a) for a in actions]
