"""Personal data of followers for the DSGVO export and erasure, keyed by the user's e-mail
address (followers have no account; the address links them to a user)."""

from __future__ import annotations

from django.db import transaction

from zwk.accountability.models import Follower

#: Unconfirmed follow requests are deleted after this many days (daily task).
PENDING_DAYS = 14


def _followers(user):
    email = (getattr(user, "email", "") or "").strip()
    if not email:
        return Follower.objects.none()
    return Follower.objects.filter(email__iexact=email)


def export_user(user) -> list[dict]:
    return [
        {
            "kommune": f.municipality.name,
            "email": f.email,
            "folgt": str(f.get_kind_display()),
            "beitrag": f.object_id or None,
            "status": f.status,
            "angefragt_am": f.created_at.isoformat(),
            "einwilligung_am": f.consented_at.isoformat() if f.consented_at else None,
            "einwilligungstext": f.consent_version,
            "sprache": f.language or None,
            "abgemeldet_am": f.unsubscribed_at.isoformat() if f.unsubscribed_at else None,
        }
        for f in _followers(user).select_related("municipality")
    ]


@transaction.atomic
def erase_user(user) -> int:
    count, _detail = _followers(user).delete()
    return count
