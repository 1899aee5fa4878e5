"""Writes of "Entwurf diskutieren".

Team writes (open, close, answer, hide) are audited. Public comments are not (no accounts,
data minimisation) – but they are stored exactly once: every comment form carries an
idempotency key; the same key again (a double click, the form sent from two tabs) returns
the stored comment (unique constraint on ``(consultation, submission_key)``, so two requests
at the same moment cannot both insert); the same text under the same name on the same section
within half an hour (a second tab with its own key) is kept once, too. Everything is checked
before the row is written.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record
from zwk.consultation import rules as consultation_rules
from zwk.consultation import selectors
from zwk.consultation.models import (
    BODY_MAX_LENGTH,
    PSEUDONYM_MAX_LENGTH,
    Consultation,
    PublicComment,
)
from zwk.core import permissions
from zwk.core.content_language import moderator_translation_checked, writing_language
from zwk.core.text import clean_line, clean_text
from zwk.participation.models import PRIVACY_NOTICE_VERSION, AgeGroup

DUPLICATE_WINDOW = timedelta(minutes=30)


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


# --- Team ------------------------------------------------------------------------------------


@transaction.atomic
def consultation_open(*, plan, starts_on, ends_on, intro: str = "", by) -> Consultation:
    """Open the draft for public comments from ``starts_on`` to ``ends_on`` (inclusive)."""
    if by is not None:
        permissions.require(by, "consultation.manage", plan)
    errors = {}
    if not starts_on:
        errors["starts_on"] = _("Bitte geben Sie den Beginn an.")
    if not ends_on:
        errors["ends_on"] = _("Bitte geben Sie das Ende an.")
    if not errors and ends_on < starts_on:
        errors["ends_on"] = _("Das Ende darf nicht vor dem Beginn liegen.")
    if not errors and ends_on < timezone.localdate():
        errors["ends_on"] = _("Das Ende liegt in der Vergangenheit.")
    if errors:
        raise ValidationError(errors)
    # Lock the plan: two team members opening at once get one consultation, not two.
    type(plan).objects.select_for_update().get(pk=plan.pk)
    if plan.public_consultations.filter(closed_at__isnull=True).exists():
        raise ValidationError(
            _("Es läuft bereits eine Diskussion des Entwurfs. Schließen Sie sie zuerst ab.")
        )
    consultation = Consultation(
        plan=plan,
        starts_on=starts_on,
        ends_on=ends_on,
        intro=clean_text(intro, max_length=2000),
        created_by=by,
    )
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=by,
        action="consultation.opened",
        message=_("Entwurf zur Diskussion gestellt: %(c)s") % {"c": consultation},
        municipality=plan.municipality,
        obj=consultation,
    )
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, by, key_points: str = "") -> Consultation:
    """End the consultation and write its summary (counts per section, answered, hidden and
    the team's key points); the plan's version history and council report show it."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if by is not None:
        permissions.require(by, "consultation.manage", consultation)
    if consultation.closed_at is not None:
        raise ValidationError(_("Diese Diskussion ist bereits abgeschlossen."))
    key_points = clean_text(key_points, max_length=4000)
    if not key_points:
        raise ValidationError(
            {"key_points": _("Bitte fassen Sie die wichtigsten Punkte der Diskussion zusammen.")}
        )
    consultation.key_points = key_points
    consultation.closed_at = timezone.now()
    consultation.closed_by = by
    if consultation.ends_on > timezone.localdate():
        consultation.ends_on = timezone.localdate()  # closed early: the period ends today
    consultation.summary = selectors.summary(consultation)
    consultation.save()
    audit_record(
        actor=by,
        action="consultation.closed",
        message=_("Diskussion des Entwurfs abgeschlossen: %(n)d Kommentare")
        % {"n": consultation.summary["comments"] + consultation.summary["replies"]},
        municipality=consultation.municipality,
        obj=consultation,
    )
    return consultation


def _locked_comment(comment: PublicComment) -> PublicComment:
    return (
        PublicComment.objects.select_for_update()
        .select_related("consultation__plan__municipality")
        .get(pk=comment.pk)
    )


@transaction.atomic
def comment_answer(*, comment: PublicComment, by, answer: str) -> PublicComment:
    """The team's official answer (public under the comment); an empty answer removes it."""
    comment = _locked_comment(comment)
    if by is not None:
        permissions.require(by, "consultation.moderate", comment)
    answer = clean_text(answer)
    if len(answer) > BODY_MAX_LENGTH:
        raise ValidationError(
            {"answer": _("Die Antwort ist zu lang (höchstens %(n)d Zeichen).") % {"n": 2000}}
        )
    comment.answer = answer
    comment.answered_at = timezone.now() if answer else None
    comment.answered_by = by if answer else None
    comment.save(update_fields=["answer", "answered_at", "answered_by"])
    audit_record(
        actor=by,
        action="consultation.answered" if answer else "consultation.answer_removed",
        message=_("Kommentar zum Entwurf beantwortet")
        if answer
        else _("Antwort auf einen Kommentar zum Entwurf entfernt"),
        municipality=comment.municipality,
        obj=comment.consultation,
    )
    return comment


@transaction.atomic
def comment_hide(*, comment: PublicComment, by, reason: str) -> PublicComment:
    comment = _locked_comment(comment)
    if by is not None:
        permissions.require(by, "consultation.moderate", comment)
    reason = clean_line(reason, max_length=200)
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund an.")})
    comment.hidden_reason = reason
    comment.hidden_at = timezone.now()
    comment.save(update_fields=["hidden_reason", "hidden_at"])
    audit_record(
        actor=by,
        action="consultation.hidden",
        message=_("Kommentar zum Entwurf ausgeblendet: %(r)s") % {"r": reason},
        municipality=comment.municipality,
        obj=comment.consultation,
    )
    return comment


@transaction.atomic
def comment_show(*, comment: PublicComment, by) -> PublicComment:
    comment = _locked_comment(comment)
    if by is not None:
        permissions.require(by, "consultation.moderate", comment)
    comment.hidden_reason = ""
    comment.hidden_at = None
    comment.save(update_fields=["hidden_reason", "hidden_at"])
    audit_record(
        actor=by,
        action="consultation.shown",
        message=_("Kommentar zum Entwurf wieder eingeblendet"),
        municipality=comment.municipality,
        obj=comment.consultation,
    )
    return comment


@transaction.atomic
def comment_translate(*, comment: PublicComment, by, text: str, language: str) -> PublicComment:
    """The team's translation of a comment (e.g. a Turkish comment into German), shown next to
    the original and marked as such; an empty text removes it (issue 18)."""
    comment = _locked_comment(comment)
    if by is not None:
        permissions.require(by, "consultation.moderate", comment)
    comment.save(
        update_fields=moderator_translation_checked(item=comment, text=text, language=language)
    )
    audit_record(
        actor=by,
        action="consultation.translated",
        message=_("Übersetzung eines Kommentars zum Entwurf gespeichert"),
        municipality=comment.municipality,
        obj=comment.consultation,
    )
    return comment


# --- Public ----------------------------------------------------------------------------------


def check_identity(*, pseudonym: str, age_group: str = "", district: str = "") -> dict:
    """The pseudonymous identity as stored, or a ValidationError naming the field."""
    pseudonym = clean_line(pseudonym)
    district = clean_line(district)
    errors = {}
    if not pseudonym:
        errors["pseudonym"] = _("Bitte geben Sie einen Namen oder Spitznamen an.")
    elif len(pseudonym) > PSEUDONYM_MAX_LENGTH:
        errors["pseudonym"] = _("Der Name ist zu lang (höchstens %(n)d Zeichen).") % {
            "n": PSEUDONYM_MAX_LENGTH
        }
    if age_group and age_group not in AgeGroup.values:
        errors["age_group"] = _("Bitte wählen Sie eine Altersgruppe aus der Liste.")
    if len(district) > 80:
        errors["district"] = _("Der Ortsteil ist zu lang (höchstens 80 Zeichen).")
    if errors:
        raise ValidationError(errors)
    return {"pseudonym": pseudonym, "age_group": age_group or "", "district": district}


@transaction.atomic
def comment_submit(
    *,
    consultation: Consultation,
    section: str,
    body: str,
    identity: dict,
    consent: bool,
    submission_key: str,
    parent: PublicComment | None = None,
) -> tuple[PublicComment, bool]:
    """Store one public comment (or a reply to ``parent``); returns (comment, created).
    The same ``submission_key`` again returns the stored comment and writes nothing."""
    if not submission_key or len(submission_key) > 64:
        raise ValidationError(_("Das Formular ist unvollständig. Bitte laden Sie die Seite neu."))
    existing = PublicComment.objects.filter(
        consultation=consultation, submission_key=submission_key
    ).first()
    if existing is not None:
        return existing, False
    consultation_rules.require_open(consultation)
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Bitte stimmen Sie dem Datenschutzhinweis zu, damit wir Ihren Kommentar speichern."
                )
            }
        )
    identity = check_identity(**identity)
    body = clean_text(body)
    if not body:
        raise ValidationError({"body": _("Bitte schreiben Sie einen Kommentar.")})
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Der Kommentar ist zu lang: %(n)d von höchstens %(max)d Zeichen.")
                % {"n": len(body), "max": BODY_MAX_LENGTH}
            }
        )
    if parent is not None:
        parent = PublicComment.objects.filter(pk=parent.pk).select_related("parent").first()
        if parent is None or parent.consultation_id != consultation.pk or parent.is_hidden:
            raise ValidationError(_("Auf diesen Kommentar kann nicht geantwortet werden."))
        if parent.parent_id is not None:
            parent = parent.parent  # one level of replies: answer the thread's first comment
        kind, ref, title = parent.section, parent.section_ref, parent.section_title
    else:
        found = selectors.find_section(consultation.plan, section)
        if found is None:
            raise ValidationError(
                _("Diesen Abschnitt gibt es im Entwurf nicht mehr. Bitte laden Sie die Seite neu.")
            )
        kind, ref, title = found.kind, found.ref, found.title
    # The same text under the same name on the same section a moment ago: the form was sent
    # from a second tab (its own key) – keep the first one.
    same = PublicComment.objects.filter(
        consultation=consultation,
        parent=parent,
        section=kind,
        section_ref=ref,
        pseudonym=identity["pseudonym"],
        body=body,
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if same is not None:
        return same, False
    try:
        with transaction.atomic():
            comment = PublicComment.objects.create(
                consultation=consultation,
                parent=parent,
                section=kind,
                section_ref=ref,
                section_title=title[:300],
                body=body,
                consent_at=timezone.now(),
                consent_version=PRIVACY_NOTICE_VERSION,
                submission_key=submission_key,
                # The interface language while writing: the comment keeps it (issue 18).
                language=writing_language(),
                **identity,
            )
    except IntegrityError:
        # The same form arrived twice at the same moment: the other one is stored.
        return PublicComment.objects.get(
            consultation=consultation, submission_key=submission_key
        ), False
    return comment, True


def comment_report(*, comment: PublicComment) -> None:
    """Someone flagged the comment for the team (counted; the team decides)."""
    PublicComment.objects.filter(pk=comment.pk).update(reports=F("reports") + 1)


# --- Personal data (zwk.core.personal_data) ------------------------------------------------------


def personal_data_of(user) -> list[dict]:
    """What a team account wrote here: its official answers to public comments."""
    return [
        {
            "Kommune": c.consultation.plan.municipality.name,
            "Abschnitt": c.section_title,
            "Antwort": c.answer,
            "am": c.answered_at.isoformat() if c.answered_at else "",
        }
        for c in PublicComment.objects.filter(answered_by=user).select_related(
            "consultation__plan__municipality"
        )
    ]


def personal_data_erase(user) -> int:
    """The answers stay (they belong to the Kommune's consultation); who wrote them goes."""
    count = PublicComment.objects.filter(answered_by=user).update(answered_by=None)
    count += Consultation.objects.filter(closed_by=user).update(closed_by=None)
    count += Consultation.objects.filter(created_by=user).update(created_by=None)
    return count
