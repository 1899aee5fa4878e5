"""Writes of the newsletter: sign-up with double opt-in, confirmation, preferences,
unsubscribing, and the office's issues (write, schedule, test, send).

Sign-up never reveals whether an address is known: the form always answers the same, and
what happens next is told to the owner of the address by mail.
"""

from __future__ import annotations

import enum
import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record
from zwk.core import ratelimit
from zwk.newsletter import mail, tokens
from zwk.newsletter.content import CONSENT_VERSION, clean
from zwk.newsletter.models import ConsentRecord, Issue, Subscriber, Topic

log = logging.getLogger(__name__)

# At most one mail per address in this interval, however often the form is sent.
RESEND_INTERVAL = timedelta(minutes=10)


def _topics(values) -> list[str]:
    allowed = set(Topic.values)
    return sorted({v for v in values or [] if v in allowed})


def _consent(subscriber, action, request, via="web") -> ConsentRecord:
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        action=action,
        text_version=CONSENT_VERSION,
        ip_hash=tokens.ip_hash(request),
        via=via,
    )


# --- subscribers ------------------------------------------------------------------------


def signup_request(*, email: str, topics=(), request=None) -> None:
    """Record a sign-up and send the confirmation mail (or a notice to an active subscriber).

    Returns nothing on purpose: the caller must answer the same for every address."""
    email = email.strip()
    # Per e-mail address as well as per client address (the view): however many networks
    # send the form, one mailbox gets only a few mails a day. Silent – the answer is the same.
    if ratelimit.exceeded("newsletter.confirmation", email.lower()):
        return
    now = timezone.now()
    notify = None
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                email=email,
                topics=_topics(topics),
                confirm_nonce=tokens.new_key(),
                link_key=tokens.new_key(),
                confirm_sent_at=now,
            )
            _consent(subscriber, ConsentRecord.Action.REQUESTED, request)
            notify = mail.send_confirmation
        elif subscriber.confirm_sent_at and now - subscriber.confirm_sent_at < RESEND_INTERVAL:
            return  # a mail just went out: do not let the form flood the mailbox
        elif subscriber.status == Subscriber.Status.ACTIVE:
            subscriber.confirm_sent_at = now
            subscriber.save(update_fields=["confirm_sent_at"])
            notify = mail.send_already_subscribed
        else:  # pending or unsubscribed: a fresh confirmation; older links stop working
            subscriber.status = Subscriber.Status.PENDING
            subscriber.topics = _topics(topics)
            subscriber.confirm_nonce = tokens.new_key()
            subscriber.confirm_sent_at = now
            subscriber.save(update_fields=["status", "topics", "confirm_nonce", "confirm_sent_at"])
            _consent(subscriber, ConsentRecord.Action.REQUESTED, request)
            notify = mail.send_confirmation
    ratelimit.hit("newsletter.confirmation", email.lower())
    _notify(notify, subscriber)  # after the commit: the link must find the row


def _notify(send, subscriber) -> None:
    try:
        send(subscriber)
    except Exception:  # the form must not tell whether the mail could be sent
        log.exception("newsletter: mail to subscriber %s failed", subscriber.pk)


class ConfirmResult(enum.Enum):
    CONFIRMED = "confirmed"
    ALREADY = "already"  # used link, or the address is confirmed already
    EXPIRED = "expired"
    INVALID = "invalid"


def confirmation_check(token: str) -> tuple[ConfirmResult, Subscriber | None]:
    """What the confirmation link would do, without doing it (for the GET page)."""
    payload = tokens.read_confirm_token(token)
    if payload is tokens.Problem.EXPIRED:
        return ConfirmResult.EXPIRED, None
    if payload is tokens.Problem.INVALID:
        return ConfirmResult.INVALID, None
    subscriber = Subscriber.objects.filter(pk=payload.subscriber_id).first()
    if subscriber is None:
        return ConfirmResult.INVALID, None
    if (
        subscriber.status != Subscriber.Status.PENDING
        or not subscriber.confirm_nonce
        or payload.key != subscriber.confirm_nonce
    ):
        return ConfirmResult.ALREADY, subscriber
    return ConfirmResult.CONFIRMED, subscriber


def subscriber_confirm(*, token: str, request=None) -> tuple[ConfirmResult, Subscriber | None]:
    """Use a confirmation link once: the subscriber becomes active and the nonce is cleared,
    so the same link (or an older one) cannot confirm again."""
    with transaction.atomic():
        result, subscriber = confirmation_check(token)
        if result is not ConfirmResult.CONFIRMED:
            return result, subscriber
        updated = Subscriber.objects.filter(
            pk=subscriber.pk,
            status=Subscriber.Status.PENDING,
            confirm_nonce=subscriber.confirm_nonce,
        ).update(
            status=Subscriber.Status.ACTIVE,
            confirm_nonce="",
            confirmed_at=timezone.now(),
            unsubscribed_at=None,
        )
        if not updated:  # a parallel request used it first
            return ConfirmResult.ALREADY, subscriber
        subscriber.refresh_from_db()
        _consent(subscriber, ConsentRecord.Action.CONFIRMED, request)
    return ConfirmResult.CONFIRMED, subscriber


def subscriber_for_link(token: str) -> Subscriber | None:
    payload = tokens.read_link_token(token)
    if isinstance(payload, tokens.Problem):
        return None
    subscriber = Subscriber.objects.filter(pk=payload.subscriber_id).first()
    if subscriber is None or not payload.key or payload.key != subscriber.link_key:
        return None
    return subscriber


@transaction.atomic
def preferences_update(*, subscriber: Subscriber, topics, request=None) -> Subscriber:
    if subscriber.status != Subscriber.Status.ACTIVE:
        raise ValidationError(
            _("Diese Adresse ist nicht angemeldet. Bitte melden Sie sich erneut an."),
            code="inactive",
        )
    subscriber.topics = _topics(topics)
    subscriber.save(update_fields=["topics"])
    _consent(subscriber, ConsentRecord.Action.PREFERENCES, request)
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber, request=None, via: str = "web") -> bool:
    """Withdraw consent. Idempotent: True only when this call unsubscribed."""
    updated = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .exclude(status=Subscriber.Status.UNSUBSCRIBED)
        .update(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now(), confirm_nonce=""
        )
    )
    subscriber.refresh_from_db()
    if updated:
        _consent(subscriber, ConsentRecord.Action.WITHDRAWN, request, via=via)
    return bool(updated)


# --- issues -----------------------------------------------------------------------------

ISSUE_FIELDS = ("subject", "body", "topics", "include_toolbox", "include_events")


def _validate_issue(data: dict) -> dict:
    data = {k: data[k] for k in ISSUE_FIELDS if k in data}
    data["body"] = clean(data.get("body", ""))
    data["topics"] = _topics(data.get("topics"))
    if not data["body"]:
        raise ValidationError(_("Die Ausgabe braucht einen Text."), code="empty")
    return data


@transaction.atomic
def issue_create(*, by, data: dict, request=None) -> Issue:
    issue = Issue.objects.create(created_by=by, **_validate_issue(data))
    audit_record(
        actor=by,
        action="newsletter.issue_created",
        message=_("Newsletter-Ausgabe „%(s)s“ angelegt") % {"s": issue.subject},
        obj=issue,
        request=request,
    )
    return issue


def _lock_editable(issue: Issue) -> Issue:
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if not locked.is_editable:
        raise ValidationError(
            _(
                "Diese Ausgabe wird schon versendet oder ist versendet; sie lässt sich nicht mehr ändern."
            ),
            code="not_editable",
        )
    return locked


@transaction.atomic
def issue_update(*, issue: Issue, by, data: dict, request=None) -> Issue:
    issue = _lock_editable(issue)
    for field, value in _validate_issue(data).items():
        setattr(issue, field, value)
    issue.save()
    audit_record(
        actor=by,
        action="newsletter.issue_changed",
        message=_("Newsletter-Ausgabe „%(s)s“ geändert") % {"s": issue.subject},
        obj=issue,
        request=request,
    )
    return issue


@transaction.atomic
def issue_delete(*, issue: Issue, by, request=None) -> None:
    issue = _lock_editable(issue)
    audit_record(
        actor=by,
        action="newsletter.issue_deleted",
        message=_("Newsletter-Ausgabe „%(s)s“ gelöscht") % {"s": issue.subject},
        request=request,
    )
    issue.delete()


@transaction.atomic
def issue_schedule(*, issue: Issue, when, by, request=None) -> Issue:
    """Plan the send for ``when`` (aware datetime); the periodic job sends it then."""
    issue = _lock_editable(issue)
    if when is None or when <= timezone.now():
        raise ValidationError(_("Der Zeitpunkt muss in der Zukunft liegen."), code="past")
    issue.status = Issue.Status.SCHEDULED
    issue.scheduled_at = when
    issue.save(update_fields=["status", "scheduled_at", "updated_at"])
    audit_record(
        actor=by,
        action="newsletter.issue_scheduled",
        message=_("Newsletter-Ausgabe „%(s)s“ geplant für %(when)s")
        % {"s": issue.subject, "when": timezone.localtime(when).strftime("%d.%m.%Y %H:%M")},
        obj=issue,
        request=request,
    )
    return issue


@transaction.atomic
def issue_unschedule(*, issue: Issue, by, request=None) -> Issue:
    issue = _lock_editable(issue)
    issue.status = Issue.Status.DRAFT
    issue.scheduled_at = None
    issue.save(update_fields=["status", "scheduled_at", "updated_at"])
    audit_record(
        actor=by,
        action="newsletter.issue_unscheduled",
        message=_("Planung der Newsletter-Ausgabe „%(s)s“ aufgehoben") % {"s": issue.subject},
        obj=issue,
        request=request,
    )
    return issue


def issue_send_test(*, issue: Issue, by, request=None) -> str:
    """Send the issue to the office user's own address, marked as a test."""
    if not by.email:
        raise ValidationError(
            _("Ihr Konto hat keine E-Mail-Adresse; die Testmail kann nicht versendet werden."),
            code="no_email",
        )
    mail.issue_message(issue, None, to=by.email).send()
    audit_record(
        actor=by,
        action="newsletter.issue_test",
        message=_("Testmail der Ausgabe „%(s)s“ versendet") % {"s": issue.subject},
        obj=issue,
        request=request,
    )
    return by.email


def issue_send_now(*, issue: Issue, by, request=None) -> Issue:
    """Start sending at once; the deliveries run as a background job (see sending.py)."""
    from zwk.newsletter import sending

    with transaction.atomic():
        _lock_editable(issue)
        issue = sending.issue_start(issue_id=issue.pk)
        audit_record(
            actor=by,
            action="newsletter.issue_sent",
            message=_("Versand der Newsletter-Ausgabe „%(s)s“ gestartet") % {"s": issue.subject},
            obj=issue,
            request=request,
        )
    sending.enqueue(issue.pk)  # after the commit: the job must see the delivery rows
    issue.refresh_from_db()
    return issue
