"""Personal data of the registration (``zwk.core.personal_data``): the applications a person
sent with their e-mail address."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zwk.registration.models import Application


def _mine(user):
    email = (user.email or "").strip()
    return Application.objects.filter(email__iexact=email) if email else Application.objects.none()


def export_user(user) -> list[dict]:
    return [
        {
            _("Kommune"): a.display_name,
            _("Name"): a.person_name,
            _("Funktion"): a.function,
            _("E-Mail-Adresse"): a.email,
            _("Status"): str(a.get_status_display()),
            _("Eingang"): a.created_at.isoformat(),
        }
        for a in _mine(user)
    ]


def erase_user(user) -> int:
    count = 0
    for a in _mine(user):
        a.person_name = _("gelöscht")
        a.function = ""
        a.email = f"geloescht-{a.pk}@invalid.example"
        a.save(update_fields=["person_name", "function", "email"])
        count += 1
    return count
