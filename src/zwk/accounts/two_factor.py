"""Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and one-time backup codes.

Built on django-otp's TOTP and static devices. The password step only remembers *who* is
signing in (``pending``); the session is logged in after the second factor, so a stolen
password alone never yields a session. Required for the office, consultants and coordinators
when ``TWO_FACTOR_REQUIRED`` is on (default in production; see ``middleware.py``).
"""

from __future__ import annotations

import time
from base64 import b32encode
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zwk.accounts.services import audit_record

PENDING_KEY = "zwk_2fa_pending"
PENDING_SECONDS = 300
MAX_ATTEMPTS = 5
BACKUP_CODES = 10


def is_required(user) -> bool:
    """Office, consultants and coordinators hold other people's data: they need a second factor."""
    if not (settings.TWO_FACTOR_REQUIRED and user.is_authenticated):
        return False
    if user.is_office or user.is_consultant:
        return True
    return user.memberships.filter(role="coordinator").exists()


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def secret_for_humans(device: TOTPDevice) -> str:
    """The key in Base32 groups of four, for typing into an app without a camera."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def setup_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (re-used on reload, so the QR code stays valid)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name=_("Authenticator-App"), confirmed=False
    )


def _new_backup_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def confirm_setup(*, user, device: TOTPDevice, code: str, request) -> list[str] | None:
    """Confirm the app with a first code; returns fresh backup codes, or None if wrong."""
    if device.user_id != user.pk or not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()  # at most one app
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_backup_codes(user)
    otp_login(request, device)
    audit_record(
        actor=user,
        action="auth.2fa_enabled",
        message=_("Zwei-Faktor-Anmeldung eingerichtet"),
        request=request,
        security=True,
    )
    return codes


@transaction.atomic
def renew_backup_codes(*, user, request) -> list[str]:
    codes = _new_backup_codes(user)
    audit_record(
        actor=user,
        action="auth.2fa_backup_codes",
        message=_("Neue Backup-Codes erzeugt"),
        request=request,
        security=True,
    )
    return codes


@transaction.atomic
def disable(*, user, request) -> None:
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    audit_record(
        actor=user,
        action="auth.2fa_disabled",
        message=_("Zwei-Faktor-Anmeldung ausgeschaltet"),
        request=request,
        security=True,
    )


def check_code(user, code: str):
    """The device that accepts ``code`` (app code or unused backup code), else None.

    django-otp throttles failures per device (growing delays), so guessing is slow.
    """
    code = "".join(code.split()).lower()
    return match_token(user, code) if code else None


def is_throttled(user, device=None) -> bool:
    """After a wrong code django-otp makes each device wait (1 s, 2 s, 4 s, …)."""
    devices = [device] if device is not None else devices_for_user(user, confirmed=True)
    return any(not d.verify_is_allowed()[0] for d in devices)


def wrong_code_message(throttled: bool) -> str:
    """``throttled`` must be read *before* the check – a failed check throttles by itself."""
    if throttled:
        return _(
            "Der Code wurde nicht geprüft: nach einem falschen Code bitte einige Sekunden "
            "warten und dann den aktuellen Code eingeben."
        )
    return _("Der Code stimmt nicht oder ist abgelaufen.")


def verify_session(*, request, code: str) -> bool:
    """Mark an existing session as verified (e.g. signed in before 2FA became required)."""
    device = check_code(request.user, code)
    if device is None:
        return False
    otp_login(request, device)
    return True


# --- The login in two steps -----------------------------------------------------------------


@dataclass
class Pending:
    user: object
    backend: str
    next_url: str
    attempts: int


def begin_login(request, user, next_url: str) -> None:
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "since": time.time(),
        "attempts": 0,
    }


def pending_login(request) -> Pending | None:
    data = request.session.get(PENDING_KEY)
    if not data or time.time() - data["since"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    if user is None:
        return None
    return Pending(user, data["backend"], data["next"], data["attempts"])


def failed_attempt(request, pending: Pending) -> bool:
    """Count a wrong code; True when the limit is reached and the login starts over."""
    audit_record(
        actor=None,
        actor_label=pending.user.get_username(),
        action="auth.2fa_failed",
        message=_("Falscher Code bei der Zwei-Faktor-Anmeldung"),
        request=request,
        security=True,
    )
    data = request.session[PENDING_KEY]
    data["attempts"] += 1
    request.session.modified = True
    if data["attempts"] >= MAX_ATTEMPTS:
        request.session.pop(PENDING_KEY, None)
        return True
    return False


def complete_login(request, pending: Pending, device) -> None:
    request.session.pop(PENDING_KEY, None)
    auth_login(request, pending.user, backend=pending.backend)
    otp_login(request, device)
