from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.forms import DateInput
from zwk.plans import selectors
from zwk.plans.models import Goal, Indicator, Measure, Plan
from zwk.profiles.analysis import indicator_choices
from zwk.situation.models import TargetGroup


class VisionForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["vision"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 6})}


class GoalForm(forms.ModelForm):
    text = forms.CharField(
        label=_("Ziel"),
        max_length=300,
        required=False,
        help_text=_("Leer lassen, um den Wortlaut des Programmziels zu übernehmen."),
    )

    class Meta:
        model = Goal
        fields = ["preset", "theme", "text"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = selectors.measure_themes(municipality)
        self.fields["theme"].empty_label = _("– ohne Handlungsfeld –")
        self.fields["preset"].choices = [("", _("– eigenes Ziel –")), *Goal.Preset.choices]

    def clean(self):
        data = super().clean()
        if not data.get("text") and not data.get("preset"):
            raise forms.ValidationError(
                _("Bitte beschreiben Sie das Ziel oder wählen Sie ein Programmziel.")
            )
        return data


class MeasureForm(forms.ModelForm):
    goals = forms.ModelMultipleChoiceField(
        label=_("Ziele"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner aus der Bestandsaufnahme"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bestehende Initiativen vor Ort – sie zu vernetzen ist ein Programmziel."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "theme",
            "goals",
            "smart_target",
            "responsible",
            "partners",
            "target_groups",
            "start",
            "end",
            "status",
            "status_reason",
            "budget_planned",
            "budget_actual",
            "funding_source",
            "key_measure",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "smart_target": forms.Textarea(attrs={"rows": 3}),
            "status_reason": forms.Textarea(attrs={"rows": 2}),
            "start": DateInput(),
            "end": DateInput(),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = plan.municipality
        self.fields["theme"].queryset = selectors.measure_themes(municipality)
        self.fields["theme"].empty_label = _("– ohne Handlungsfeld –")
        self.fields["goals"].queryset = plan.goals.all()
        self.fields["partners"].queryset = municipality.initiatives.all()
        if self.instance.pk and not self.is_bound:
            self.initial["target_groups"] = self.instance.target_group_values

    def clean(self):
        data = super().clean()
        if (
            data.get("status") in Measure.NEEDS_REASON
            and not (data.get("status_reason") or "").strip()
        ):
            self.add_error(
                "status_reason",
                _("Bitte begründen Sie, warum die Maßnahme pausiert oder verworfen ist."),
            )
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Das Ende darf nicht vor dem Beginn liegen."))
        return data

    def _post_clean(self):
        # The service validates the instance (full_clean) – the constraints would otherwise
        # report English default messages first.
        pass


class MeasureFilterForm(forms.Form):
    """Filters of the measures list (GET); German parameter names appear in the URL."""

    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld"), queryset=None, required=False, empty_label=_("alle")
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlungsfeld"].queryset = selectors.measure_themes(municipality)
        self.fields["status"].choices = [("", _("alle")), *Measure.Status.choices]


class MilestoneForm(forms.Form):
    prefix = "meilenstein"

    title = forms.CharField(label=_("Meilenstein"), max_length=200)
    due = forms.DateField(label=_("fällig am"), widget=DateInput())


def _engine_choices():
    return [("", _("– bitte wählen –")), *indicator_choices()]


class IndicatorForm(forms.Form):
    goal = forms.ModelChoiceField(label=_("Ziel"), queryset=None)
    kind = forms.ChoiceField(
        label=_("Art"), choices=Indicator.Kind.choices, widget=forms.RadioSelect
    )
    engine_key = forms.ChoiceField(
        label=_("Demografischer Indikator"),
        required=False,
        help_text=_("Der Ausgangswert wird automatisch aus dem Kommunalprofil übernommen."),
    )
    name = forms.CharField(
        label=_("Bezeichnung der eigenen Kennzahl"), max_length=200, required=False
    )
    unit = forms.CharField(label=_("Einheit"), max_length=40, required=False)
    baseline = forms.DecimalField(
        label=_("Ausgangswert"), required=False, max_digits=16, decimal_places=4
    )
    baseline_date = forms.DateField(
        label=_("Stand des Ausgangswerts"), required=False, widget=DateInput()
    )
    target = forms.DecimalField(
        label=_("Zielwert"), required=False, max_digits=16, decimal_places=4
    )
    due = forms.DateField(label=_("Zieldatum"), required=False, widget=DateInput())

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["engine_key"].choices = _engine_choices()

    def clean(self):
        data = super().clean()
        if data.get("kind") == Indicator.Kind.ENGINE and not data.get("engine_key"):
            self.add_error("engine_key", _("Bitte wählen Sie einen Indikator."))
        if data.get("kind") == Indicator.Kind.OWN and not (data.get("name") or "").strip():
            self.add_error("name", _("Bitte benennen Sie die Kennzahl."))
        return data


class MeasurementForm(forms.Form):
    prefix = "messwert"

    measured_on = forms.DateField(label=_("Datum"), widget=DateInput())
    value = forms.DecimalField(label=_("Wert"), max_digits=16, decimal_places=4)
    note = forms.CharField(label=_("Anmerkung"), max_length=300, required=False)


class ReviewDateForm(forms.Form):
    stichtag = forms.DateField(label=_("Stichtag"), required=False, widget=DateInput())


class ThemeFilterForm(forms.Form):
    """Handlungsfeld filter of the board and the timeline (GET)."""

    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld"), queryset=None, required=False, empty_label=_("alle")
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlungsfeld"].queryset = selectors.measure_themes(municipality)


class MeasureStatusForm(forms.Form):
    """Status change of one measure (board card or its own page)."""

    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)
    status_reason = forms.CharField(
        label=_("Begründung des Status"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pflicht bei „pausiert“ und „verworfen“."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("status") in Measure.NEEDS_REASON
            and not (data.get("status_reason") or "").strip()
        ):
            self.add_error(
                "status_reason",
                _("Bitte begründen Sie, warum die Maßnahme pausiert oder verworfen ist."),
            )
        return data


class CommentForm(forms.Form):
    prefix = "kommentar"

    body = forms.CharField(
        label=_("Ihr Kommentar"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Sichtbar für das Team, die Beratung und die Geschäftsstelle – nie öffentlich."
        ),
    )


class MilestoneEditForm(forms.Form):
    title = forms.CharField(label=_("Meilenstein"), max_length=200)
    due = forms.DateField(label=_("fällig am"), widget=DateInput())
    done_on = forms.DateField(label=_("erreicht am"), required=False, widget=DateInput())


class IndicatorEditForm(forms.Form):
    """Edit an indicator; engine indicators only change goal, target and due date."""

    goal = forms.ModelChoiceField(label=_("Ziel"), queryset=None)
    name = forms.CharField(label=_("Bezeichnung"), max_length=200, required=False)
    unit = forms.CharField(label=_("Einheit"), max_length=40, required=False)
    baseline = forms.DecimalField(
        label=_("Ausgangswert"), required=False, max_digits=16, decimal_places=4
    )
    baseline_date = forms.DateField(
        label=_("Stand des Ausgangswerts"), required=False, widget=DateInput()
    )
    target = forms.DecimalField(
        label=_("Zielwert"), required=False, max_digits=16, decimal_places=4
    )
    due = forms.DateField(label=_("Zieldatum"), required=False, widget=DateInput())

    ENGINE_FIELDS = ("goal", "target", "due")

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = indicator.goal.plan.goals.all()
        if indicator.kind == Indicator.Kind.ENGINE:
            for name in list(self.fields):
                if name not in self.ENGINE_FIELDS:
                    del self.fields[name]
        else:
            self.fields["name"].required = True


class CompareForm(forms.Form):
    """Two approved versions to compare (``bis`` may also be the current working state)."""

    von = forms.TypedChoiceField(label=_("Fassung"), coerce=int)
    bis = forms.ChoiceField(label=_("verglichen mit"))

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Fassung %(n)d") % {"n": n}) for n in numbers]
        self.fields["von"].choices = choices
        self.fields["bis"].choices = [("aktuell", _("aktueller Arbeitsstand")), *choices]


# --- Zwischenbilanz: lessons learnt, Verstetigung, projection check (issue 6) -------------


class LessonForm(forms.Form):
    measure = forms.ModelChoiceField(
        label=_("Maßnahme"),
        queryset=None,
        required=False,
        empty_label=_("– Werkstattplan insgesamt –"),
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    worked = forms.CharField(
        label=_("Was hat funktioniert?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    not_worked = forms.CharField(
        label=_("Was hat nicht funktioniert?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    why = forms.CharField(
        label=_("Warum?"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    differently = forms.CharField(
        label=_("Was würden wir anders machen?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    transferable_kinds = forms.MultipleChoiceField(
        label=_("Übertragbar auf Kommunen dieser Art"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    transferable_sizes = forms.MultipleChoiceField(
        label=_("Übertragbar auf Kommunen dieser Größe"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    transferable_note = forms.CharField(
        label=_("Übertragbar unter diesen Bedingungen"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Zum Beispiel: „ländliche Gemeinden mit aktivem Vereinsleben“."),
    )
    share = forms.BooleanField(
        label=_("Mit anderen Kommunen teilen"),
        required=False,
        help_text=_(
            "Die Erfahrung wird dem Werkzeugkoffer als Best-Practice-Beispiel angeboten. Die "
            "Geschäftsstelle prüft sie vor der Veröffentlichung; bis dahin können Sie sie "
            "zurückziehen."
        ),
    )

    def __init__(self, *args, plan, **kwargs):
        from zwk.municipalities.models import Municipality
        from zwk.municipalities.sizes import SizeClass

        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = plan.measures.order_by("title", "id")
        self.fields["transferable_kinds"].choices = Municipality.Kind.choices
        self.fields["transferable_sizes"].choices = SizeClass.choices

    def clean(self):
        data = super().clean()
        if not any(
            (data.get(k) or "").strip() for k in ("worked", "not_worked", "why", "differently")
        ):
            self.add_error(
                "worked",
                _(
                    "Bitte beschreiben Sie mindestens, was funktioniert hat, was nicht, warum "
                    "oder was Sie anders machen würden."
                ),
            )
        return data


class ShareForm(forms.Form):
    share = forms.BooleanField(label=_("Mit anderen Kommunen teilen"), required=False)


class ContinuationForm(forms.Form):
    """Verstetigung of one measure (one form per measure, prefix ``m<pk>``)."""

    decision = forms.ChoiceField(label=_("Verstetigung"), choices=[])
    owner = forms.CharField(
        label=_("Zuständig für die Fortführung"), max_length=200, required=False
    )
    note = forms.CharField(label=_("Anmerkung"), max_length=500, required=False)

    def __init__(self, *args, measure, **kwargs):
        from zwk.plans.models import Continuation

        super().__init__(*args, prefix=f"m{measure.pk}", **kwargs)
        self.measure = measure
        self.fields["decision"].choices = Continuation.Decision.choices

    def clean(self):
        from zwk.plans.models import Continuation

        data = super().clean()
        if (
            data.get("decision") == Continuation.Decision.CONTINUE
            and not (data.get("owner") or "").strip()
        ):
            self.add_error("owner", _("Bitte nennen Sie, wer die Maßnahme fortführt."))
        return data


class NextReviewForm(forms.Form):
    prefix = "termin"

    next_review = forms.DateField(
        label=_("Nächste Zwischenbilanz am"),
        required=False,
        widget=DateInput(),
        help_text=_("Die Koordination wird eine Woche vorher per E-Mail erinnert."),
    )


class ProjectionYearForm(forms.Form):
    basisjahr = forms.TypedChoiceField(
        label=_("Basisjahr der Projektionsprüfung"), coerce=int, required=False, choices=[]
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basisjahr"].choices = [("", _("automatisch")), *((y, y) for y in years)]
