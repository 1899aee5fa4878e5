"""Background jobs of the newsletter (Celery; synchronous when no Redis is configured)."""

from __future__ import annotations

from celery import shared_task

from zwk.newsletter import sending


@shared_task(bind=True, name="zwk.newsletter.send_issue", max_retries=5, acks_late=True)
def send_issue(self, issue_id: int) -> dict:
    """Send all pending deliveries of an issue in batches. Rows that failed with attempts
    left are retried with growing delays; after the last retry the periodic job takes over."""
    outcome = sending.deliver_pending(issue_id=issue_id)
    if outcome.pending and self.request.is_eager:
        # Without a broker (no Redis) there is no delayed retry: try again at once, as many
        # rounds as a row has attempts; what is still left waits for the periodic job.
        for _round in range(sending.max_attempts()):
            outcome = sending.deliver_pending(issue_id=issue_id)
            if not outcome.pending:
                break
    elif outcome.pending and self.request.retries < self.max_retries:
        raise self.retry(countdown=min(60 * 2**self.request.retries, 3600))
    return outcome.as_dict()


@shared_task(name="zwk.newsletter.send_scheduled")
def send_scheduled() -> list[int]:
    """Periodic (Celery beat): start scheduled issues that are due, resume interrupted ones."""
    return sending.send_due_issues()
