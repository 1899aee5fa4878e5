"""Signed links of the newsletter and the keyed hash of IP addresses.

* Confirmation links (double opt-in) carry the subscriber and a nonce that changes when the
  link is used or a new one is sent, and expire after ``NEWSLETTER_CONFIRM_HOURS``.
* Unsubscribe and preference links carry the subscriber and its ``link_key``; they do not
  expire (a mail from last year must still unsubscribe) but die when the key is renewed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import get_random_string, salted_hmac

from zwk.core.net import client_ip

CONFIRM_SALT = "zwk.newsletter.confirm"
LINK_SALT = "zwk.newsletter.link"


def confirm_hours() -> int:
    return settings.NEWSLETTER_CONFIRM_HOURS


def new_key() -> str:
    return get_random_string(32)


def confirm_token(subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "n": subscriber.confirm_nonce}, salt=CONFIRM_SALT)


def link_token(subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "k": subscriber.link_key}, salt=LINK_SALT)


class Problem(enum.Enum):
    INVALID = "invalid"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Payload:
    subscriber_id: int
    key: str


def read_confirm_token(token: str) -> Payload | Problem:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_hours() * 3600)
    except signing.SignatureExpired:
        return Problem.EXPIRED
    except signing.BadSignature:
        return Problem.INVALID
    return _payload(data, "n")


def read_link_token(token: str) -> Payload | Problem:
    try:
        data = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        return Problem.INVALID
    return _payload(data, "k")


def _payload(data, key_name: str) -> Payload | Problem:
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return Problem.INVALID
    return Payload(data["s"], str(data.get(key_name) or ""))


def ip_hash(request) -> str:
    """HMAC-SHA256 of the client's IP address under a secret key: the same network yields the
    same value (to spot mass sign-ups), but the address cannot be read back or looked up
    without the key. The raw address is never stored."""
    ip = client_ip(request)
    if not ip:
        return ""
    secret = settings.NEWSLETTER_IP_HASH_KEY or settings.SECRET_KEY
    return salted_hmac("zwk.newsletter.ip", ip, secret=secret, algorithm="sha256").hexdigest()
