"""Who a login attempt is for: one key per person, however the name is spelt.

django-axes counts failed logins per "username" as typed. Login accepts the username or the
e-mail address in any case (``User.objects.get_by_login``), so without this, ``Beratung3``,
``BERATUNG3`` and ``beratung3@example.org`` were five fresh attempts each while ``beratung3``
was locked. ``AXES_USERNAME_CALLABLE`` points here: a spelling of an existing account counts
for that account (its username in lower case); an unknown name counts as typed, in lower case.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from zwk.accounts.models import User


def login_identifier(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The key django-axes counts failed logins under (see the module docstring)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    elif request is not None:
        typed = getattr(request, "data", request.POST).get(field)
    else:
        typed = None
    if typed is None:
        return None
    typed = str(typed).strip()
    try:
        return User.objects.get_by_login(typed).username.lower()
    except (User.DoesNotExist, User.MultipleObjectsReturned):
        return typed.lower()
