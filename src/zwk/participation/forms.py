"""Forms of the Beteiligungsprojekte: team forms (models) and the survey form built from the
questions of one page (the phone) or of all pages (paper entry)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from zwk.core.content_language import TranslationsFormMixin, localized
from zwk.municipalities.models import Theme
from zwk.participation import answers as answer_rules
from zwk.participation.models import TEXT_MAX_LENGTH, Project, ProjectPhase, Question, Survey

K = Question.Kind
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(TranslationsFormMixin, forms.ModelForm):
    translated_fields = {"title": "title", "description": "description", "young_note": "young_note"}

    class Meta:
        model = Project
        fields = [
            "title",
            "slug",
            "description",
            "themes",
            "minimum_age",
            "young_note",
            "retention_days",
            "published",
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(
            Q(municipalities=municipality) | Q(municipality=municipality)
        ).distinct()


class PhaseForm(TranslationsFormMixin, forms.ModelForm):
    translated_fields = {"title": "title", "description": "description"}

    class Meta:
        model = ProjectPhase
        fields = ["title", "starts_on", "ends_on", "description"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class SurveyForm(TranslationsFormMixin, forms.ModelForm):
    translated_fields = {"title": "title", "intro": "intro"}

    class Meta:
        model = Survey
        fields = ["title", "intro", "phase", "access"]
        widgets = {"access": forms.RadioSelect}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = project.phases.all()
        self.fields["phase"].empty_label = None


class QuestionForm(TranslationsFormMixin, forms.ModelForm):
    translated_fields = {"text": "text", "help_text": "help_text", "options": "options_text"}
    list_fields = frozenset({"options"})
    options_text = forms.CharField(
        label=_lazy("Antwortmöglichkeiten (eine je Zeile)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_lazy(
            "Für Auswahl, Rangfolge und Ortsteil. Für die Skala zwei Zeilen (Beschriftung "
            "von 1 und 5) oder fünf Zeilen."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "page",
            "position",
            "number_min",
            "number_max",
            "condition_question",
            "condition_value",
        ]

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition_question"].queryset = survey.questions.exclude(
            pk=self.instance.pk
        ).exclude(kind__in=(K.TEXT, K.NUMBER, K.RANKING))
        self.fields["condition_question"].required = False
        if self.instance.pk:
            self.initial["options_text"] = "\n".join(o for o in self.instance.options or [])

    def clean(self):
        data = super().clean()
        lines = (data.get("options_text") or "").splitlines()
        self.instance.options = [line.strip() for line in lines if line.strip()]
        return data


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=_lazy("Anzahl neuer Zugangscodes"),
        min_value=1,
        max_value=5000,
        help_text=_lazy("So viele Briefe, wie Sie an die Zufallsstichprobe verschicken."),
    )


class StartForm(forms.Form):
    code = forms.CharField(label=_lazy("Ihr Zugangscode (steht im Brief)"), max_length=20)
    consent = forms.BooleanField(
        label=_lazy(
            "Ich habe den Datenschutzhinweis gelesen und bin einverstanden, dass meine "
            "Antworten ohne meinen Namen gespeichert und ausgewertet werden."
        ),
        error_messages={
            "required": _lazy("Bitte stimmen Sie zu, damit wir Ihre Antworten speichern können.")
        },
    )

    def __init__(self, *args, needs_code: bool, minimum_age=None, **kwargs):
        super().__init__(*args, **kwargs)
        if minimum_age:
            self.fields["old_enough"] = forms.BooleanField(
                label=_lazy("Ich bin mindestens %(n)d Jahre alt.") % {"n": minimum_age},
                error_messages={
                    "required": _lazy(
                        "Bei dieser Umfrage können Personen ab %(n)d Jahren mitmachen. Bitte "
                        "bestätigen Sie, dass Sie mindestens %(n)d Jahre alt sind."
                    )
                    % {"n": minimum_age}
                },
            )
        if not needs_code:
            del self.fields["code"]
        else:
            self.fields["code"].widget.attrs.update(
                {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
            )


class AnswerForm(forms.Form):
    """The questions of one page (or all for paper): fields ``q<id>`` (ranking: one select
    per option, ``q<id>_<n>``). ``values`` after ``is_valid``: {question id: value}."""

    def __init__(self, *args, questions: list[Question], initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.values: dict[int, object] = {}
        #: True when a question is shown in German on a page in another language (issue 18).
        self.untranslated = False
        initial_values = initial_values or {}
        for question in questions:
            self._add(question, initial_values.get(question.pk))

    def _text(self, question: Question, field: str):
        """The question's text in the page's language (German marked ``lang="de"``)."""
        value = localized(question, field)
        if value.fallback:
            self.untranslated = True
        if isinstance(value.text, list):
            return [self._mark(value, str(item)) if item else item for item in value.text]
        return self._mark(value, value.text)

    @staticmethod
    def _mark(value, text: str):
        attrs = value.attrs
        return format_html("<span{}>{}</span>", attrs, text) if attrs else text

    def _label(self, question: Question) -> str:
        return self._text(question, "text")

    def _condition_answer(self, question: Question):
        parent = question.condition_question
        options = list(parent.options or [])
        if question.condition_value in options:
            return self._text(parent, "options")[options.index(question.condition_value)]
        return question.condition_value

    def _help(self, question: Question) -> str:
        parts = [self._text(question, "help_text")] if question.help_text else []
        if question.condition_question_id:
            parts.append(
                mark_safe(  # sentence and both parts escaped
                    conditional_escape(
                        _("Nur beantworten, wenn Sie bei „%(q)s“ „%(a)s“ angegeben haben.")
                    )
                    % {
                        "q": conditional_escape(self._text(question.condition_question, "text")),
                        "a": conditional_escape(self._condition_answer(question)),
                    }
                )
            )
        if not question.required:
            parts.append(_("freiwillig"))
        return mark_safe(" ".join(conditional_escape(part) for part in parts))

    def _add(self, question: Question, value) -> None:
        name = answer_rules.field_name(question)
        required = question.required and not question.condition_question_id
        common = {
            "label": self._label(question),
            "help_text": self._help(question),
            "required": required,
            "error_messages": {
                "required": _("Bitte beantworten Sie diese Frage."),
                "invalid_choice": _("Bitte wählen Sie eine der angebotenen Antworten."),
            },
        }
        kind = question.kind
        shown_options = self._text(question, "options") if question.options else []
        if kind == K.RANKING:
            n = len(question.options or [])
            ranks = [("", "–")] + [(str(i), str(i)) for i in range(1, n + 1)]
            order = {index: rank for rank, index in enumerate(value or [], start=1)}
            for i in range(len(question.options or [])):
                field = forms.ChoiceField(
                    choices=ranks,
                    label=mark_safe(  # sentence and parts escaped
                        conditional_escape(_("Rang für „%(o)s“ (Frage: %(q)s)"))
                        % {
                            "o": conditional_escape(shown_options[i]),
                            "q": conditional_escape(common["label"]),
                        }
                    ),
                    help_text=(
                        _("1 = am wichtigsten. Jeden Rang von 1 bis %(n)d einmal vergeben.")
                        % {"n": n}
                        if i == 0
                        else ""
                    ),
                    required=required,
                    error_messages=common["error_messages"],
                )
                self.fields[f"{name}_{i}"] = field
                if i in order:
                    self.initial[f"{name}_{i}"] = str(order[i])
            return
        if kind == K.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=answer_rules.choices(question, shown_options),
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
            initial = [str(v) for v in value or []]
        elif kind in (K.SINGLE, K.SCALE, K.AGE_GROUP, K.SEX) or (
            kind == K.DISTRICT and question.options
        ):
            field = forms.ChoiceField(
                choices=answer_rules.choices(question, shown_options if question.options else None),
                widget=forms.RadioSelect,
                **common,
            )
            initial = "" if value is None else str(value)
        elif kind == K.NUMBER:
            field = forms.CharField(
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                max_length=12,
                **common,
            )
            initial = "" if value is None else str(value)
        elif kind == K.TEXT:
            field = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX_LENGTH}),
                **common,
            )
            initial = value or ""
        else:  # Ortsteil without a list
            field = forms.CharField(max_length=80, **common)
            initial = value or ""
        self.fields[name] = field
        self.initial[name] = initial

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = answer_rules.field_name(question)
            target = name if name in self.fields else f"{name}_0"
            if target in self.errors:
                continue
            value, error = answer_rules.parse(question, self.data)
            if error is None and value is not None:
                error = answer_rules.check(question, value)
            if error:
                self.add_error(target, error)
            elif value is not None:
                self.values[question.pk] = value
        return data

    def add_answer_errors(self, errors: dict[int, str]) -> None:
        """Errors of the service (by question id) on their fields."""
        for question in self.questions:
            if question.pk in errors:
                name = answer_rules.field_name(question)
                target = name if name in self.fields else f"{name}_0"
                if target in self.fields:
                    self.add_error(target, errors[question.pk])


class PaperForm(AnswerForm):
    """Staff enter a paper questionnaire: all questions, the key against a double save, and
    the access code printed on the returned sheet (code surveys, optional)."""

    submission = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "submission":
                field.required = False  # the sheet as it came back
        if survey.uses_codes:
            self.fields["paper_code"] = forms.CharField(
                label=_("Zugangscode auf dem Bogen (falls vorhanden)"),
                required=False,
                max_length=20,
                help_text=_("Dann gilt der Code als benutzt und kann nicht noch online antworten."),
            )
