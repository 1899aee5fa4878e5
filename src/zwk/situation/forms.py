from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.forms import DateInput
from zwk.profiles.analysis import indicator_choices
from zwk.situation import selectors
from zwk.situation.models import CandidateField, Initiative, Interview, SwotItem, TargetGroup


class InitiativeForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Die Handlungsfelder Ihrer Kommune (in den Stammdaten festgelegt)."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Internetseite der Initiative, z. B. https://www.seniorentreff.example"),
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "themes",
            "target_groups",
            "provider",
            "status",
            "contact",
            "url",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = selectors.initiative_themes(municipality)
        if self.instance.pk and not self.is_bound:
            self.initial["target_groups"] = self.instance.target_group_values


class InitiativeFilterForm(forms.Form):
    """Filters of the Bestandsaufnahme (GET); German parameter names appear in the URL."""

    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld"), queryset=None, required=False, empty_label=_("alle")
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    zielgruppe = forms.ChoiceField(label=_("Zielgruppe"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlungsfeld"].queryset = selectors.initiative_themes(municipality)
        self.fields["status"].choices = [("", _("alle")), *Initiative.Status.choices]
        self.fields["zielgruppe"].choices = [("", _("alle")), *TargetGroup.choices]


def _indicator_choices():
    return [("", _("– keiner –")), *indicator_choices()]


class SwotItemForm(forms.ModelForm):
    prefix = "swot"

    indicator_key = forms.ChoiceField(
        label=_("Bezug zu einem Indikator (optional)"), required=False, choices=()
    )

    class Meta:
        model = SwotItem
        fields = ["category", "text", "note", "indicator_key", "interview"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_key"].choices = _indicator_choices()
        self.fields["interview"].queryset = municipality.situation_interviews.all()
        self.fields["interview"].empty_label = _("– keines –")
        self.fields["interview"].required = False


class InterviewSwotForm(forms.ModelForm):
    """A SWOT item noted directly on an interview's page."""

    prefix = "swot"

    class Meta:
        model = SwotItem
        fields = ["category", "text", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class SuggestionAcceptForm(forms.Form):
    """Accept a suggestion, optionally after editing its wording or category."""

    category = forms.ChoiceField(label=_("Kategorie"), choices=SwotItem.Category.choices)
    text = forms.CharField(label=_("Aussage"), max_length=300)
    note = forms.CharField(
        label=_("Begründung oder Beleg"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["person", "role", "organisation", "held_on", "main_points"]
        widgets = {"held_on": DateInput(), "main_points": forms.Textarea(attrs={"rows": 8})}


class CandidateFieldForm(forms.ModelForm):
    prefix = "kandidat"

    swot_items = forms.ModelMultipleChoiceField(
        label=_("Gestützt auf diese SWOT-Punkte"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Bitte wählen Sie mindestens einen SWOT-Punkt als Begründung.")
        },
    )

    class Meta:
        model = CandidateField
        fields = ["theme", "justification", "swot_items"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "justification": _("Warum soll die Zukunftswerkstatt an diesem Thema arbeiten?")
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        keep = self.instance.theme if self.instance.pk else None
        self.fields["theme"].queryset = selectors.candidate_theme_choices(municipality, keep=keep)
        self.fields["theme"].empty_label = _("– bitte wählen –")
        self.fields["swot_items"].queryset = selectors.swot_items(municipality)
        self.fields["swot_items"].label_from_instance = lambda i: (
            f"{i.get_category_display()}: {i.text}"
        )
