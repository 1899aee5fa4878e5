"""Signed links of a double opt-in (newsletter subscribers, followers of a contribution).

* The confirmation link carries the record's id and its ``confirm_nonce`` – a new nonce when
  the link is used or sent again – and expires after the app's confirmation hours.
* The link of every mail (unsubscribe, preferences) carries the id and the ``link_key``; it
  never expires (a mail from last year must still unsubscribe) but dies with a new key.

A token is ``django.core.signing.dumps({<id name>: pk, "n" or "k": key}, salt=<app>.confirm
or <app>.link)``. Links already sent must keep working: the salts, the names in the payload
and their order must not change (``tests/zwk/core/test_signed_links.py`` holds such links).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import get_random_string


def new_key() -> str:
    """A fresh nonce or link key."""
    return get_random_string(32)


class Problem(enum.Enum):
    INVALID = "invalid"
    EXPIRED = "expired"


@dataclass(frozen=True)
class OptInLinks:
    """The two links of one app: ``salt`` (``"zwk.newsletter"``), ``id_name`` (the record's id
    in the payload) and ``confirm_hours`` (read when a link is checked: it may be a setting)."""

    salt: str
    id_name: str
    confirm_hours: Callable[[], int]

    def confirm_token(self, record) -> str:
        payload = {self.id_name: record.pk, "n": record.confirm_nonce}
        return signing.dumps(payload, salt=f"{self.salt}.confirm")

    def link_token(self, record) -> str:
        return signing.dumps(
            {self.id_name: record.pk, "k": record.link_key}, salt=f"{self.salt}.link"
        )

    def read_confirm(self, token: str) -> tuple[int, str] | Problem:
        """(id, nonce – ``""`` if the token has none) or a :class:`Problem`."""
        return self._read(token, "confirm", "n", max_age=self.confirm_hours() * 3600)

    def read_link(self, token: str) -> tuple[int, str] | Problem:
        """(id, link key – ``""`` if the token has none) or :attr:`Problem.INVALID`."""
        return self._read(token, "link", "k", max_age=None)

    def _read(self, token, purpose, key_name, *, max_age) -> tuple[int, str] | Problem:
        try:
            data = signing.loads(token, salt=f"{self.salt}.{purpose}", max_age=max_age)
        except signing.SignatureExpired:
            return Problem.EXPIRED
        except signing.BadSignature:
            return Problem.INVALID
        if not isinstance(data, dict) or not isinstance(data.get(self.id_name), int):
            return Problem.INVALID
        return data[self.id_name], str(data.get(key_name) or "")
