"""Build draft consultations in tests through the services, as in production."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zwk.consultation import services
from zwk.consultation.models import Consultation
from zwk.plans import services as plan_services
from zwk.plans.models import Goal, Measure

IDENTITY = {"pseudonym": "Lina", "age_group": "16-17", "district": "Altstadt"}


def make_plan(municipality):
    plan = plan_services.plan_for(municipality)
    plan.vision = "Eine Stadt für alle Generationen."
    plan.save(update_fields=["vision"])
    goal = Goal.objects.create(plan=plan, text="Junge Familien halten")
    measure = Measure.objects.create(
        plan=plan, title="Jugendtreff am Markt", description="Ein offener Treff."
    )
    return plan, goal, measure


def make_consultation(plan, *, by=None, open_now=True) -> Consultation:
    today = timezone.localdate()
    consultation = services.consultation_open(
        plan=plan,
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=14),
        intro="Bitte sagen Sie uns Ihre Meinung.",
        by=by,
    )
    if not open_now:
        Consultation.objects.filter(pk=consultation.pk).update(
            starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=1)
        )
        consultation.refresh_from_db()
    return consultation


def comment(consultation, section="vision", body="Mehr Bänke bitte.", parent=None, **identity):
    saved, _created = services.comment_submit(
        consultation=consultation,
        section=section,
        body=body,
        identity={**IDENTITY, **identity},
        consent=True,
        submission_key=services.new_submission_key(),
        parent=parent,
    )
    return saved
