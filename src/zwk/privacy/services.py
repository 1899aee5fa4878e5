"""Writes: the legal texts, and erasure of a person on request (Art. 17 DSGVO)."""

from __future__ import annotations

import secrets

import nh3
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from zwk.accounts import sessions
from zwk.accounts.models import AuditEntry
from zwk.accounts.services import audit_record
from zwk.core import personal_data
from zwk.core.text import clean_line, clean_text
from zwk.municipalities.models import ConsultantAssignment, Invitation, Membership
from zwk.privacy.models import AccessibilityFeedback, LegalText

ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "a", "strong", "em", "br", "address"}
ERASED_LABEL = "gelöschtes Konto"


@transaction.atomic
def save_legal_text(*, kind: str, body: str, by, request=None) -> LegalText:
    clean = nh3.clean(
        body, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"https", "http", "mailto"}
    )
    current = LegalText.objects.select_for_update().filter(kind=kind).aggregate(v=Max("version"))
    text = LegalText.objects.create(
        kind=kind, body=clean, version=(current["v"] or 0) + 1, created_by=by
    )
    audit_record(
        actor=by,
        action="privacy.legal_text_saved",
        message=_("%(text)s gespeichert (Version %(v)d)")
        % {"text": text.get_kind_display(), "v": text.version},
        request=request,
    )
    return text


def _identifiers(user) -> list[str]:
    names = [
        user.username,
        user.email,
        user.get_full_name(),
        user.first_name + " " + user.last_name,
    ]
    return sorted({n.strip() for n in names if n and len(n.strip()) >= 3}, key=len, reverse=True)


def _scrub_audit(user) -> int:
    """Keep the log (who did what stays traceable as "one person"), drop who it was."""
    identifiers = _identifiers(user)
    touched = 0
    query = Q(actor=user)
    for ident in identifiers:
        query |= Q(message__icontains=ident) | Q(actor_label__iexact=ident)
    for entry in AuditEntry.objects.filter(query):
        message = entry.message
        for ident in identifiers:
            # Case-insensitive replacement without regex surprises in names.
            lower = message.lower()
            start = lower.find(ident.lower())
            while start != -1:
                message = message[:start] + "[gelöscht]" + message[start + len(ident) :]
                lower = message.lower()
                start = lower.find(ident.lower(), start + len("[gelöscht]"))
        entry.message = message
        entry.actor_label = ERASED_LABEL if entry.actor_id == user.pk or entry.actor_label else ""
        entry.ip_address = None if entry.actor_id == user.pk else entry.ip_address
        entry.save(update_fields=["message", "actor_label", "ip_address"])
        touched += 1
    return touched


@transaction.atomic
def erase_person(*, user, by, request=None) -> dict[str, int]:
    """Delete or anonymise everything about ``user``; the account row stays as an empty shell
    (content the person wrote for a Kommune keeps its foreign key but no name).

    All or nothing: if one app fails, nothing is erased and the error is raised.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    counts: dict[str, int] = {}
    for provider in personal_data.providers():
        counts[provider.key] = int(provider.erase(user) or 0)
    email = user.email
    counts["accounts"] = (
        Membership.objects.filter(user=user).delete()[0]
        + ConsultantAssignment.objects.filter(consultant=user).delete()[0]
        + Invitation.objects.filter(email__iexact=email).delete()[0]
        + sessions.forget_all(user)
        + _delete_devices(user)
        + _scrub_audit(user)
        + _delete_login_attempts(user)
    )
    token = secrets.token_hex(6)
    user.username = f"geloescht-{token}"
    user.email = f"geloescht-{token}@invalid.example"
    user.first_name = user.last_name = user.organisation = user.phone = ""
    user.is_active = user.is_office = user.is_consultant = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=by if by is not None and by.pk != user.pk else None,
        actor_label=ERASED_LABEL if by is None or by.pk == user.pk else "",
        action="privacy.person_erased",
        message=_("Personenbezogene Daten eines Kontos gelöscht (%(n)d Einträge)")
        % {"n": sum(counts.values())},
        request=None,
        security=True,
    )
    return counts


def _delete_login_attempts(user) -> int:
    """django-axes keeps failed and successful logins with the name typed in."""
    names = Q(username__iexact=user.username) | Q(username__iexact=user.email)
    return sum(
        model.objects.filter(names).delete()[0]
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    )


def _delete_devices(user) -> int:
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)


@transaction.atomic
def submit_accessibility_feedback(
    *, message: str, page: str = "", name: str = "", email: str = "", request=None
) -> AccessibilityFeedback:
    """Store a reported barrier for the office and note it in the audit log (without the
    person: the log says that feedback came, the row holds who sent it)."""
    feedback = AccessibilityFeedback(
        message=clean_text(message, max_length=5000),
        page=clean_line(page, max_length=300),
        name=clean_line(name, max_length=150),
        email=email.strip(),
    )
    feedback.full_clean()
    feedback.save()
    audit_record(
        actor=getattr(request, "user", None),
        action="accessibility.feedback",
        message=_("Rückmeldung zur Barrierefreiheit eingegangen (Nr. %(id)d)")
        % {"id": feedback.pk},
        obj=feedback,
        request=request,
    )
    return feedback


@transaction.atomic
def mark_accessibility_feedback_done(*, feedback: AccessibilityFeedback, by, request=None) -> None:
    feedback.done = True
    feedback.save(update_fields=["done"])
    audit_record(
        actor=by,
        action="accessibility.feedback_done",
        message=_("Rückmeldung zur Barrierefreiheit Nr. %(id)d erledigt") % {"id": feedback.pk},
        obj=feedback,
        request=request,
    )


def erase_accessibility_feedback(user) -> int:
    """Personal-data provider: feedback sent with the account's e-mail address."""
    if not user.email:
        return 0
    deleted, _rows = AccessibilityFeedback.objects.filter(email__iexact=user.email).delete()
    return deleted
