"""Writes of the Vernetzung: contact between Kommunen, discussions, moderation, digest.

Every function validates, writes in one transaction and records the audit log. Messages are
relayed by e-mail; the sender's or replier's address only appears in a mail (and on the
page) when they ticked "Meine E-Mail-Adresse mitteilen" for that message.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zwk.accounts.services import audit_record
from zwk.core import ratelimit
from zwk.core.mail import send_after_commit
from zwk.core.text import clean_line, clean_text
from zwk.core.urls import absolute_url
from zwk.municipalities.models import Membership, Municipality
from zwk.network.models import (
    MESSAGE_MAX,
    TEXT_MAX,
    Conversation,
    DigestState,
    Message,
    Post,
    Report,
    Subscription,
    Thread,
)
from zwk.network.rules import EDIT_WINDOW

log = logging.getLogger(__name__)

DELETED_ACCOUNT = "gelöschtes Konto"


def _check_rate(action: str, qs) -> None:
    """Refuse when ``qs`` (the person's rows, with ``created_at``) is over a window of the
    limit ``network.<action>`` (``settings.RATE_LIMITS``).

    The limits are declared like every other (``zwk.core.ratelimit``), but counted from the
    stored rows rather than in the cache: a sliding window that holds across processes even
    without Redis, and a refused text does not count."""
    now = timezone.now()
    for window in ratelimit.limits(f"network.{action}"):
        since = now - timedelta(seconds=window.seconds)
        if qs.filter(created_at__gte=since).count() >= window.count:
            raise ValidationError(
                _(
                    "Sie haben in kurzer Zeit sehr viel geschrieben. Bitte versuchen Sie es "
                    "später noch einmal."
                ),
                code="rate_limited",
            )


def _text(value: str, *, maximum: int, label: str) -> str:
    text = clean_text(value)
    if not text:
        raise ValidationError(_("Bitte schreiben Sie %(label)s.") % {"label": label}, code="empty")
    if len(text) > maximum:
        raise ValidationError(
            _("%(label)s ist zu lang (höchstens %(max)d Zeichen).")
            % {"label": label, "max": maximum},
            code="too_long",
        )
    return text


# --- contact between Kommunen ------------------------------------------------------------


def _coordinators(municipality: Municipality):
    return [
        ms.user
        for ms in municipality.memberships.filter(
            role=Membership.Role.COORDINATOR, user__is_active=True
        ).select_related("user")
    ]


def _relay_recipients(conversation: Conversation, message: Message) -> list:
    """People of the other side: for the receiving Kommune its coordinators, for the
    starting Kommune the person who started; plus everyone of that side who wrote before."""
    side = conversation.other_side(message.author_municipality)
    people = {}
    if side.pk == conversation.to_municipality_id:
        for user in _coordinators(side):
            people[user.pk] = user
    elif conversation.created_by is not None and conversation.created_by.is_active:
        people[conversation.created_by.pk] = conversation.created_by
    for earlier in conversation.messages.filter(author_municipality=side).select_related("author"):
        if earlier.author is not None and earlier.author.is_active:
            people.setdefault(earlier.author.pk, earlier.author)
    people.pop(getattr(message.author, "pk", None), None)
    return [p for _pk, p in sorted(people.items()) if p.email]


def _relay(conversation: Conversation, message: Message) -> None:
    """After the commit, one mail per recipient (nobody sees another recipient's address);
    a failed mail is logged – the message is stored and visible on the platform."""
    send_after_commit(
        lambda: _relay_mails(conversation, message), what=f"network relay of message {message.pk}"
    )


def _relay_mails(conversation: Conversation, message: Message) -> list[EmailMessage]:
    mails = []
    first = not conversation.messages.exclude(pk=message.pk).exists()
    for recipient in _relay_recipients(conversation, message):
        side = conversation.other_side(message.author_municipality)
        context = {
            "conversation": conversation,
            "message": message,
            "recipient": recipient,
            "first": first,
            "url": absolute_url(
                reverse("network:conversation", kwargs={"slug": side.slug, "pk": conversation.pk})
            ),
        }
        subject = _("ZWK-Austausch: %(subject)s") % {"subject": conversation.subject}
        mails.append(
            EmailMessage(
                subject=subject,
                body=render_to_string("network/mail/message.txt", context),
                to=[recipient.email],
                reply_to=[message.author.email] if message.shared_email else None,
            )
        )
    return mails


@transaction.atomic
def conversation_start(
    *,
    municipality: Municipality,
    to_municipality: Municipality,
    by,
    subject: str,
    text: str,
    share_email: bool = False,
    request=None,
) -> Conversation:
    """A member of ``municipality`` writes to ``to_municipality``; relayed to its coordinators."""
    if not by.memberships.filter(municipality=municipality).exists():
        raise PermissionDenied
    if to_municipality.pk == municipality.pk:
        raise ValidationError(_("Bitte wählen Sie eine andere Kommune."), code="same")
    subject = clean_line(subject)[:150]
    if not subject:
        raise ValidationError(_("Bitte geben Sie einen Betreff an."), code="empty")
    text = _text(text, maximum=MESSAGE_MAX, label=_("eine Nachricht"))
    _check_rate("message", Message.objects.filter(author=by))
    now = timezone.now()
    conversation = Conversation.objects.create(
        from_municipality=municipality,
        to_municipality=to_municipality,
        subject=subject,
        created_by=by,
        last_message_at=now,
    )
    message = Message.objects.create(
        conversation=conversation,
        author=by,
        author_municipality=municipality,
        text=text,
        share_email=share_email,
    )
    _relay_and_record(
        conversation,
        message,
        by=by,
        municipality=municipality,
        to=to_municipality,
        note=_("Nachricht an %(to)s gesendet") % {"to": to_municipality.name},
        request=request,
    )
    return conversation


@transaction.atomic
def message_reply(
    *,
    conversation: Conversation,
    municipality: Municipality,
    by,
    text: str,
    share_email: bool = False,
    request=None,
) -> Message:
    """Answer in a conversation on behalf of ``municipality`` (one of its two sides)."""
    if municipality.pk not in (conversation.from_municipality_id, conversation.to_municipality_id):
        raise PermissionDenied
    if not by.memberships.filter(municipality=municipality).exists():
        raise PermissionDenied
    text = _text(text, maximum=MESSAGE_MAX, label=_("eine Nachricht"))
    _check_rate("message", Message.objects.filter(author=by))
    message = Message.objects.create(
        conversation=conversation,
        author=by,
        author_municipality=municipality,
        text=text,
        share_email=share_email,
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    other = conversation.other_side(municipality)
    _relay_and_record(
        conversation,
        message,
        by=by,
        municipality=municipality,
        to=other,
        note=_("Antwort an %(to)s gesendet") % {"to": other.name},
        request=request,
    )
    return message


def _relay_and_record(
    conversation: Conversation,
    message: Message,
    *,
    by,
    municipality: Municipality,
    to: Municipality,
    note: str,
    request,
) -> None:
    """Relay ``message`` to ``to`` and log it for ``municipality``: sent (``note``), and the
    sender's address shared when they agreed to it."""
    _relay(conversation, message)
    audit_record(
        actor=by,
        action="network.message_sent",
        message=note,
        municipality=municipality,
        obj=conversation,
        request=request,
    )
    if message.share_email:
        audit_record(
            actor=by,
            action="network.email_shared",
            message=_("E-Mail-Adresse an %(to)s mitgeteilt") % {"to": to.name},
            municipality=municipality,
            obj=message,
            request=request,
        )


# --- discussions -------------------------------------------------------------------------


def author_label(user) -> str:
    """ "Name (Kommune)" as shown on posts, frozen at writing time."""
    if user.is_office:
        where = _("Geschäftsstelle")
    elif user.is_consultant and not user.memberships.exists():
        where = _("Beratung")
    else:
        ms = user.memberships.select_related("municipality").order_by("municipality__name").first()
        where = ms.municipality.name if ms else ""
    name = str(user)
    label = f"{name} ({where})" if where else name
    return label[: Post._meta.get_field("author_label").max_length]  # long names: no HTTP 500


def _subscribe(user, *, theme=None, thread=None) -> bool:
    DigestState.objects.get_or_create(
        user=user, defaults={"last_post_id": Post.objects.aggregate(m=Max("id"))["m"] or 0}
    )
    _sub, created = Subscription.objects.get_or_create(user=user, theme=theme, thread=thread)
    return created


@transaction.atomic
def thread_create(*, theme, by, title: str, text: str, request=None) -> Thread:
    if theme.municipality_id is not None:
        raise ValidationError(_("Diskussionen gibt es nur zu den Handlungsfeldern des Programms."))
    title = clean_line(title)[:150]
    if not title:
        raise ValidationError(_("Bitte geben Sie einen Titel an."), code="empty")
    text = _text(text, maximum=TEXT_MAX, label=_("einen Beitrag"))
    _check_rate("post", Post.objects.filter(author=by))
    now = timezone.now()
    thread = Thread.objects.create(theme=theme, title=title, created_by=by, last_post_at=now)
    Post.objects.create(thread=thread, author=by, author_label=author_label(by), text=text)
    _subscribe(by, thread=thread)
    audit_record(
        actor=by,
        action="network.thread_created",
        message=_("Diskussion „%(title)s“ begonnen") % {"title": title},
        obj=thread,
        request=request,
    )
    return thread


@transaction.atomic
def post_add(*, thread: Thread, by, text: str, request=None) -> Post:
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked:
        raise ValidationError(_("Diese Diskussion ist gesperrt."), code="locked")
    text = _text(text, maximum=TEXT_MAX, label=_("einen Beitrag"))
    _check_rate("post", Post.objects.filter(author=by))
    post = Post.objects.create(thread=thread, author=by, author_label=author_label(by), text=text)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    audit_record(
        actor=by,
        action="network.post_added",
        message=_("Beitrag in „%(title)s“ geschrieben") % {"title": thread.title},
        obj=post,
        request=request,
    )
    return post


@transaction.atomic
def post_edit(*, post: Post, by, text: str, request=None) -> Post:
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    if post.author_id != by.pk:
        raise PermissionDenied
    if post.is_deleted or post.is_hidden:
        raise ValidationError(_("Dieser Beitrag kann nicht mehr bearbeitet werden."))
    if post.thread.is_locked:
        raise ValidationError(_("Diese Diskussion ist gesperrt."), code="locked")
    if timezone.now() - post.created_at > EDIT_WINDOW:
        raise ValidationError(
            _("Beiträge können nur in den ersten 15 Minuten bearbeitet werden."), code="too_late"
        )
    post.text = _text(text, maximum=TEXT_MAX, label=_("einen Beitrag"))
    post.edited_at = timezone.now()
    post.save(update_fields=["text", "edited_at"])
    audit_record(
        actor=by,
        action="network.post_edited",
        message=_("Beitrag bearbeitet"),
        obj=post,
        request=request,
    )
    return post


@transaction.atomic
def post_delete(*, post: Post, by, request=None) -> Thread | None:
    """Delete one's own post (its text is removed). Returns the thread, or None when the
    thread had no other visible post and was removed with it."""
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    if post.author_id != by.pk:
        raise PermissionDenied
    if post.is_deleted:
        raise ValidationError(_("Der Beitrag ist bereits gelöscht."))
    post.text = ""
    post.deleted_at = timezone.now()
    post.save(update_fields=["text", "deleted_at"])
    post.reports.filter(resolved_at__isnull=True).update(
        resolved_at=post.deleted_at, outcome=Report.Outcome.DISMISSED
    )
    thread = post.thread
    audit_record(
        actor=by,
        action="network.post_deleted",
        message=_("Eigenen Beitrag gelöscht"),
        obj=post,
        request=request,
    )
    if not thread.posts.filter(deleted_at__isnull=True).exists():
        thread.delete()
        return None
    return thread


@transaction.atomic
def post_report(*, post: Post, by, reason: str, note: str = "", request=None) -> Report:
    if post.author_id == by.pk:
        raise ValidationError(_("Eigene Beiträge können Sie löschen statt melden."))
    if post.is_deleted:
        raise ValidationError(_("Der Beitrag ist gelöscht."))
    note = clean_line(note)[:500]
    if reason == Report.Reason.OTHER and not note:
        raise ValidationError(_("Bitte erläutern Sie kurz, was nicht in Ordnung ist."))
    if Report.objects.filter(post=post, reporter=by, resolved_at__isnull=True).exists():
        raise ValidationError(_("Sie haben diesen Beitrag bereits gemeldet."), code="duplicate")
    report = Report.objects.create(post=post, reporter=by, reason=reason, note=note)
    audit_record(
        actor=by,
        action="network.post_reported",
        message=_("Beitrag gemeldet: %(reason)s") % {"reason": report.get_reason_display()},
        obj=post,
        request=request,
    )
    return report


def _require_moderator(by) -> None:
    if not by.has_perm("network.moderate"):
        raise PermissionDenied


@transaction.atomic
def post_hide(*, post: Post, by, reason: str, request=None) -> Post:
    _require_moderator(by)
    reason = clean_line(reason)[:300]
    if not reason:
        raise ValidationError(_("Bitte geben Sie einen Grund an."), code="empty")
    now = timezone.now()
    post.hidden_at, post.hidden_reason, post.hidden_by = now, reason, by
    post.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    post.reports.filter(resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=by, outcome=Report.Outcome.HIDDEN
    )
    audit_record(
        actor=by,
        action="network.post_hidden",
        message=_("Beitrag ausgeblendet: %(reason)s") % {"reason": reason},
        obj=post,
        request=request,
    )
    return post


@transaction.atomic
def post_show(*, post: Post, by, request=None) -> Post:
    _require_moderator(by)
    post.hidden_at, post.hidden_reason, post.hidden_by = None, "", None
    post.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    audit_record(
        actor=by,
        action="network.post_shown",
        message=_("Beitrag wieder eingeblendet"),
        obj=post,
        request=request,
    )
    return post


@transaction.atomic
def report_dismiss(*, report: Report, by, request=None) -> Report:
    _require_moderator(by)
    if report.resolved_at is not None:
        raise ValidationError(_("Die Meldung ist bereits erledigt."))
    report.resolved_at, report.resolved_by = timezone.now(), by
    report.outcome = Report.Outcome.DISMISSED
    report.save(update_fields=["resolved_at", "resolved_by", "outcome"])
    audit_record(
        actor=by,
        action="network.report_dismissed",
        message=_("Meldung ohne Verstoß erledigt"),
        obj=report.post,
        request=request,
    )
    return report


@transaction.atomic
def thread_lock(*, thread: Thread, by, lock: bool, reason: str = "", request=None) -> Thread:
    _require_moderator(by)
    if lock:
        thread.locked_at, thread.locked_reason = timezone.now(), clean_line(reason)[:300]
    else:
        thread.locked_at, thread.locked_reason = None, ""
    thread.save(update_fields=["locked_at", "locked_reason"])
    audit_record(
        actor=by,
        action="network.thread_locked" if lock else "network.thread_unlocked",
        message=(_("Diskussion „%(t)s“ gesperrt") if lock else _("Diskussion „%(t)s“ entsperrt"))
        % {"t": thread.title},
        obj=thread,
        request=request,
    )
    return thread


@transaction.atomic
def subscription_toggle(*, user, theme=None, thread=None) -> bool:
    """Subscribe or unsubscribe; returns True when subscribed afterwards."""
    existing = Subscription.objects.filter(user=user, theme=theme, thread=thread)
    if existing.exists():
        existing.delete()
        return False
    return _subscribe(user, theme=theme, thread=thread) or True


# --- e-mail digest -----------------------------------------------------------------------


def _digest_posts(user, after_id: int):
    subs = list(Subscription.objects.filter(user=user).values_list("theme_id", "thread_id"))
    theme_ids = [t for t, _th in subs if t]
    thread_ids = [th for _t, th in subs if th]
    if not subs:
        return []
    return list(
        Post.objects.filter(
            Q(thread__theme_id__in=theme_ids) | Q(thread_id__in=thread_ids),
            pk__gt=after_id,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
        )
        .exclude(author=user)
        .select_related("thread__theme")
        .order_by("thread__theme__name", "thread_id", "id")
    )


def digest_send(*, now=None) -> int:
    """Send each subscriber one mail with the posts since their last digest.

    Idempotent: the user's mark (``DigestState.last_post_id``) moves up in the same
    transaction as the mail is handed over, so a second run sends nothing new, and a failure
    while sending leaves the mark where it was (the next run tries again).
    """
    now = now or timezone.now()
    sent = 0
    user_ids = Subscription.objects.values_list("user_id", flat=True).distinct().order_by("user_id")
    for user_id in list(user_ids):
        with transaction.atomic():
            state, _c = DigestState.objects.select_for_update().get_or_create(user_id=user_id)
            user = state.user
            if (
                not user.is_active
                or not user.email
                or not user.has_perm("network.view_discussions")
            ):
                continue
            posts = _digest_posts(user, state.last_post_id)
            high = max((p.pk for p in posts), default=state.last_post_id)
            if not posts:
                continue
            body = render_to_string(
                "network/mail/digest.txt",
                {
                    "user": user,
                    "posts": posts,
                    "site": absolute_url(),
                    "settings_url": absolute_url(reverse("network:subscriptions")),
                },
            )
            EmailMessage(
                subject=ngettext(
                    "ZWK-Austausch: %(n)d neuer Beitrag",
                    "ZWK-Austausch: %(n)d neue Beiträge",
                    len(posts),
                )
                % {"n": len(posts)},
                body=body,
                to=[user.email],
            ).send()
            state.last_post_id, state.last_sent_at = high, now
            state.save(update_fields=["last_post_id", "last_sent_at"])
            sent += 1
    return sent


# --- personal data (DSGVO) ---------------------------------------------------------------


def export_user(user) -> dict:
    return {
        "nachrichten": [
            {
                "kontaktanfrage": m.conversation.subject,
                "kommune": m.author_municipality.name,
                "text": m.text,
                "e_mail_mitgeteilt": m.share_email,
                "zeit": m.created_at.isoformat(),
            }
            for m in Message.objects.filter(author=user).select_related(
                "conversation", "author_municipality"
            )
        ],
        "beitraege": [
            {
                "diskussion": p.thread.title,
                "text": p.text,
                "zeit": p.created_at.isoformat(),
                "geloescht": p.is_deleted,
                "ausgeblendet": p.is_hidden,
            }
            for p in Post.objects.filter(author=user).select_related("thread")
        ],
        "abonnements": [
            str(s.theme or s.thread)
            for s in Subscription.objects.filter(user=user).select_related("theme", "thread")
        ],
        "meldungen": [
            {"beitrag": r.post_id, "grund": r.reason, "erlaeuterung": r.note}
            for r in Report.objects.filter(reporter=user)
        ],
    }


@transaction.atomic
def erase_user(user) -> int:
    """Posts stay, anonymised ("gelöschtes Konto"); messages lose their author and address;
    subscriptions and the digest mark are deleted; reports lose their reporter."""
    n = Post.objects.filter(author=user).update(author=None, author_label=DELETED_ACCOUNT)
    n += Message.objects.filter(author=user).update(author=None, share_email=False)
    n += Subscription.objects.filter(user=user).delete()[0]
    n += DigestState.objects.filter(user=user).delete()[0]
    n += Report.objects.filter(reporter=user).update(reporter=None, note="")
    Conversation.objects.filter(created_by=user).update(created_by=None)
    Thread.objects.filter(created_by=user).update(created_by=None)
    return n
