"""Writes of the Mitteilungen: drafts, sending, e-mail delivery and marking as read.

Sending is one transaction: the announcement gets ``sent_at`` and one ``Recipient`` row per
Kommune, the audit log records it. The e-mails go out only after the commit, in a background
job (``tasks.send_announcement_mails``); a failing mail server is logged and counted, never
undoes the notices on the Kommunen's workspaces.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record
from zwk.announcements import selectors
from zwk.announcements.models import Announcement, Audience, Recipient
from zwk.core import tasks
from zwk.core.text import clean_line, clean_text
from zwk.core.urls import absolute_url
from zwk.municipalities.models import Membership

logger = logging.getLogger(__name__)

FIELDS = ("subject", "body", "audience", "criteria")


def _clean(data: dict) -> dict:
    subject = clean_line(data.get("subject", ""))[:200]
    body = clean_text(data.get("body", ""))
    if not subject:
        raise ValidationError(_("Bitte geben Sie einen Betreff ein."), code="subject")
    if not body:
        raise ValidationError(_("Bitte schreiben Sie einen Text."), code="body")
    audience = data.get("audience", Audience.ALL)
    if audience not in Audience.values:
        raise ValidationError(_("Bitte wählen Sie, an wen die Mitteilung geht."), code="audience")
    criteria = {k: list(data.get("criteria", {}).get(k) or []) for k in selectors.CRITERIA_KEYS}
    if audience == Audience.ALL:
        criteria = {}
    elif audience == Audience.SELECTION:
        if not criteria["municipalities"]:
            raise ValidationError(
                _("Bitte wählen Sie mindestens eine Kommune aus."), code="no_selection"
            )
        criteria = {"municipalities": criteria["municipalities"]}
    else:
        criteria.pop("municipalities")
        if not any(criteria.values()):
            raise ValidationError(
                _(
                    "Bitte wählen Sie mindestens ein Merkmal (Land, Art, Schritt, Handlungsfeld "
                    "oder Förderrunde)."
                ),
                code="no_criteria",
            )
    return {"subject": subject, "body": body, "audience": audience, "criteria": criteria}


@transaction.atomic
def announcement_create(*, by, data: dict, request=None) -> Announcement:
    """Save a draft; nothing is sent yet."""
    return Announcement.objects.create(author=by, **_clean(data))


@transaction.atomic
def announcement_update(*, announcement: Announcement, by, data: dict, request=None):
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if not announcement.is_draft:
        raise ValidationError(
            _("Eine gesendete Mitteilung lässt sich nicht mehr ändern."), code="sent"
        )
    for name, value in _clean(data).items():
        setattr(announcement, name, value)
    announcement.save()
    return announcement


@transaction.atomic
def announcement_delete(*, announcement: Announcement, by, request=None) -> None:
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if not announcement.is_draft:
        raise ValidationError(_("Eine gesendete Mitteilung lässt sich nicht löschen."), code="sent")
    announcement.delete()


def announcement_send(*, announcement: Announcement, by, request=None) -> Announcement:
    """Send a draft: fix the recipient Kommunen, record it, e-mail after the commit."""
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
        if not announcement.is_draft:
            raise ValidationError(
                _("Diese Mitteilung wurde bereits gesendet."), code="already_sent"
            )
        municipality_ids = list(
            selectors.municipalities_matching(
                announcement.audience, announcement.criteria
            ).values_list("pk", flat=True)
        )
        if not municipality_ids:
            raise ValidationError(
                _("Keine Kommune entspricht der Auswahl. Bitte ändern Sie die Empfänger."),
                code="no_recipients",
            )
        Recipient.objects.bulk_create(
            [Recipient(announcement=announcement, municipality_id=pk) for pk in municipality_ids]
        )
        announcement.sent_at = timezone.now()
        announcement.save(update_fields=["sent_at", "updated_at"])
        audit_record(
            actor=by,
            action="announcements.sent",
            message=_("Mitteilung „%(s)s“ an %(n)d Kommunen gesendet")
            % {"s": announcement.subject, "n": len(municipality_ids)},
            obj=announcement,
            request=request,
        )
        pk = announcement.pk
        transaction.on_commit(lambda: enqueue_mails(pk))
    return announcement


def enqueue_mails(announcement_id: int) -> None:
    """Hand the e-mails to the background job; a missing broker is logged, not raised."""
    try:
        tasks.enqueue("zwk.announcements.send_mails", announcement_id)
    except Exception:
        logger.exception("announcements: mails of %s could not be started", announcement_id)


def _message(announcement: Announcement, person, names: list[tuple[str, str]]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "announcement": announcement,
            "person": person,
            "municipalities": names,
        }
        subject = render_to_string("announcements/email/announcement_subject.txt", context)
        body = render_to_string("announcements/email/announcement.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [person.email])


def mails_deliver(*, announcement_id: int) -> tuple[int, int]:
    """E-mail every active coordinator and team member of the recipient Kommunen once.

    Runs once per announcement (claimed with ``mailed_at``), so a repeated job sends nothing
    twice. Returns (sent, failed)."""
    claimed = Announcement.objects.filter(
        pk=announcement_id, sent_at__isnull=False, mailed_at__isnull=True
    ).update(mailed_at=timezone.now())
    if not claimed:
        return 0, 0
    announcement = Announcement.objects.get(pk=announcement_id)
    site_url = absolute_url()
    municipality_ids = list(announcement.recipients.values_list("municipality_id", flat=True))
    people = selectors.people_for(municipality_ids).exclude(email="")
    # Which of the recipient Kommunen each person belongs to (one mail per person).
    names: dict[int, list[tuple[str, str]]] = {}
    for user_id, name, slug in (
        Membership.objects.filter(municipality_id__in=municipality_ids, user__in=people)
        .order_by("municipality__name")
        .values_list("user_id", "municipality__name", "municipality__slug")
    ):
        url = reverse("municipalities:workspace", kwargs={"slug": slug})
        names.setdefault(user_id, []).append((name, site_url + url))
    sent = failed = 0
    with get_connection() as connection:
        for person in people.iterator():
            message = _message(announcement, person, names.get(person.pk, []))
            message.connection = connection
            try:
                message.send()
            except Exception:  # one bad address or a mail server hiccup: log, count, go on
                logger.exception(
                    "announcements: mail of %s to user %s failed", announcement_id, person.pk
                )
                failed += 1
            else:
                sent += 1
    Announcement.objects.filter(pk=announcement_id).update(
        mails_sent=F("mails_sent") + sent, mails_failed=F("mails_failed") + failed
    )
    return sent, failed


@transaction.atomic
def notice_dismiss(*, recipient: Recipient, by, request=None) -> Recipient:
    """Mark a notice as read for the whole Kommune (idempotent: the first reader stays)."""
    Recipient.objects.filter(pk=recipient.pk, read_at__isnull=True).update(
        read_at=timezone.now(), read_by=by
    )
    recipient.refresh_from_db()
    return recipient
