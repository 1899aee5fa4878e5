"""Writes of the Ideensammlung (ideas, comments, support, reports, moderation, status).

Participants have no account: an ``IdeaParticipant`` (pseudonym, optional age group and
Ortsteil, consent) is created once per idea collection and device. Their writes are stored
exactly once:

* an idea or a comment carries the form's idempotency key; the same key again – a double
  click, a second tab – returns the stored row (unique constraint, so two requests at the same
  moment cannot both insert);
* "unterstützen" is unique per idea and participant; a second click is a no-op (``created``
  False), never an error and never a second support;
* everything is checked before the first row is written; a refusal writes nothing.

Team writes (collections, moderation, merge, official answers, status) are audited. A status
change is stored in ``IdeaStatusChange`` (public reason and date) and announced with the
signal ``idea_status_changed`` after the commit – e.g. for follower mails.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from zwk.accounts.services import audit_record, save_audited
from zwk.core.content_language import moderator_translation_checked, writing_language
from zwk.core.text import clean_line, clean_text
from zwk.core.uploads import random_upload_name, reencode_image
from zwk.participation import rules as participation_rules
from zwk.participation.class_services import hold_back_fields
from zwk.participation.models import (
    COMMENT_MAX_LENGTH,
    GERMANY_BOX,
    PRIVACY_NOTICE_VERSION,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AgeGroup,
    Idea,
    IdeaCollection,
    IdeaComment,
    IdeaParticipant,
    IdeaReport,
    IdeaStatus,
    IdeaStatusChange,
    IdeaSupport,
)

#: Sent after the commit of a status change: ``sender=Idea``, ``idea``, ``change``
#: (the ``IdeaStatusChange``). Receivers must not raise (mail after commit).
idea_status_changed = Signal()

#: How far a place may lie from the Kommune's coordinates (degrees latitude, longitude) –
#: generous enough for a Landkreis.
PLACE_SPAN = (0.6, 0.9)
PHOTO_MAX_SIZE = (1600, 1600)
CLASS_WAITING = _lazy(
    "Dieser Beitrag einer Schulklasse wartet auf die Freigabe durch die Lehrkraft; erst "
    "danach kann das Team ihn moderieren."
)
KEY_MAX_LENGTH = 64


def _check_key(key: str) -> None:
    if not key or len(key) > KEY_MAX_LENGTH:
        raise ValidationError(_("Das Formular ist unvollständig. Bitte laden Sie die Seite neu."))


def _text(value, *, field: str, label: str, max_length: int, line: bool = False) -> str:
    raw = value or ""
    if len(raw) > max_length:
        raise ValidationError(
            {
                field: _("%(label)s ist zu lang: höchstens %(n)d Zeichen, bitte kürzen Sie.")
                % {"label": label, "n": max_length}
            }
        )
    text = clean_line(raw) if line else clean_text(raw)
    if not text:
        raise ValidationError({field: _("Bitte füllen Sie „%(label)s“ aus.") % {"label": label}})
    return text


# --- Collections (team) ---------------------------------------------------------------------


@transaction.atomic
def collection_save(*, collection: IdeaCollection, by) -> IdeaCollection:
    if collection.phase_id and collection.phase.project_id != collection.project_id:
        raise ValidationError({"phase": _("Die Phase gehört zu einem anderen Projekt.")})
    if collection.pk is None:
        collection.created_by = by
    return save_audited(
        collection,
        by=by,
        action="participation.ideas_saved",
        message=_("Ideensammlung „%(t)s“ gespeichert") % {"t": collection.title},
        municipality=collection.project.municipality,
    )


# --- Participants ---------------------------------------------------------------------------


@transaction.atomic
def participant_join(
    *,
    collection: IdeaCollection,
    pseudonym: str,
    consent: bool,
    age_group: str = "",
    district: str = "",
    old_enough: bool | None = None,
) -> IdeaParticipant:
    """``old_enough``: the answer to "Ich bin mindestens N Jahre alt" when the project has a
    minimum age (None: the caller asks no one – demo data, scripts)."""
    reason = participation_rules.ideas_refusal(collection)
    if reason:
        raise ValidationError(reason)
    minimum_age = collection.project.minimum_age
    if minimum_age and old_enough is not None and not old_enough:
        raise ValidationError(
            {
                "old_enough": _(
                    "Bei diesem Projekt können Personen ab %(n)d Jahren mitmachen. Bitte "
                    "bestätigen Sie, dass Sie mindestens %(n)d Jahre alt sind."
                )
                % {"n": minimum_age}
            }
        )
    pseudonym = _text(
        pseudonym, field="pseudonym", label=_("Name oder Spitzname"), max_length=40, line=True
    )
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Bitte stimmen Sie dem Datenschutzhinweis zu, damit wir Ihre Beiträge speichern."
                )
            }
        )
    if age_group and age_group not in AgeGroup.values:
        raise ValidationError({"age_group": _("Bitte wählen Sie eine Altersgruppe aus der Liste.")})
    return IdeaParticipant.objects.create(
        collection=collection,
        pseudonym=pseudonym,
        age_group=age_group or "",
        district=clean_line(district or "", max_length=80),
        consent_at=timezone.now(),
        consent_version=PRIVACY_NOTICE_VERSION,
    )


def _require_participant(participant: IdeaParticipant | None, collection: IdeaCollection) -> None:
    if participant is None or participant.collection_id != collection.pk:
        raise ValidationError(_("Bitte stellen Sie sich zuerst kurz vor (Name oder Spitzname)."))
    if participant.blocked_at is not None:
        raise ValidationError(_("Sie können in dieser Ideensammlung nichts mehr beitragen."))


# --- Places ---------------------------------------------------------------------------------


def place_box(municipality) -> tuple[float, float, float, float]:
    """(south, north, west, east) where a place of ``municipality`` may lie: around its
    coordinates (Gemeindeverzeichnis) and within Germany; Germany when it has none."""
    south, north, west, east = GERMANY_BOX
    lat, lon = getattr(municipality, "latitude", None), getattr(municipality, "longitude", None)
    if lat is None or lon is None:
        return GERMANY_BOX
    lat, lon = float(lat), float(lon)
    return (
        max(south, lat - PLACE_SPAN[0]),
        min(north, lat + PLACE_SPAN[0]),
        max(west, lon - PLACE_SPAN[1]),
        min(east, lon + PLACE_SPAN[1]),
    )


def check_position(latitude, longitude, municipality) -> tuple[float | None, float | None]:
    """The position as floats, or (None, None) when none was given; ValidationError in
    German for half a position, a non-number or a place outside the Kommune's area."""
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    if latitude in (None, "") or longitude in (None, ""):
        raise ValidationError(
            {"latitude": _("Für einen Ort auf der Karte braucht es Breiten- und Längengrad.")}
        )
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise ValidationError({"latitude": _("Die Position ist keine gültige Zahl.")}) from None
    if lat != lat or lon != lon:  # NaN
        raise ValidationError({"latitude": _("Die Position ist keine gültige Zahl.")})
    south, north, west, east = place_box(municipality)
    if not (south <= lat <= north and west <= lon <= east):
        raise ValidationError(
            {
                "latitude": _(
                    "Dieser Ort liegt nicht in %(name)s oder seiner Umgebung. Bitte wählen Sie "
                    "einen Ort in der Kommune – oder lassen Sie die Position leer."
                )
                % {"name": municipality.name}
            }
        )
    return round(lat, 6), round(lon, 6)


# --- Ideas, comments, support, reports (participants) ---------------------------------------


def idea_submit(
    *,
    collection: IdeaCollection,
    participant: IdeaParticipant | None,
    submission_key: str,
    title: str,
    text: str,
    theme=None,
    photo=None,
    latitude=None,
    longitude=None,
    place: str = "",
    district: str = "",
) -> tuple[Idea, bool]:
    """Store one idea; returns (idea, created). The same ``submission_key`` again returns the
    stored idea and writes nothing."""
    _check_key(submission_key)
    existing = Idea.objects.filter(collection=collection, submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    reason = participation_rules.ideas_refusal(collection)
    if reason:
        raise ValidationError(reason)
    _require_participant(participant, collection)
    municipality = collection.project.municipality
    errors: dict[str, list[str]] = {}
    values = {}
    for field, label, value, max_length, line in (
        ("title", _("Titel"), title, TITLE_MAX_LENGTH, True),
        ("text", _("Ihre Idee"), text, TEXT_MAX_LENGTH, False),
    ):
        try:
            values[field] = _text(value, field=field, label=label, max_length=max_length, line=line)
        except ValidationError as exc:
            for k, v in exc.message_dict.items():
                errors.setdefault(k, []).extend(v)
    if theme is not None and not collection.project.themes.filter(pk=theme.pk).exists():
        errors.setdefault("theme", []).append(
            _("Dieses Handlungsfeld gehört nicht zu diesem Projekt.")
        )
    for field, value, max_length in (("place", place, 200), ("district", district, 80)):
        if len(value or "") > max_length:
            errors.setdefault(field, []).append(
                _("Höchstens %(n)d Zeichen, bitte kürzen Sie.") % {"n": max_length}
            )
    try:
        lat, lon = check_position(latitude, longitude, municipality)
    except ValidationError as exc:
        for k, v in exc.message_dict.items():
            errors.setdefault(k, []).extend(v)
    photo_content = None
    if photo is not None:
        try:
            photo_content = reencode_image(photo, max_size=PHOTO_MAX_SIZE)
        except ValidationError as exc:
            errors.setdefault("photo", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    idea = Idea(
        collection=collection,
        author=participant,
        submission_key=submission_key,
        title=values["title"],
        text=values["text"],
        theme=theme,
        latitude=lat,
        longitude=lon,
        place=clean_line(place or ""),
        district=clean_line(district or "") or participant.district,
        # The interface language while writing: the idea keeps it (lang attribute, issue 18).
        language=writing_language(),
        **hold_back_fields(participant),
    )
    try:
        with transaction.atomic():
            if photo_content is not None:
                content, ext = photo_content
                idea.photo.save(random_upload_name(ext), ContentFile(content), save=False)
            idea.save()
            IdeaStatusChange.objects.create(idea=idea, status=IdeaStatus.RECEIVED)
    except IntegrityError:
        if idea.photo:
            idea.photo.delete(save=False)
        return Idea.objects.get(collection=collection, submission_key=submission_key), False
    return idea, True


def _require_public(idea: Idea) -> None:
    if not idea.is_public:
        raise ValidationError(_("Diese Idee ist nicht mehr sichtbar."))


def comment_add(
    *,
    idea: Idea,
    participant: IdeaParticipant | None,
    text: str,
    submission_key: str,
    parent: IdeaComment | None = None,
) -> tuple[IdeaComment, bool]:
    """A comment on ``idea`` or a reply to ``parent`` – one level only: a reply to a reply
    is attached to the comment it answers (the thread stays flat)."""
    _check_key(submission_key)
    existing = IdeaComment.objects.filter(idea=idea, submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    reason = participation_rules.ideas_refusal(idea.collection)
    if reason:
        raise ValidationError(reason)
    _require_participant(participant, idea.collection)
    _require_public(idea)
    text = _text(text, field="text", label=_("Kommentar"), max_length=COMMENT_MAX_LENGTH)
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise ValidationError(_("Dieser Kommentar gehört zu einer anderen Idee."))
        if parent.parent_id is not None:
            parent = parent.parent
    try:
        with transaction.atomic():
            comment = IdeaComment.objects.create(
                idea=idea,
                parent=parent,
                author=participant,
                text=text,
                submission_key=submission_key,
                language=writing_language(),
                **hold_back_fields(participant),
            )
    except IntegrityError:
        return IdeaComment.objects.get(idea=idea, submission_key=submission_key), False
    return comment, True


def idea_support(*, idea: Idea, participant: IdeaParticipant | None) -> tuple[IdeaSupport, bool]:
    """Support ``idea`` once; a second click returns the stored support (``created`` False)."""
    _require_participant(participant, idea.collection)
    existing = IdeaSupport.objects.filter(idea=idea, participant=participant).first()
    if existing is not None:
        return existing, False
    reason = participation_rules.ideas_refusal(idea.collection)
    if reason:
        raise ValidationError(reason)
    _require_public(idea)
    try:
        with transaction.atomic():
            return IdeaSupport.objects.create(idea=idea, participant=participant), True
    except IntegrityError:
        return IdeaSupport.objects.get(idea=idea, participant=participant), False


@transaction.atomic
def report_add(
    *, idea: Idea, reason: str, participant: IdeaParticipant | None = None, comment=None
) -> IdeaReport:
    """A report to the moderation (anyone on the public page; no account needed)."""
    if not idea.collection.project.published:
        raise ValidationError(_("Dieses Beteiligungsprojekt ist noch nicht veröffentlicht."))
    reason = _text(
        reason, field="reason", label=_("Was ist das Problem?"), max_length=300, line=True
    )
    if comment is not None and comment.idea_id != idea.pk:
        raise ValidationError(_("Dieser Kommentar gehört zu einer anderen Idee."))
    if participant is not None and participant.collection_id != idea.collection_id:
        participant = None
    return IdeaReport.objects.create(
        idea=idea, comment=comment, participant=participant, reason=reason
    )


# --- Moderation and status (team) -----------------------------------------------------------


def _audit(idea: Idea, by, action: str, message: str) -> None:
    audit_record(
        actor=by,
        action=action,
        message=message,
        municipality=idea.collection.project.municipality,
        obj=idea.collection,
    )


@transaction.atomic
def idea_hide(*, idea: Idea, by, reason: str) -> Idea:
    reason = _text(reason, field="reason", label=_("Grund"), max_length=200, line=True)
    idea.hidden_reason = reason
    idea.save(update_fields=["hidden_reason"])
    idea.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    _audit(
        idea,
        by,
        "participation.idea_hidden",
        _("Idee „%(t)s“ ausgeblendet: %(r)s") % {"t": idea.title, "r": reason},
    )
    return idea


@transaction.atomic
def idea_show(*, idea: Idea, by) -> Idea:
    if idea.awaiting_teacher:
        raise ValidationError(CLASS_WAITING)
    idea.hidden_reason = ""
    idea.save(update_fields=["hidden_reason"])
    idea.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    _audit(
        idea,
        by,
        "participation.idea_shown",
        _("Idee „%(t)s“ wieder eingeblendet") % {"t": idea.title},
    )
    return idea


@transaction.atomic
def comment_hide(*, comment: IdeaComment, by, reason: str = "") -> IdeaComment:
    """Hide ``comment`` with a reason – or show it again when it is hidden."""
    if comment.awaiting_teacher:
        raise ValidationError(CLASS_WAITING)
    if comment.hidden_reason:
        comment.hidden_reason = ""
        message = _("Kommentar wieder eingeblendet")
    else:
        comment.hidden_reason = _text(
            reason, field="reason", label=_("Grund"), max_length=200, line=True
        )
        message = _("Kommentar ausgeblendet: %(r)s") % {"r": comment.hidden_reason}
    comment.save(update_fields=["hidden_reason"])
    comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    _audit(comment.idea, by, "participation.comment_moderated", message)
    return comment


@transaction.atomic
def reports_resolve(*, idea: Idea, by) -> int:
    """Mark the open reports of ``idea`` (and its comments) as seen without hiding anything."""
    count = idea.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    _audit(idea, by, "participation.reports_resolved", _("%(n)d Meldungen erledigt") % {"n": count})
    return count


@transaction.atomic
def idea_answer(*, idea: Idea, by, text: str) -> Idea:
    """The Kommune's official answer (an empty text removes it)."""
    if len(text or "") > TEXT_MAX_LENGTH:
        raise ValidationError(
            {
                "official_answer": _("Höchstens %(n)d Zeichen, bitte kürzen Sie.")
                % {"n": TEXT_MAX_LENGTH}
            }
        )
    idea.official_answer = clean_text(text or "")
    idea.answered_at = timezone.now() if idea.official_answer else None
    idea.save(update_fields=["official_answer", "answered_at"])
    _audit(
        idea,
        by,
        "participation.idea_answered",
        _("Antwort auf die Idee „%(t)s“ gespeichert") % {"t": idea.title},
    )
    return idea


def idea_translate(*, idea: Idea, by, text: str, language: str) -> Idea:
    """The moderation's translation of an idea (title and text in one), shown next to the
    original and marked as such; an empty text removes it (issue 18)."""
    idea.save(update_fields=moderator_translation_checked(item=idea, text=text, language=language))
    _audit(
        idea,
        by,
        "participation.idea_translated",
        _("Übersetzung der Idee „%(t)s“ gespeichert") % {"t": idea.title},
    )
    return idea


def comment_translate(*, comment: IdeaComment, by, text: str, language: str) -> IdeaComment:
    """The moderation's translation of a comment, like :func:`idea_translate`."""
    comment.save(
        update_fields=moderator_translation_checked(item=comment, text=text, language=language)
    )
    _audit(
        comment.idea,
        by,
        "participation.comment_translated",
        _("Übersetzung eines Kommentars zur Idee „%(t)s“ gespeichert") % {"t": comment.idea.title},
    )
    return comment


@transaction.atomic
def idea_merge(*, duplicate: Idea, target: Idea, by) -> Idea:
    """Merge ``duplicate`` into ``target``: its comments move over, its supports too (a
    person who supported both counts once), and its page points to ``target``."""
    if duplicate.pk == target.pk:
        raise ValidationError(
            {"target": _("Eine Idee lässt sich nicht mit sich selbst zusammenführen.")}
        )
    if duplicate.collection_id != target.collection_id:
        raise ValidationError({"target": _("Die Ideen gehören zu verschiedenen Ideensammlungen.")})
    if target.merged_into_id is not None:
        raise ValidationError({"target": _("Diese Idee wurde selbst schon zusammengeführt.")})
    if duplicate.merged_into_id is not None:
        raise ValidationError(_("Diese Idee ist schon zusammengeführt."))
    both = IdeaSupport.objects.filter(idea=target, participant__isnull=False).values_list(
        "participant_id", flat=True
    )
    IdeaSupport.objects.filter(idea=duplicate, participant_id__in=list(both)).delete()
    IdeaSupport.objects.filter(idea=duplicate).update(idea=target)
    IdeaComment.objects.filter(idea=duplicate).update(idea=target)
    Idea.objects.filter(merged_into=duplicate).update(merged_into=target)
    duplicate.merged_into = target
    duplicate.save(update_fields=["merged_into"])
    _audit(
        duplicate,
        by,
        "participation.idea_merged",
        _("Idee „%(d)s“ mit „%(t)s“ zusammengeführt") % {"d": duplicate.title, "t": target.title},
    )
    return target


def measures_for(municipality):
    """The Werkstattplan measures an idea of ``municipality`` may link to – read through the
    model of ``Idea.measure`` (participation does not import ``zwk.plans``)."""
    Measure = Idea._meta.get_field("measure").related_model
    return Measure.objects.filter(plan__municipality=municipality).order_by("title", "pk")


@transaction.atomic
def idea_status_set(
    *, idea: Idea, status: str, reason: str = "", measure=None, by
) -> IdeaStatusChange:
    """Set the public status. "nicht umsetzbar" needs a reason, "in den Werkstattplan
    übernommen" a measure of the Kommune's plan. Stores the history row; followers learn of
    it through ``idea_status_changed`` after the commit."""
    if status not in IdeaStatus.values:
        raise ValidationError({"status": _("Unbekannter Stand.")})
    if len(reason or "") > 2000:
        raise ValidationError(
            {"reason": _("Höchstens %(n)d Zeichen, bitte kürzen Sie.") % {"n": 2000}}
        )
    reason = clean_text(reason or "")
    if status == IdeaStatus.REJECTED and not reason:
        raise ValidationError(
            {"reason": _("Bitte begründen Sie öffentlich, warum die Idee nicht umsetzbar ist.")}
        )
    if status == IdeaStatus.ADOPTED:
        if measure is None:
            raise ValidationError(
                {
                    "measure": _(
                        "Bitte wählen Sie die Maßnahme im Werkstattplan, zu der die Idee gehört."
                    )
                }
            )
        if measure.plan.municipality_id != idea.collection.project.municipality_id:
            raise ValidationError({"measure": _("Diese Maßnahme gehört zu einer anderen Kommune.")})
    else:
        measure = None
    now = timezone.now()
    idea.status, idea.status_reason, idea.measure, idea.status_changed_at = (
        status,
        reason,
        measure,
        now,
    )
    idea.save(update_fields=["status", "status_reason", "measure", "status_changed_at"])
    change = IdeaStatusChange.objects.create(
        idea=idea, status=status, reason=reason, measure=measure, changed_by=by
    )
    _audit(
        idea,
        by,
        "participation.idea_status",
        _("Stand der Idee „%(t)s“: %(s)s") % {"t": idea.title, "s": idea.get_status_display()},
    )
    transaction.on_commit(lambda: idea_status_changed.send(sender=Idea, idea=idea, change=change))
    return change
