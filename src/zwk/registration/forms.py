from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.models import Municipality
from zwk.municipalities.validators import LAND_CHOICES
from zwk.registration import selectors
from zwk.registration.models import Application, FundingRound, StepVideo

EVERY = [("", _("alle"))]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, Postleitzahl oder Gemeindeschlüssel"),
        max_length=100,
        required=False,
        help_text=_(
            "Zum Beispiel „Neustadt“, „36037“ oder „06631009“. Eine Postleitzahl findet die "
            "Gemeinde, deren Verwaltung (Rathaus) diese Postleitzahl hat – eine Stadt mit "
            "mehreren Postleitzahlen finden Sie sicher über ihren Namen."
        ),
    )


class ApplicationForm(forms.Form):
    ags = forms.RegexField(
        label=_("Amtlicher Gemeindeschlüssel"),
        regex=r"^\s*(\d{5}|\d{8})\s*$",
        error_messages={
            "invalid": _("Der Gemeindeschlüssel hat 8 Ziffern (Landkreise: 5 Ziffern).")
        },
        help_text=_("Wird aus der Suche übernommen."),
    )
    kind = forms.ChoiceField(label=_("Art der Kommune"), choices=Municipality.Kind.choices)
    local_name = forms.CharField(
        label=_("Name des Quartiers"),
        max_length=200,
        required=False,
        help_text=_("Nur für Großstadtquartiere, z. B. „Altstadt-Nord“."),
    )
    person_name = forms.CharField(label=_("Ihr Name"), max_length=200)
    function = forms.CharField(
        label=_("Ihre Funktion in der Verwaltung"),
        max_length=200,
        help_text=_("Zum Beispiel „Sozialplanung“ oder „Büro des Bürgermeisters“."),
    )
    email = forms.EmailField(
        label=_("Dienstliche E-Mail-Adresse"),
        help_text=_(
            "An diese Adresse schicken wir den Bestätigungslink. Adressen privater Anbieter "
            "sind möglich, die Geschäftsstelle prüft sie dann genauer."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "Ich habe gelesen, was mit meinen Angaben geschieht, und bin für meine Verwaltung "
            "berechtigt, die Kommune anzumelden."
        ),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Sie die Hinweise gelesen haben.")
        },
    )

    def clean_ags(self):
        ags = self.cleaned_data["ags"].strip()
        self.place = selectors.place(ags)
        if self.place is None:
            raise forms.ValidationError(
                _(
                    "Den Gemeindeschlüssel %(ags)s gibt es im Gemeindeverzeichnis der Plattform "
                    "nicht. Bitte suchen Sie Ihre Kommune oben nach Name oder Postleitzahl."
                )
                % {"ags": ags}
            )
        return ags


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    land = forms.ChoiceField(label=_("Land"), required=False)
    privat = forms.ChoiceField(
        label=_("Private E-Mail-Domain"),
        required=False,
        choices=[*EVERY, ("ja", _("ja")), ("nein", _("nein"))],
    )
    q = forms.CharField(label=_("Name oder Schlüssel"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = EVERY + list(Application.Status.choices)
        self.fields["land"].choices = EVERY + LAND_CHOICES


class ApproveForm(forms.Form):
    funding_round = forms.ModelChoiceField(
        label=_("In eine Förderrunde aufnehmen"),
        queryset=FundingRound.objects.none(),
        required=False,
        empty_label=_("keine – die Kommune arbeitet selbstständig"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_round"].queryset = FundingRound.objects.all()


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung (geht an die anmeldende Person)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class FundingRoundForm(forms.ModelForm):
    class Meta:
        model = FundingRound
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "places",
            "consulting_days",
            "open_for_applications",
            "how_to_apply",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "how_to_apply": forms.Textarea(attrs={"rows": 4}),
        }


class AssignForm(forms.Form):
    kommunen = forms.CharField(
        label=_("Kommunen aufnehmen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        help_text=_(
            "Je Zeile eine Kommune: Kurzname in der Adresse (z. B. „musterstadt“) oder "
            "Gemeindeschlüssel."
        ),
    )

    def __init__(self, *args, funding_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.funding_round = funding_round

    def clean_kommunen(self):
        keys = list(dict.fromkeys(k.strip() for k in self.cleaned_data["kommunen"].splitlines()))
        keys = [k for k in keys if k]
        found = Municipality.objects.filter(Q(slug__in=keys) | Q(ags__in=keys)).exclude(
            kind=Municipality.Kind.QUARTIER, ags__in=keys
        )
        by_key = {}
        for m in found:
            by_key.setdefault(m.slug, m)
            by_key.setdefault(m.ags, m)
        unknown = [k for k in keys if k not in by_key]
        if unknown:
            raise forms.ValidationError(
                _("Diese Kommunen gibt es nicht: %(keys)s") % {"keys": ", ".join(unknown[:10])}
            )
        if not keys:
            raise forms.ValidationError(_("Bitte nennen Sie mindestens eine Kommune."))
        return list({m.pk: m for m in (by_key[k] for k in keys)}.values())


class VideoForm(forms.Form):
    step_kind = forms.ChoiceField(
        label=_("Schritt"), choices=StepVideo._meta.get_field("step_kind").choices
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    video = forms.FileField(label=_("Video (MP4 oder WebM)"))
    captions = forms.FileField(
        label=_("Untertitel (WebVTT, Pflicht)"),
        error_messages={"required": _("Ohne Untertitel kann das Video nicht hochgeladen werden.")},
    )
