"""Writes of the accounts area: the audit log and account changes."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from zwk.accounts.models import AuditEntry, User
from zwk.core.net import client_ip

ACTOR_LABEL_MAX = AuditEntry._meta.get_field("actor_label").max_length


def audit_record(
    *,
    actor: User | None,
    action: str,
    message: str,
    municipality=None,
    obj: models.Model | None = None,
    request: HttpRequest | None = None,
    security: bool = False,
    actor_label: str = "",
) -> AuditEntry:
    """Append one entry to the audit log. ``action`` is a stable dotted name."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        # A name may be longer than the column (first and last name: 150 characters each).
        actor_label=(actor_label or (str(actor) if actor else ""))[:ACTOR_LABEL_MAX],
        action=action,
        message=str(message)[:500],
        municipality=municipality,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip_address=client_ip(request),
        security=security,
    )


def audit_object(
    obj: models.Model,
    *,
    by: User | None,
    action: str,
    message: str,
    municipality=None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """``audit_record`` for one object – of ``municipality``, or else of the object's Kommune."""
    return audit_record(
        actor=by,
        action=action,
        message=message,
        municipality=municipality if municipality is not None else obj.municipality,
        obj=obj,
        request=request,
    )


def save_audited(obj: models.Model, **audit) -> models.Model:
    """The usual tail of a write: validate ``obj`` (``full_clean``), save it and audit it
    (``audit`` as for ``audit_object``). Returns ``obj``."""
    obj.full_clean()
    obj.save()
    audit_object(obj, **audit)
    return obj


def delete_audited(obj: models.Model, **audit) -> None:
    """Audit, then delete ``obj`` (the entry keeps the id the object had)."""
    audit_object(obj, **audit)
    obj.delete()
