"""Forms of the Ideensammlung: the participant's (introduce yourself, idea, comment, report)
and the team's (collection, status, official answer, hiding, merging). The services check
everything again; the forms give the fields and the first German messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.core.content_language import TranslationsFormMixin
from zwk.participation.models import (
    COMMENT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AgeGroup,
    IdeaCollection,
    IdeaStatus,
    SchoolClass,
)


class ParticipantForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Name oder Spitzname"),
        max_length=40,
        help_text=_("Wird bei Ihren Ideen und Kommentaren angezeigt. Ein Spitzname genügt."),
    )
    age_group = forms.ChoiceField(
        label=_("Altersgruppe (freiwillig)"),
        choices=[("", _("keine Angabe")), *AgeGroup.choices],
        required=False,
    )
    district = forms.CharField(label=_("Ortsteil (freiwillig)"), max_length=80, required=False)
    consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass meine Ideen und Kommentare mit meinem Namen oder "
            "Spitznamen öffentlich gezeigt werden."
        ),
        error_messages={
            "required": _("Bitte stimmen Sie zu, damit wir Ihre Beiträge speichern dürfen.")
        },
    )

    def __init__(self, *args, minimum_age=None, **kwargs):
        super().__init__(*args, **kwargs)
        if minimum_age:
            self.fields["old_enough"] = forms.BooleanField(
                label=_("Ich bin mindestens %(n)d Jahre alt.") % {"n": minimum_age},
                error_messages={
                    "required": _(
                        "Bei diesem Projekt können Personen ab %(n)d Jahren mitmachen. Bitte "
                        "bestätigen Sie, dass Sie mindestens %(n)d Jahre alt sind."
                    )
                    % {"n": minimum_age}
                },
            )


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Titel Ihrer Idee"), max_length=TITLE_MAX_LENGTH)
    text = forms.CharField(
        label=_("Beschreiben Sie Ihre Idee"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    theme = forms.ModelChoiceField(
        label=_("Handlungsfeld"), queryset=None, required=False, empty_label=_("bitte wählen")
    )
    photo = forms.ImageField(
        label=_("Foto (freiwillig)"),
        required=False,
        help_text=_("JPEG oder PNG. Standort- und Kameradaten im Bild werden entfernt."),
    )
    place = forms.CharField(
        label=_("Ort oder Adresse (freiwillig)"),
        max_length=200,
        required=False,
        help_text=_("z. B. „Marktplatz, vor der Apotheke“"),
    )
    district = forms.CharField(label=_("Ortsteil (freiwillig)"), max_length=80, required=False)
    latitude = forms.CharField(label=_("Breitengrad (freiwillig)"), required=False, max_length=20)
    longitude = forms.CharField(label=_("Längengrad (freiwillig)"), required=False, max_length=20)
    submission = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = project.themes.all()
        # A photo is checked and re-encoded by the service (``core.uploads``), not by Pillow here.
        self.fields["photo"] = forms.FileField(
            label=self.fields["photo"].label,
            required=False,
            help_text=self.fields["photo"].help_text,
        )
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png"


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Ihr Kommentar"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    submission = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("Was ist das Problem?"), max_length=300)
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CollectionForm(TranslationsFormMixin, forms.ModelForm):
    translated_fields = {"title": "title", "intro": "intro"}

    class Meta:
        model = IdeaCollection
        fields = ["title", "intro", "phase"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = project.phases.all()
        self.fields["phase"].empty_label = None


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"), choices=IdeaStatus.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Öffentliche Begründung"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pflicht bei „nicht umsetzbar“. Wird auf der Seite der Idee gezeigt."),
    )
    measure = forms.ModelChoiceField(
        label=_("Maßnahme im Werkstattplan"),
        queryset=None,
        required=False,
        empty_label=_("keine"),
        help_text=_("Pflicht bei „in den Werkstattplan übernommen“."),
    )

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures


class OfficialAnswerForm(forms.Form):
    official_answer = forms.CharField(
        label=_("Antwort der Kommune"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund (wird öffentlich gezeigt)"), max_length=200, required=False
    )


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Zusammenführen mit (die Idee, die bleibt)"), queryset=None, empty_label=None
    )

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            idea.collection.ideas.filter(merged_into__isnull=True)
            .exclude(pk=idea.pk)
            .only("pk", "title")
            .order_by("title", "pk")
        )


class FilterForm(forms.Form):
    """Sort and filters of the public idea list (GET)."""

    sortierung = forms.ChoiceField(
        label=_("Sortierung"),
        required=False,
        choices=[
            ("neu", _("neueste zuerst")),
            ("unterstuetzt", _("am meisten unterstützt")),
            ("diskutiert", _("am meisten diskutiert")),
        ],
    )
    handlungsfeld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    stand = forms.ChoiceField(
        label=_("Stand"), required=False, choices=[("", _("alle")), *IdeaStatus.choices]
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlungsfeld"].choices = [("", _("alle"))] + [
            (str(t.pk), str(t)) for t in themes
        ]


# --- Schulklassen-Modus ---------------------------------------------------------------------


class SchoolClassForm(forms.ModelForm):
    class Meta:
        model = SchoolClass
        fields = ["name", "teacher_email", "valid_until"]
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ClassJoinForm(forms.Form):
    code = forms.CharField(
        label=_("Klassencode"),
        help_text=_("Den Code hat Ihre Lehrkraft, z. B. „K7B3XR2M“."),
        error_messages={"required": _("Bitte geben Sie den Klassencode ein.")},
    )
