"""Secret link tokens never reach a log (issue 21.13).

Invitation links, password-reset links, newsletter settings and event registrations carry
their authorisation in the path; an invite-only Zukunftswerkstatt its key in ``?einladung=``.
Django logs such paths ("Not Found: /einladung/…", "Bad Request: …") and gunicorn's access
log the request line and the Referer (a page under a token link sends it with every
stylesheet). ``redact`` replaces the secret part with ``***``; ``RedactSecretsFilter`` applies
it to every log record of the console handler (settings ``LOGGING``), and
``zwk.core.gunicorn_logging.RedactingLogger`` to gunicorn's access log.

``tests/zwk/test_security_hardening.py`` reverses every URL pattern with a ``token`` or
``uidb64`` part and checks that it is redacted – a new token URL must be added here.
"""

from __future__ import annotations

import logging
import re

MASK = "***"
_SEGMENT = r"[^/?#\s\"'<>]+"
_PATTERNS = [
    # /einladung/<token>/, /austausch/anmeldung/<token>/…, /newsletter/<action>/<token>/,
    # /kommune-anmelden/bestaetigen/<token>/, /kommunen/<slug>/ergebnisse/<action>/<token>/
    # (followers), /beteiligung/lehrkraft/<token>/… (a class's teacher)
    re.compile(
        r"(/(?:einladung|austausch/anmeldung|kommune-anmelden/bestaetigen"
        r"|newsletter/(?:bestaetigen|einstellungen|abmelden)"
        r"|ergebnisse/(?:bestaetigen|abmelden)|beteiligung/lehrkraft)/)" + _SEGMENT
    ),
    # /passwort-neu/<uidb64>/<token>/ (Django then continues under …/set-password/)
    re.compile(r"(/passwort-neu/)" + _SEGMENT + "/" + _SEGMENT),
    # ?einladung=<key> of an invite-only Zukunftswerkstatt (also URL-encoded in ?next=)
    re.compile(r"((?:[?&]|%3F|%26)einladung(?:=|%3D))[^&#\s\"'<>]+", re.IGNORECASE),
]


def redact(text: str) -> str:
    """``text`` with every secret link token replaced by ``***``."""
    for pattern in _PATTERNS:
        text = pattern.sub(
            lambda m: m.group(1) + (MASK + "/" + MASK if "passwort-neu" in m.group(1) else MASK),
            text,
        )
    return text


class RedactSecretsFilter(logging.Filter):
    """Rewrite a record whose message holds a secret link token (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
