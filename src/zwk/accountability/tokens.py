"""Signed links of followers, made and checked by ``zwk.core.signed_links`` (the newsletter's
scheme): the confirmation link carries a nonce that changes when it is used and expires after
``CONFIRM_HOURS``; the unsubscribe link carries the follower's ``link_key`` and never expires
(an old mail must still unsubscribe)."""

from __future__ import annotations

from zwk.core.signed_links import OptInLinks, Problem
from zwk.core.signed_links import new_key as new_key  # services make their keys here

CONFIRM_HOURS = 72
EXPIRED = "expired"
INVALID = "invalid"

LINKS = OptInLinks(salt="zwk.accountability", id_name="f", confirm_hours=lambda: CONFIRM_HOURS)


def confirm_token(follower) -> str:
    return LINKS.confirm_token(follower)


def link_token(follower) -> str:
    return LINKS.link_token(follower)


def read(token: str, *, confirm: bool) -> tuple[int, str] | str:
    """(follower id, key) or EXPIRED / INVALID – a token without a key is invalid."""
    found = LINKS.read_confirm(token) if confirm else LINKS.read_link(token)
    if found is Problem.EXPIRED:
        return EXPIRED
    if found is Problem.INVALID or not found[1]:
        return INVALID
    return found
