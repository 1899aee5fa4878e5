from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwk.accounts.models import User
from zwk.municipalities.models import (
    ChecklistTemplateItem,
    Invitation,
    KickoffActor,
    KickoffAgreement,
    Membership,
    Municipality,
    ProcessStep,
    StepDocument,
    Theme,
)
from zwk.municipalities.validators import validate_ags


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MunicipalityForm(forms.ModelForm):
    """Master data. The AGS is checked against the kind and the Land."""

    logo_upload = forms.ImageField(
        label=_("Logo oder Wappen (PNG oder JPEG, höchstens 10 MB)"), required=False
    )
    own_theme = forms.CharField(
        label=_("Eigenes Handlungsfeld hinzufügen"),
        required=False,
        max_length=120,
        help_text=_("Falls Ihr Thema in der Liste fehlt."),
    )

    class Meta:
        model = Municipality
        fields = [
            "name",
            "kind",
            "land",
            "ags",
            "local_name",
            "population",
            "population_date",
            "latitude",
            "longitude",
            "themes",
            "contact_name",
            "contact_email",
            "contact_phone",
            "description",
            "programme_start",
            "programme_end",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "population_date": DateInput(),
            "programme_start": DateInput(),
            "programme_end": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        own = Q(municipality=self.instance) if self.instance.pk else Q(pk__in=[])
        self.fields["themes"].queryset = Theme.objects.filter(Q(municipality__isnull=True) | own)
        self.fields["themes"].required = False

    def clean(self):
        data = super().clean()
        kind, ags, land = data.get("kind"), data.get("ags"), data.get("land")
        if kind and ags:
            try:
                data["ags"] = validate_ags(ags, kind, land)
            except ValidationError as exc:
                self.add_error("ags", exc)
        if kind == Municipality.Kind.QUARTIER and not data.get("local_name"):
            self.add_error(
                "local_name", _("Ein Großstadtquartier braucht den Namen des Quartiers.")
            )
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error(
                "longitude" if data.get("longitude") is None else "latitude",
                _("Bitte geben Sie Breiten- und Längengrad an – oder beide leer lassen."),
            )
        start, end = data.get("programme_start"), data.get("programme_end")
        if start and end and end < start:
            self.add_error("programme_end", _("Das Programmende liegt vor dem Programmbeginn."))
        return data


class MunicipalityCreateForm(MunicipalityForm):
    slug = forms.SlugField(
        label=_("Kurzname in Adressen"),
        max_length=80,
        help_text=_("Kleinbuchstaben, Ziffern, Bindestriche – z. B. „musterstadt“."),
    )

    class Meta(MunicipalityForm.Meta):
        fields = ["slug", *MunicipalityForm.Meta.fields]

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        if Municipality.objects.filter(slug=slug).exists():
            raise ValidationError(_("Dieser Kurzname ist schon vergeben."))
        return slug


class InvitationForm(forms.Form):
    prefix = "invite"

    email = forms.EmailField(label=_("E-Mail-Adresse"))
    kind = forms.ChoiceField(label=_("Rolle"), choices=[])
    message = forms.CharField(
        label=_("Persönliche Nachricht (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, Invitation.Kind(k).label) for k in kinds]


class OfficeInvitationForm(InvitationForm):
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("Nur für Koordination und Team."),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") != Invitation.Kind.CONSULTANT and not data.get("municipality"):
            self.add_error(
                "municipality", _("Bitte wählen Sie die Kommune, in deren Team eingeladen wird.")
            )
        return data


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "function"]


class ConsultantAssignForm(forms.Form):
    prefix = "assign"

    consultant = forms.ModelChoiceField(
        label=_("Beraterin/Berater"),
        queryset=User.objects.filter(is_consultant=True, is_active=True),
    )
    active = forms.TypedChoiceField(
        label=_("Zuordnung"),
        choices=[("1", _("zuordnen")), ("0", _("Zuordnung beenden"))],
        coerce=lambda v: v == "1",
    )


class StepForm(forms.ModelForm):
    prefix = "status"
    confirm_incomplete = forms.BooleanField(
        label=_("Auch abschließen, wenn Ergebnisse des Schritts noch fehlen"),
        required=False,
        help_text=_(
            "Nur nötig, wenn Sie „abgeschlossen“ wählen und die Plattform ein Ergebnis "
            "vermisst; sie sagt Ihnen dann, welches."
        ),
    )

    class Meta:
        model = ProcessStep
        fields = ["status", "start_date", "due_date", "responsible"]
        widgets = {"start_date": DateInput(), "due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        m = self.instance.municipality
        self.fields["responsible"].queryset = User.objects.filter(
            Q(memberships__municipality=m)
            | Q(consultant_assignments__municipality=m, consultant_assignments__active=True)
        ).distinct()

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("Das geplante Ende liegt vor dem Beginn."))
        return data


class StepNotesForm(forms.ModelForm):
    prefix = "notes"

    class Meta:
        model = ProcessStep
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 6})}


class ChecklistAddForm(forms.Form):
    prefix = "task"

    text = forms.CharField(label=_("Neue Aufgabe"), max_length=300)


class DocumentForm(forms.Form):
    prefix = "doc"

    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Leer lassen für den Dateinamen."),
    )
    doc_type = forms.ChoiceField(label=_("Art des Dokuments"), choices=StepDocument.DocType.choices)
    file = forms.FileField(
        label=_("Datei"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, TXT oder CSV; höchstens 10 MB."
        ),
    )


class KickoffAgreementForm(forms.ModelForm):
    prefix = "agreement"

    class Meta:
        model = KickoffAgreement
        fields = ["kickoff_date", "goals", "timetable"]
        widgets = {
            "kickoff_date": DateInput(),
            "goals": forms.Textarea(attrs={"rows": 5}),
            "timetable": forms.Textarea(attrs={"rows": 5}),
        }


class KickoffActorForm(forms.ModelForm):
    prefix = "actor"

    class Meta:
        model = KickoffActor
        fields = ["name", "organisation", "role", "is_leadership", "attended_kickoff"]


class ChecklistTemplateItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistTemplateItem
        fields = ["step_kind", "text", "order", "active"]
