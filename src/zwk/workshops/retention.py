"""Retention of participants' data: after a workshop's retention period its participants are
anonymised (daily task ``zwk.workshops.tasks.purge_participants``)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record
from zwk.workshops.models import Card, Workshop


def retention_reference(workshop: Workshop):
    """From when the retention period counts: end of the workshop, else its planned end."""
    return workshop.finished_at or workshop.ends_at or workshop.starts_at


@transaction.atomic
def participants_purge(*, now=None, dry_run: bool = False) -> list[tuple[Workshop, int]]:
    """Anonymise participants of workshops whose retention period has passed.

    Pseudonym, Ortsteil, consent record and device token go; the age group stays as a
    coarse figure for the protocol's participation statistics. Photos uploaded by
    participants are deleted (they may show people). Cards and points stay: they are the
    workshop's result and carry no personal data once the pseudonym is gone.
    """
    now = now or timezone.now()
    done = []
    candidates = Workshop.objects.filter(participants__anonymised_at__isnull=True).distinct()
    for workshop in candidates.select_related("municipality"):
        if retention_reference(workshop) + timedelta(days=workshop.retention_days) > now:
            continue
        participants = workshop.participants.filter(anonymised_at__isnull=True)
        count = participants.count()
        if dry_run:
            done.append((workshop, count))
            continue
        for card in Card.objects.filter(participant__in=participants).exclude(photo=""):
            card.photo.delete(save=False)
            Card.objects.filter(pk=card.pk).update(photo="")
        for participant in participants:
            participant.pseudonym = _("anonym")
            participant.district = ""
            participant.blocked_reason = ""
            participant.consent_version = ""
            participant.consent_at = participant.created_at
            participant.token = f"anon-{participant.pk}-" + participant.token[:8]
            participant.anonymised_at = now
            participant.save()
        Workshop.objects.filter(pk=workshop.pk).update(participants_purged_at=now)
        audit_record(
            actor=None,
            action="workshop.participants_purged",
            message=_("%(n)d Teilnehmende nach Ablauf der Aufbewahrungsfrist anonymisiert")
            % {"n": count},
            municipality=workshop.municipality,
            obj=workshop,
        )
        done.append((workshop, count))
    return done
