from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from zwk.accounts.models import AuditEntry, User

# The full name ("Vorname Nachname") is what the audit log and posts show; it must fit there.
FULL_NAME_MAX = AuditEntry._meta.get_field("actor_label").max_length


def check_full_name(form: forms.Form, data: dict) -> None:
    """First and last name may be 150 characters each, together they must fit the name column."""
    full = f"{data.get('first_name') or ''} {data.get('last_name') or ''}".strip()
    if len(full) > FULL_NAME_MAX:
        form.add_error(
            "last_name",
            _(
                "Vor- und Nachname dürfen zusammen höchstens %(max)d Zeichen lang sein "
                "(jetzt: %(n)d)."
            )
            % {"max": FULL_NAME_MAX, "n": len(full)},
        )


def _user_field_length(name: str) -> int:
    return User._meta.get_field(name).max_length


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Benutzername oder E-Mail-Adresse"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "Benutzername/E-Mail-Adresse oder Passwort sind nicht richtig. "
            "Achten Sie auf Groß- und Kleinschreibung beim Passwort."
        ),
        "inactive": _("Dieses Konto ist deaktiviert."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # After a failed attempt, focus belongs to the error summary, not the first field.
            self.fields["username"].widget.attrs.pop("autofocus", None)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "organisation", "phone"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Diese E-Mail-Adresse wird schon von einem anderen Konto verwendet.")
            )
        return email

    def clean(self):
        data = super().clean()
        check_full_name(self, data)
        return data


class AccountSetupForm(forms.Form):
    """Used when an invitation creates a new account."""

    first_name = forms.CharField(label=_("Vorname"), max_length=_user_field_length("first_name"))
    last_name = forms.CharField(label=_("Nachname"), max_length=_user_field_length("last_name"))
    username = forms.SlugField(
        label=_("Benutzername"),
        max_length=_user_field_length("username"),
        help_text=_("Kleinbuchstaben, Ziffern und Bindestriche."),
    )
    password1 = forms.CharField(
        label=_("Passwort"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_username(self):
        username = self.cleaned_data["username"].lower()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Dieser Benutzername ist schon vergeben."))
        return username

    def clean(self):
        data = super().clean()
        check_full_name(self, data)
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Die Passwörter stimmen nicht überein."))
        elif p1:
            user = User(
                username=data.get("username", ""),
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("Die sechs Ziffern aus Ihrer Authenticator-App oder ein Backup-Code."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
        error_messages={"required": _("Bitte geben Sie den Code ein.")},
    )
