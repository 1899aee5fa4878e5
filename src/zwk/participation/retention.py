"""Retention: after a project's last phase plus its retention period, what could link a
response to a person goes (daily task ``zwk.participation.tasks.purge_responses``).

Access codes (the letters were sent to named addresses), idempotency keys, consent records
and free texts (they may name people) are deleted; the closed answers, age group, sex and
Ortsteil stay as the anonymous result of the survey.

Ideensammlung (``ideas_purge``, same period): the participants go – pseudonym, age group,
Ortsteil, consent record and device token – and with them the link from an idea, comment or
support to a person; idempotency keys and reports go too. Ideas, comments (shown as
"anonym"), support counts and the status history stay public.

Schulklassen (``school_classes_purge``, same period): the teacher's e-mail address and consent
record go, and the secret teacher link is replaced, so the old link opens nothing; the class
name stays with its released contributions.

Apps above this one that keep participants' data of their own (``zwk.consultation``: the
comments on the draft plan) may not be imported here; they register a job ``() -> int`` in
the slot ``PURGE_JOBS`` (``AppConfig.ready``), and the same daily task runs it.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record
from zwk.core import hooks
from zwk.participation.models import (
    AccessCode,
    Answer,
    Idea,
    IdeaComment,
    IdeaParticipant,
    IdeaReport,
    Project,
    Question,
    Response,
    SchoolClass,
)

#: Slot of further purge jobs of the daily task (see the module docstring).
PURGE_JOBS = "participation.purge_jobs"


def registered_purges() -> int:
    """Run the purge jobs other apps registered; returns what they purged together."""
    return sum(job() or 0 for job in hooks.slot(PURGE_JOBS).providers)


@transaction.atomic
def responses_purge(*, today=None, dry_run: bool = False) -> list[tuple[Project, int]]:
    today = today or timezone.localdate()
    done = []
    projects = Project.objects.annotate(last_day=Max("phases__ends_on")).filter(
        last_day__isnull=False, surveys__responses__anonymised_at__isnull=True
    )
    for project in projects.distinct().select_related("municipality"):
        if project.last_day + timedelta(days=project.retention_days) >= today:
            continue
        responses = Response.objects.filter(survey__project=project, anonymised_at__isnull=True)
        count = responses.count()
        if dry_run:
            done.append((project, count))
            continue
        Answer.objects.filter(response__in=responses, question__kind=Question.Kind.TEXT).delete()
        responses.update(
            access_code=None,
            submission_key=None,
            consent_version="",
            consent_at=None,
            entered_by=None,
            anonymised_at=timezone.now(),
        )
        AccessCode.objects.filter(survey__project=project).delete()
        audit_record(
            actor=None,
            action="participation.responses_purged",
            message=_("%(n)d Antwortbögen nach Ablauf der Aufbewahrungsfrist anonymisiert")
            % {"n": count},
            municipality=project.municipality,
            obj=project,
        )
        done.append((project, count))
    return done


@transaction.atomic
def ideas_purge(*, today=None, dry_run: bool = False) -> list[tuple[Project, int]]:
    """Delete the participants of idea collections whose project's retention period has
    passed; returns (project, participants deleted)."""
    today = today or timezone.localdate()
    done = []
    projects = Project.objects.annotate(last_day=Max("phases__ends_on")).filter(
        last_day__isnull=False, idea_collections__participants__isnull=False
    )
    for project in projects.distinct().select_related("municipality"):
        if project.last_day + timedelta(days=project.retention_days) >= today:
            continue
        participants = IdeaParticipant.objects.filter(collection__project=project)
        count = participants.count()
        if dry_run:
            done.append((project, count))
            continue
        Idea.objects.filter(collection__project=project).update(submission_key=None)
        IdeaComment.objects.filter(idea__collection__project=project).update(submission_key=None)
        IdeaReport.objects.filter(idea__collection__project=project).delete()
        participants.delete()
        audit_record(
            actor=None,
            action="participation.idea_participants_purged",
            message=_(
                "%(n)d Teilnehmende der Ideensammlung nach Ablauf der Aufbewahrungsfrist gelöscht"
            )
            % {"n": count},
            municipality=project.municipality,
            obj=project,
        )
        done.append((project, count))
    return done


@transaction.atomic
def school_classes_purge(*, today=None) -> int:
    """Remove what identifies a class's teacher once the project's retention period has
    passed; returns the number of classes purged (each only once)."""
    today = today or timezone.localdate()
    purged = 0
    projects = Project.objects.annotate(last_day=Max("phases__ends_on")).filter(
        last_day__isnull=False, school_classes__isnull=False
    )
    for project in projects.distinct().select_related("municipality"):
        if project.last_day + timedelta(days=project.retention_days) >= today:
            continue
        classes = SchoolClass.objects.filter(project=project).filter(
            Q(teacher_email__gt="") | Q(consent_at__isnull=False)
        )
        for school_class in classes:
            school_class.teacher_email = ""
            school_class.consent_at = None
            school_class.consent_version = ""
            school_class.teacher_token = secrets.token_urlsafe(24)  # the old link opens nothing
            school_class.save(
                update_fields=["teacher_email", "consent_at", "consent_version", "teacher_token"]
            )
            purged += 1
    if purged:
        audit_record(
            actor=None,
            action="participation.school_classes_purged",
            message=_(
                "Angaben der Lehrkräfte von %(n)d Schulklassen nach Ablauf der "
                "Aufbewahrungsfrist gelöscht"
            )
            % {"n": purged},
        )
    return purged
