from django import forms
from django.utils.translation import gettext_lazy as _


class LegalTextForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=50_000,
        help_text=_(
            "HTML mit Absätzen (p), Überschriften (h2, h3), Listen (ul, ol, li), Links (a), "
            "strong, em, address. Alles andere wird beim Speichern entfernt."
        ),
        error_messages={"required": _("Bitte geben Sie einen Text ein.")},
    )


class ErasureForm(forms.Form):
    password = forms.CharField(
        label=_("Ihr Passwort zur Bestätigung"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Bitte geben Sie Ihr Passwort ein.")},
    )
    confirm = forms.BooleanField(
        label=_("Ich möchte mein Konto und meine personenbezogenen Daten endgültig löschen."),
        error_messages={"required": _("Bitte bestätigen Sie die Löschung.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Das Passwort stimmt nicht."))
        return password


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, Benutzername oder E-Mail-Adresse"), max_length=200, required=False
    )


class AccessibilityFeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Welche Barriere haben Sie bemerkt?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "Beschreiben Sie bitte, was nicht funktioniert hat und wie Sie die Seite nutzen."
        ),
        error_messages={"required": _("Bitte beschreiben Sie die Barriere.")},
    )
    page = forms.CharField(
        label=_("Auf welcher Seite? (freiwillig)"),
        max_length=300,
        required=False,
        help_text=_("Zum Beispiel die Adresse der Seite oder ihre Überschrift."),
    )
    name = forms.CharField(label=_("Ihr Name (freiwillig)"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse (freiwillig)"),
        required=False,
        help_text=_("Nur wenn Sie eine Antwort wünschen."),
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")},
    )
