"""Verstetigung: which measures go on after the programme, who owns them, and when the plan is
reviewed next – with a reminder e-mail to the Kommune's coordination.

The reminder is sent once per review date (``ReviewSchedule.reminder_sent_for``), from
``REMINDER_LEAD_DAYS`` days before the date on – running ``manage.py send_review_reminders``
(or the daily Celery beat task) again sends nothing twice. Moving the date arms it again.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record
from zwk.core.urls import absolute_url
from zwk.municipalities.models import Membership
from zwk.plans.models import Continuation, Measure, Plan, ReviewSchedule

log = logging.getLogger(__name__)

REMINDER_LEAD_DAYS = 7


def schedule_of(plan: Plan) -> ReviewSchedule | None:
    return ReviewSchedule.objects.filter(plan=plan).first()


@transaction.atomic
def continuation_save(
    *, plan: Plan, by, rows: list[tuple[Measure, dict]], next_review: date | None, request=None
) -> int:
    """Store the Verstetigung of the given measures and the next review date in one go.

    ``rows`` pairs each measure with ``decision``/``owner``/``note``. Returns the number of
    measures whose Verstetigung changed.
    """
    if any(m.plan_id != plan.pk for m, _data in rows):
        raise ValidationError(_("Bitte wählen Sie nur Maßnahmen dieses Werkstattplans."))
    existing = {c.measure_id: c for c in Continuation.objects.filter(measure__plan=plan)}
    changed = 0
    for measure, data in rows:
        decision = data.get("decision") or Continuation.Decision.OPEN
        if decision not in Continuation.Decision.values:
            raise ValidationError(_("Unbekannte Entscheidung zur Verstetigung."))
        owner = (data.get("owner") or "").strip()
        note = (data.get("note") or "").strip()
        if decision == Continuation.Decision.CONTINUE and not owner:
            raise ValidationError(
                {"owner": _("Bitte nennen Sie, wer „%(t)s“ fortführt.") % {"t": measure.title}}
            )
        current = existing.get(measure.pk)
        if current is None:
            if decision == Continuation.Decision.OPEN and not owner and not note:
                continue
            current = Continuation(measure=measure)
        elif (current.decision, current.owner, current.note) == (decision, owner, note):
            continue
        current.decision, current.owner, current.note = decision, owner, note
        current.full_clean()
        current.save()
        changed += 1
    schedule, _created = ReviewSchedule.objects.get_or_create(plan=plan)
    if schedule.next_review != next_review:
        schedule.next_review = next_review
        schedule.save(update_fields=["next_review", "updated_at"])
        changed += 1
    audit_record(
        actor=by,
        action="plans.continuation_saved",
        message=_("Verstetigung und nächste Zwischenbilanz gespeichert"),
        municipality=plan.municipality,
        obj=plan,
        request=request,
    )
    return changed


def due_schedules(today: date):
    """Schedules whose reminder is due on ``today`` and was not yet sent for that date."""
    return (
        ReviewSchedule.objects.filter(
            next_review__isnull=False,
            next_review__lte=today + timedelta(days=REMINDER_LEAD_DAYS),
        )
        .filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=F("next_review")))
        .select_related("plan__municipality")
        .order_by("next_review", "pk")
    )


def coordinator_emails(municipality) -> list[str]:
    emails = Membership.objects.filter(
        municipality=municipality,
        role=Membership.Role.COORDINATOR,
        user__is_active=True,
    ).values_list("user__email", flat=True)
    return sorted({e for e in emails if e})


def _review_url(municipality) -> str:
    return absolute_url(reverse("review:review", kwargs={"slug": municipality.slug}))


def send_review_reminders(*, today: date | None = None) -> int:
    """Send the due reminders; returns how many e-mails went out (one per Kommune).

    Each schedule is handled in its own transaction with the row locked, so two runs at the
    same time cannot both send. A Kommune without coordinator gets no e-mail and stays due.
    """
    today = today or timezone.localdate()
    sent = 0
    for pk in list(due_schedules(today).values_list("pk", flat=True)):
        with transaction.atomic():
            schedule = (
                ReviewSchedule.objects.select_for_update()
                .select_related("plan__municipality")
                .get(pk=pk)
            )
            if schedule.next_review is None or schedule.reminder_sent_for == schedule.next_review:
                continue
            municipality = schedule.plan.municipality
            recipients = coordinator_emails(municipality)
            if not recipients:
                log.warning("no coordinator to remind of the review of %s", municipality.slug)
                continue
            context = {
                "municipality": municipality,
                "next_review": schedule.next_review,
                "overdue": schedule.next_review < today,
                "url": _review_url(municipality),
            }
            subject = render_to_string("plans/email/review_reminder_subject.txt", context)
            body = render_to_string("plans/email/review_reminder.txt", context)
            send_mail(" ".join(subject.split()), body, None, recipients)
            schedule.reminder_sent_for = schedule.next_review
            schedule.reminder_sent_at = timezone.now()
            schedule.save(update_fields=["reminder_sent_for", "reminder_sent_at"])
            audit_record(
                actor=None,
                actor_label="ZWK",
                action="plans.review_reminder_sent",
                message=_("Erinnerung an die Zwischenbilanz am %(d)s verschickt")
                % {"d": schedule.next_review.strftime("%d.%m.%Y")},
                municipality=municipality,
                obj=schedule,
            )
            sent += 1
    return sent
