"""Forms of the Austausch. Sanitising and the seat logic happen in the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwk.accounts.models import User
from zwk.core.content_language import TranslationsFormMixin
from zwk.core.sanitize import check_url
from zwk.exchange.models import Audience, EventStatus, EventType
from zwk.municipalities.models import Theme


class BerlinDateTimeField(forms.DateTimeField):
    """Entered in Europe/Berlin (the active time zone); a wall time that does not exist or
    exists twice on the day the clocks change gets a clear German message instead of a guess."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {
        "invalid": _("Bitte geben Sie Datum und Uhrzeit an, z. B. 2026-03-30 10:00."),
    }

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "ambiguous_timezone":
                raise ValidationError(
                    _(
                        "Diese Uhrzeit gibt es wegen der Zeitumstellung an diesem Tag nicht "
                        "oder doppelt. Bitte wählen Sie eine andere Uhrzeit."
                    ),
                    code="dst",
                ) from exc
            raise


class EventForm(TranslationsFormMixin, forms.Form):
    translated_fields = {"title": "title", "description": "description"}

    title = forms.CharField(label=_("Titel"), max_length=200)
    event_type = forms.ChoiceField(label=_("Format"), choices=EventType.choices)
    themes = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Theme.objects.filter(municipality__isnull=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        max_length=30_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Erlaubt sind einfache HTML-Auszeichnungen: <p>, <h2>–<h4>, <ul>, <ol>, <li>, "
            "<strong>, <em>, <a href>. Alles andere wird beim Speichern entfernt."
        ),
    )
    start = BerlinDateTimeField(label=_("Beginn"), help_text=_("Deutsche Zeit (Europe/Berlin)."))
    end = BerlinDateTimeField(label=_("Ende"), help_text=_("Deutsche Zeit (Europe/Berlin)."))
    online_link = forms.CharField(
        label=_("Zugangslink (online)"),
        max_length=500,
        required=False,
        help_text=_(
            "Nur http:// oder https://. Sehen nur bestätigte Teilnehmende und die Organisation."
        ),
    )
    place = forms.CharField(
        label=_("Ort (vor Ort)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Adresse und Raum; leer lassen bei reinen Online-Formaten."),
    )
    capacity = forms.IntegerField(label=_("Plätze"), min_value=1, max_value=10_000)
    audience = forms.ChoiceField(label=_("Zielgruppe"), choices=Audience.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(EventStatus.DRAFT, _("Entwurf")), (EventStatus.PUBLISHED, _("veröffentlicht"))],
        help_text=_("Entwürfe sehen nur die Geschäftsstelle und die Organisation."),
    )
    organiser = forms.ModelChoiceField(
        label=_("Organisation (Person)"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Darf die Veranstaltung bearbeiten, absagen und die Teilnahmeliste sehen."),
    )
    contact_email = forms.EmailField(label=_("Kontakt für Rückfragen"), required=False)

    def __init__(self, *args, allow_organiser: bool = True, cancelled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if cancelled:  # a cancelled event stays cancelled; texts may still be corrected
            del self.fields["status"]
        if allow_organiser:
            self.fields["organiser"].queryset = (
                User.objects.filter(is_active=True)
                .filter(Q(is_office=True) | Q(is_consultant=True) | Q(memberships__isnull=False))
                .distinct()
                .order_by("last_name", "first_name", "username")
            )
        else:
            del self.fields["organiser"]

    def clean_online_link(self):
        value = self.cleaned_data["online_link"].strip()
        return check_url(value) if value else ""

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
        return data

    @staticmethod
    def initial_from(event) -> dict:
        return {
            "title": event.title,
            "event_type": event.event_type,
            "themes": list(event.themes.all()),
            "description": event.description,
            "start": event.start,
            "end": event.end,
            "online_link": event.online_link,
            "place": event.place,
            "capacity": event.capacity,
            "audience": event.audience,
            "status": event.status,
            "organiser": event.organiser,
            "contact_email": event.contact_email,
        }

    def service_data(self) -> tuple[dict, list]:
        data = dict(self.cleaned_data)  # with "translations" (TranslationsFormMixin)
        themes = list(data.pop("themes"))
        return data, themes


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Vor- und Nachname"), max_length=200)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        help_text=_("Hierhin senden wir die Bestätigung, den Zugangslink und die Erinnerung."),
    )
    organisation = forms.CharField(
        label=_("Kommune oder Organisation"),
        max_length=200,
        help_text=_("z. B. „Gemeinde Musterdorf, Bauamt“"),
    )
    consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass meine Angaben für die Organisation dieser "
            "Veranstaltung gespeichert werden. Sie werden 12 Monate nach der Veranstaltung "
            "anonymisiert."
        ),
        error_messages={"required": _("Bitte stimmen Sie der Speicherung Ihrer Angaben zu.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _("Die E-Mail-Adresse Ihres Zugangs.")
            self.initial.setdefault("email", user.email)
            self.initial.setdefault("name", user.get_full_name() or user.username)
            first = user.memberships.select_related("municipality").first()
            if first:
                self.initial.setdefault("organisation", first.municipality.name)


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Absage (steht in der E-Mail an alle Angemeldeten)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DocumentationForm(forms.Form):
    summary = forms.CharField(
        label=_("Zusammenfassung"),
        required=False,
        max_length=30_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Ergebnisse, Fragen und Hinweise aus der Veranstaltung. Einfache HTML-Auszeichnungen "
            "sind erlaubt; alles andere wird beim Speichern entfernt."
        ),
    )
    recording_url = forms.CharField(
        label=_("Aufzeichnung (Adresse)"),
        max_length=500,
        required=False,
        help_text=_("Nur http:// oder https://, z. B. das Video auf der Plattform des Programms."),
    )
    slides = forms.FileField(
        label=_("Folien"),
        required=False,
        help_text=_("PDF, PowerPoint (PPTX) oder OpenDocument-Präsentation (ODP)."),
    )
    remove_slides = forms.BooleanField(label=_("Vorhandene Folien entfernen"), required=False)

    def clean_recording_url(self):
        value = self.cleaned_data["recording_url"].strip()
        return check_url(value) if value else ""
