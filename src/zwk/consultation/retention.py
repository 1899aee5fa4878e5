"""Retention of the public comments on the draft (``Entwurf diskutieren``).

``settings.CONSULTATION_RETENTION_DAYS`` days after a consultation's last day (``ends_on``;
closing early moves it to the day of closing) what could point to a person goes: pseudonym,
age group, Ortsteil and the consent record. The comments, the team's answers and the stored
summary stay – they are the consultation's public result and then read "anonym", like the
ideas of an Ideensammlung after the project's retention period.

Runs in the Beteiligung's daily purge (``zwk.participation.tasks.purge_responses``), which
calls every job registered in the slot ``zwk.participation.retention.PURGE_JOBS``; a comment
is purged once (its ``consent_version`` is emptied, which no new comment has).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record
from zwk.consultation.models import Consultation, PublicComment


@transaction.atomic
def comments_purge(*, today=None) -> int:
    """Anonymise the comments of consultations whose retention period has passed; returns
    the number of comments anonymised by this run."""
    today = today or timezone.localdate()
    last_kept = today - timedelta(days=settings.CONSULTATION_RETENTION_DAYS)
    due = (
        Consultation.objects.filter(ends_on__lt=last_kept)
        .filter(comments__consent_version__gt="")
        .distinct()
        .select_related("plan__municipality")
    )
    total = 0
    for consultation in due:
        count = (
            PublicComment.objects.filter(consultation=consultation)
            .exclude(consent_version="")
            .update(
                pseudonym="",
                age_group="",
                district="",
                consent_version="",
                # the field is required; the moment of writing says nothing about the person
                consent_at=F("created_at"),
            )
        )
        audit_record(
            actor=None,
            action="consultation.comments_purged",
            message=_(
                "%(n)d Kommentare zum Entwurf nach Ablauf der Aufbewahrungsfrist anonymisiert"
            )
            % {"n": count},
            municipality=consultation.plan.municipality,
            obj=consultation,
        )
        total += count
    return total
