"""Schulklassen-Modus of the Ideensammlung: a class takes part as ONE group.

* The team creates a ``SchoolClass`` (class and school name, optional teacher e-mail,
  optional end date) on the project's team page and hands the teacher the secret teacher
  link (no account) and the class code; with a teacher e-mail both go out by mail after the
  commit (``teacher_link_mail``; the link is redacted from logs, ``zwk.core.redact``).
* The teacher confirms the consent for the class on the teacher page; before that the class
  code does not work.
* The class joins a collection with the class code: one ``IdeaParticipant`` per class and
  collection, pseudonym = class name, no age group, no Ortsteil – no personal data of the
  children. Every device of the class is that participant.
* Ideas and comments of a class are held back (hidden with ``HELD_BACK_REASON``,
  ``awaiting_teacher``) until the teacher releases or rejects them on the teacher page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zwk.accounts.services import save_audited
from zwk.core.mail import message, send_after_commit
from zwk.core.text import clean_line
from zwk.core.urls import absolute_url
from zwk.participation import rules as participation_rules
from zwk.participation.models import (
    PRIVACY_NOTICE_VERSION,
    Idea,
    IdeaCollection,
    IdeaComment,
    IdeaParticipant,
    SchoolClass,
)

#: Stored as ``hidden_reason`` while a class's contribution waits for the teacher.
HELD_BACK_REASON = "Wartet auf Freigabe durch die Lehrkraft"
CODE_MAX_LENGTH = 16


@transaction.atomic
def class_create(*, school_class: SchoolClass, by) -> SchoolClass:
    name = clean_line(school_class.name or "", max_length=40)
    if not name:
        raise ValidationError({"name": _("Bitte geben Sie Klasse und Schule an.")})
    school_class.name = name
    if school_class.valid_until and school_class.valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("Das Datum liegt in der Vergangenheit.")})
    school_class.created_by = by
    school_class = save_audited(
        school_class,
        by=by,
        action="participation.class_created",
        message=_("Klassencode für „%(n)s“ angelegt") % {"n": school_class.name},
        municipality=school_class.project.municipality,
    )
    if school_class.teacher_email:
        send_after_commit(lambda: teacher_link_mail(school_class), what="teacher link")
    return school_class


def teacher_link_mail(school_class: SchoolClass):
    """The teacher's mail with the secret link and the class code – in German, whatever the
    language of the team member who created the class."""
    project = school_class.project
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "participation/email/teacher_link.txt",
            {
                "school_class": school_class,
                "project": project,
                "municipality": project.municipality,
                "teacher_url": absolute_url(school_class.get_teacher_url()),
                "project_url": absolute_url(project.get_absolute_url()),
            },
        )
        subject = _("Klassencode und Link für Lehrkräfte: %(name)s") % {"name": school_class.name}
    return message(subject, body, [school_class.teacher_email])


def class_refusal(school_class: SchoolClass, *, today=None) -> str | None:
    """Why the class code of ``school_class`` does not work now – or None."""
    today = today or timezone.localdate()
    if school_class.valid_until and today > school_class.valid_until:
        return _("Dieser Klassencode ist seit dem %(date)s abgelaufen.") % {
            "date": date_format(school_class.valid_until, "SHORT_DATE_FORMAT")
        }
    if school_class.consent_at is None:
        return _(
            "Die Lehrkraft hat die Teilnahme der Klasse noch nicht bestätigt. Bitte bestätigen "
            "Sie sie zuerst auf der Seite für Lehrkräfte."
        )
    return None


@transaction.atomic
def class_consent(*, school_class: SchoolClass) -> SchoolClass:
    if school_class.valid_until and timezone.localdate() > school_class.valid_until:
        raise ValidationError(class_refusal(school_class))
    if school_class.consent_at is None:
        school_class.consent_at = timezone.now()
        school_class.consent_version = PRIVACY_NOTICE_VERSION
        school_class.save(update_fields=["consent_at", "consent_version", "updated_at"])
    return school_class


def class_join(*, collection: IdeaCollection, code: str) -> IdeaParticipant:
    """The class's participant of ``collection`` for ``code`` (created on first use)."""
    reason = participation_rules.ideas_refusal(collection)
    if reason:
        raise ValidationError(reason)
    code = "".join((code or "").split()).upper()
    school_class = None
    if code and len(code) <= CODE_MAX_LENGTH:
        school_class = SchoolClass.objects.filter(
            project_id=collection.project_id, code=code
        ).first()
    if school_class is None:
        raise ValidationError(
            {
                "code": _(
                    "Diesen Klassencode kennen wir für dieses Projekt nicht. Bitte prüfen Sie "
                    "die Schreibweise oder fragen Sie Ihre Lehrkraft."
                )
            }
        )
    reason = class_refusal(school_class)
    if reason:
        raise ValidationError({"code": reason})
    existing = IdeaParticipant.objects.filter(
        collection=collection, school_class=school_class
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return IdeaParticipant.objects.create(
                collection=collection,
                school_class=school_class,
                pseudonym=school_class.name,
                consent_at=school_class.consent_at,
                consent_version=school_class.consent_version,
            )
    except IntegrityError:
        return IdeaParticipant.objects.get(collection=collection, school_class=school_class)


def hold_back_fields(participant: IdeaParticipant | None) -> dict:
    """Field values of a new idea or comment: held back when a class wrote it."""
    if participant is not None and participant.school_class_id:
        return {"awaiting_teacher": True, "hidden_reason": HELD_BACK_REASON}
    return {}


def pending_of(school_class: SchoolClass) -> dict:
    """What the class wrote, for the teacher page: waiting ones first."""
    ideas = (
        Idea.objects.filter(author__school_class=school_class)
        .select_related("collection__project__municipality")
        .order_by("-awaiting_teacher", "-created_at", "-id")
    )
    comments = (
        IdeaComment.objects.filter(author__school_class=school_class)
        .select_related("idea__collection__project__municipality")
        .order_by("-awaiting_teacher", "-created_at", "-id")
    )
    return {"ideas": list(ideas[:200]), "comments": list(comments[:200])}


@transaction.atomic
def decide(*, school_class: SchoolClass, kind: str, pk, release: bool) -> Idea | IdeaComment:
    """Release (public) or reject (stays hidden) a waiting contribution of this class only."""
    model = {"idee": Idea, "kommentar": IdeaComment}.get(kind)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        pk = None
    item = (
        model.objects.select_for_update().filter(pk=pk, author__school_class=school_class).first()
        if model and pk
        else None
    )
    if item is None:
        raise ValidationError(
            _("Diesen Beitrag gibt es nicht oder er gehört zu einer anderen Klasse.")
        )
    if not item.awaiting_teacher:
        raise ValidationError(_("Über diesen Beitrag wurde schon entschieden."))
    if not release:
        # Nothing of a rejected contribution stays (it was never public).
        if isinstance(item, Idea) and item.photo:
            item.photo.delete(save=False)
        item.delete()
        return item
    item.awaiting_teacher = False
    item.hidden_reason = ""
    item.save(update_fields=["awaiting_teacher", "hidden_reason"])
    return item
