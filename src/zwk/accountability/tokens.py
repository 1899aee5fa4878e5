"""Signed links of followers (the newsletter's scheme, zwk.newsletter.tokens, which this tier
may not import): the confirmation link carries a nonce that changes when it is used and expires
after ``CONFIRM_HOURS``; the unsubscribe link carries the follower's ``link_key`` and never
expires (an old mail must still unsubscribe)."""

from __future__ import annotations

from django.core import signing
from django.utils.crypto import get_random_string

CONFIRM_SALT = "zwk.accountability.confirm"
LINK_SALT = "zwk.accountability.link"
CONFIRM_HOURS = 72


def new_key() -> str:
    return get_random_string(32)


def confirm_token(follower) -> str:
    return signing.dumps({"f": follower.pk, "n": follower.confirm_nonce}, salt=CONFIRM_SALT)


def link_token(follower) -> str:
    return signing.dumps({"f": follower.pk, "k": follower.link_key}, salt=LINK_SALT)


EXPIRED = "expired"
INVALID = "invalid"


def read(token: str, *, confirm: bool) -> tuple[int, str] | str:
    """(follower id, key) or EXPIRED / INVALID."""
    try:
        if confirm:
            data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_HOURS * 3600)
        else:
            data = signing.loads(token, salt=LINK_SALT)
    except signing.SignatureExpired:
        return EXPIRED
    except signing.BadSignature:
        return INVALID
    key = "n" if confirm else "k"
    if not isinstance(data, dict) or not isinstance(data.get("f"), int) or not data.get(key):
        return INVALID
    return data["f"], str(data[key])
