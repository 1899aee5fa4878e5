"""E-mail from a service: built and sent once the transaction commits, one way for all apps.

A rollback sends nothing, a mail is never sent for a row the recipient cannot find yet, and
a mail server failure is logged but never undoes (or 500s) what was saved::

    send_after_commit(lambda: message(subject, body, [user.email]), what="invitation")

The builder runs after the commit, so it may read fresh rows. Mails that must go out only once
(reminders, digests) record what was sent in the database in the same transaction as the
sending decision (``ReviewSchedule.reminder_sent_for``, ``DigestState``); a repeated run then
finds nothing to send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.core.mail import EmailMessage
from django.db import transaction

log = logging.getLogger(__name__)

Built = EmailMessage | Iterable[EmailMessage] | None


def message(subject: str, body: str, to: Iterable[str], **kwargs) -> EmailMessage:
    """A plain-text mail from ``DEFAULT_FROM_EMAIL``; the subject on one line."""
    return EmailMessage(" ".join(str(subject).split()), body, None, list(to), **kwargs)


def send_after_commit(build: Callable[[], Built], *, what: str) -> None:
    """Build and send the mail(s) after the current transaction commits (at once outside one).
    ``what`` names the mail in the log when sending fails."""

    def send() -> None:
        try:
            built = build()
        except Exception:
            log.exception("mail %s could not be built", what)
            return
        for mail in [built] if isinstance(built, EmailMessage) else built or []:
            try:  # one refused recipient does not stop the others
                mail.send()
            except Exception:
                log.exception("mail %s could not be sent", what)

    transaction.on_commit(send)
