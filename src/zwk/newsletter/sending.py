"""Sending an issue: one ``Delivery`` row per recipient, sent in batches, each row claimed,
sent and marked ``sent`` in one transaction.

Why no mail is lost or sent twice when a send is interrupted:

* The rows are created once (unique (issue, subscriber) and ``idempotency_key``;
  ``bulk_create(ignore_conflicts=True)``), before the first mail goes out.
* A row is claimed inside a transaction – ``select_for_update(skip_locked=True)`` on
  PostgreSQL, so parallel workers take different rows without waiting; on SQLite a
  conditional UPDATE takes the database's write lock, which serialises the workers. The row
  is marked ``sent`` in the same transaction after the mail backend accepted the message.
* If the process dies or the mail backend raises, the transaction rolls back and the row
  stays ``pending``: the next run (retry of the task, or the periodic job) sends it. Rows
  marked ``sent`` are never claimed again.
* Ordinary errors of one recipient (refused address, SMTP hiccup) count an attempt; after
  ``NEWSLETTER_MAX_ATTEMPTS`` the row is ``failed`` and the issue can finish.

The one window left is a crash after the SMTP server accepted a message but before the
commit; the Message-ID derived from the idempotency key lets receiving systems drop such a
duplicate.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zwk.core import tasks
from zwk.newsletter import mail, selectors
from zwk.newsletter.models import Delivery, Issue, Subscriber

log = logging.getLogger(__name__)


def batch_size() -> int:
    return settings.NEWSLETTER_BATCH_SIZE


def max_attempts() -> int:
    return settings.NEWSLETTER_MAX_ATTEMPTS


@dataclass
class Outcome:
    issue_id: int
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    pending: int = 0
    finished: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def issue_start(*, issue_id: int) -> Issue:
    """Draft/scheduled → sending: freeze the pulled-in content and create the delivery rows.

    Idempotent: only the call that changes the status creates rows; later calls return the
    issue unchanged."""
    with transaction.atomic():
        started = Issue.objects.filter(
            pk=issue_id, status__in=[Issue.Status.DRAFT, Issue.Status.SCHEDULED]
        ).update(status=Issue.Status.SENDING, sending_started_at=timezone.now())
        issue = Issue.objects.get(pk=issue_id)
        if not started:
            return issue
        issue.extras = selectors.build_extras(issue)
        issue.save(update_fields=["extras"])
        Delivery.objects.bulk_create(
            [
                Delivery(
                    issue=issue,
                    subscriber_id=s.pk,
                    idempotency_key=Delivery.key_for(issue.pk, s.pk),
                )
                for s in selectors.recipients_for(issue)
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
    return issue


def _claim(pk: int) -> Delivery | None:
    """Lock one pending row for this transaction, or None if it is taken or done."""
    pending = Delivery.objects.filter(pk=pk, status=Delivery.Status.PENDING)
    if db_connection.features.has_select_for_update_skip_locked:
        return pending.select_for_update(skip_locked=True).first()
    # SQLite: the UPDATE takes the write lock until commit; a parallel worker's UPDATE waits
    # and then finds the row no longer pending.
    if not pending.update(updated_at=timezone.now()):
        return None
    return Delivery.objects.get(pk=pk)


def _deliver_one(pk: int, issue: Issue, connection) -> str:
    try:
        with transaction.atomic():
            row = _claim(pk)
            if row is None:
                return "busy"
            subscriber = (
                Subscriber.objects.filter(pk=row.subscriber_id).first()
                if row.subscriber_id
                else None
            )
            now = timezone.now()
            if subscriber is None or subscriber.status != Subscriber.Status.ACTIVE:
                row.status = Delivery.Status.SKIPPED
                row.save(update_fields=["status", "updated_at"])
                return "skipped"
            message = mail.issue_message(issue, subscriber, delivery=row, connection=connection)
            message.send()
            row.status = Delivery.Status.SENT
            row.attempts = F("attempts") + 1
            row.sent_at = now
            row.last_error = ""
            row.save(update_fields=["status", "attempts", "sent_at", "last_error", "updated_at"])
            return "sent"
    except Exception as exc:  # one recipient's failure; a crash (BaseException) propagates
        log.warning("newsletter: delivery %s failed: %s", pk, exc)
        with transaction.atomic():
            row = Delivery.objects.select_for_update().filter(pk=pk).first()
            if row is None or row.status != Delivery.Status.PENDING:
                return "busy"
            row.attempts += 1
            row.last_error = f"{type(exc).__name__}: {exc}"[:300]
            if row.attempts >= max_attempts():
                row.status = Delivery.Status.FAILED
            row.save(update_fields=["attempts", "last_error", "status", "updated_at"])
            return "failed" if row.status == Delivery.Status.FAILED else "retry"


def deliver_pending(*, issue_id: int, limit: int | None = None) -> Outcome:
    """Send every pending delivery of a sending issue once (in batches) and finish the issue
    when none is left. Rows that failed with attempts left stay pending for the next run."""
    outcome = Outcome(issue_id=issue_id)
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status != Issue.Status.SENDING:
        outcome.finished = issue is not None and issue.status == Issue.Status.SENT
        return outcome
    size = limit or batch_size()
    last_pk = 0
    while True:
        ids = list(
            issue.deliveries.filter(status=Delivery.Status.PENDING, pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if not ids:
            break
        last_pk = ids[-1]
        connection = get_connection()
        connection.open()
        try:
            for pk in ids:
                result = _deliver_one(pk, issue, connection)
                if result == "sent":
                    outcome.sent += 1
                elif result == "failed":
                    outcome.failed += 1
                elif result == "skipped":
                    outcome.skipped += 1
        finally:
            connection.close()
    outcome.pending = issue.deliveries.filter(status=Delivery.Status.PENDING).count()
    if not outcome.pending:
        outcome.finished = (
            bool(
                Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(
                    status=Issue.Status.SENT, sent_at=timezone.now()
                )
            )
            or Issue.objects.filter(pk=issue_id, status=Issue.Status.SENT).exists()
        )
    return outcome


def enqueue(issue_id: int) -> None:
    """Hand the issue to the background job (runs at once when Celery is eager). Errors are
    logged, not raised: the pending rows stay and the periodic job picks them up again."""
    try:
        tasks.enqueue("zwk.newsletter.send_issue", issue_id)
    except Exception:
        log.exception("newsletter: sending issue %s could not be started", issue_id)


def send_due_issues(*, enqueue_jobs: bool = True) -> list[int]:
    """Start every scheduled issue whose time has come and (re)enqueue every issue that is
    still sending (unless the caller delivers itself). Safe to run as often as wanted and in
    parallel."""
    due = Issue.objects.filter(
        status=Issue.Status.SCHEDULED, scheduled_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    for issue_id in list(due):
        issue_start(issue_id=issue_id)
    sending = list(Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", flat=True))
    if enqueue_jobs:
        for issue_id in sending:
            enqueue(issue_id)
    return sending
