"""Writes of the API app: creating, using and revoking tokens (each audited)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record
from zwk.api.models import ApiToken, Scope

TOKEN_START = "zwk_"
MAX_ACTIVE_TOKENS = 20
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, user, name: str, scopes: list[str], valid_days: int | None, request=None
) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns it with the plain token (shown once)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Bitte geben Sie eine Bezeichnung an."))
    valid = set(Scope.values)
    if not scopes or not set(scopes) <= valid:
        raise ValidationError(_("Bitte wählen Sie mindestens eine gültige Berechtigung."))
    if valid_days is not None and not 1 <= valid_days <= 366:
        raise ValidationError(_("Die Gültigkeit muss zwischen 1 und 366 Tagen liegen."))
    if ApiToken.objects.filter(user=user).active().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Sie haben bereits %(n)d gültige Tokens. Bitte widerrufen Sie zuerst eines.")
            % {"n": MAX_ACTIVE_TOKENS}
        )
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # pragma: no cover – 2^32 space
        prefix = secrets.token_hex(4)
    plain = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=prefix,
        key_hash=hash_token(plain),
        scopes=[s for s in Scope.values if s in scopes],
        expires_at=timezone.now() + timedelta(days=valid_days) if valid_days else None,
    )
    audit_record(
        actor=user,
        action="api.token_created",
        message=_("API-Token „%(name)s“ (%(prefix)s) erstellt, Berechtigungen: %(scopes)s")
        % {"name": token.name, "prefix": prefix, "scopes": ", ".join(token.scopes)},
        obj=token,
        request=request,
        security=True,
    )
    return token, plain


@transaction.atomic
def token_revoke(*, token: ApiToken, by, request=None) -> ApiToken:
    """Revoke ``token`` (idempotent: a revoked token stays revoked, no second entry)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=by,
        action="api.token_revoked",
        message=_("API-Token „%(name)s“ (%(prefix)s) widerrufen")
        % {"name": token.name, "prefix": token.prefix},
        obj=token,
        request=request,
        security=True,
    )
    return token


def token_authenticate(plain: str) -> ApiToken | None:
    """The active token for ``plain`` (None if unknown, revoked or expired).

    Updates ``last_used_at`` at most once a minute, so that reads do not write every time.
    """
    if not plain.startswith(TOKEN_START) or len(plain) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(plain)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


# --- Personal data (DSGVO export and erasure via zwk.core.personal_data) ------------------


def personal_data_export(user) -> list[dict]:
    """The user's tokens without any secret: name, prefix, scopes and dates."""
    return [
        {
            "name": t.name,
            "prefix": t.prefix,
            "scopes": t.scopes,
            "created_at": t.created_at.isoformat(),
            "expires_at": t.expires_at.isoformat() if t.expires_at else None,
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in ApiToken.objects.filter(user=user).order_by("created_at", "pk")
    ]


def personal_data_erase(user) -> int:
    """Delete the user's tokens (a token only exists for its person)."""
    deleted, _per_model = ApiToken.objects.filter(user=user).delete()
    return deleted
