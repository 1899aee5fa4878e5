"""Signed links of the newsletter and the keyed hash of IP addresses.

* Confirmation links (double opt-in) carry the subscriber and a nonce that changes when the
  link is used or a new one is sent, and expire after ``NEWSLETTER_CONFIRM_HOURS``.
* Unsubscribe and preference links carry the subscriber and its ``link_key``; they do not
  expire (a mail from last year must still unsubscribe) but die when the key is renewed.

The signing is ``zwk.core.signed_links`` (shared with the followers of ``zwk.accountability``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac

from zwk.core.net import client_ip
from zwk.core.signed_links import OptInLinks, Problem
from zwk.core.signed_links import new_key as new_key  # services make their keys here


def confirm_hours() -> int:
    return settings.NEWSLETTER_CONFIRM_HOURS


LINKS = OptInLinks(salt="zwk.newsletter", id_name="s", confirm_hours=confirm_hours)


def confirm_token(subscriber) -> str:
    return LINKS.confirm_token(subscriber)


def link_token(subscriber) -> str:
    return LINKS.link_token(subscriber)


@dataclass(frozen=True)
class Payload:
    subscriber_id: int
    key: str


def read_confirm_token(token: str) -> Payload | Problem:
    return _payload(LINKS.read_confirm(token))


def read_link_token(token: str) -> Payload | Problem:
    return _payload(LINKS.read_link(token))


def _payload(found) -> Payload | Problem:
    return found if isinstance(found, Problem) else Payload(*found)


def ip_hash(request) -> str:
    """HMAC-SHA256 of the client's IP address under a secret key: the same network yields the
    same value (to spot mass sign-ups), but the address cannot be read back or looked up
    without the key. The raw address is never stored."""
    ip = client_ip(request)
    if not ip:
        return ""
    secret = settings.NEWSLETTER_IP_HASH_KEY or settings.SECRET_KEY
    return salted_hmac("zwk.newsletter.ip", ip, secret=secret, algorithm="sha256").hexdigest()
