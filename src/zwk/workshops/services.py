"""Writes of the Zukunftswerkstatt.

Every function runs in one transaction, checks its invariants (phase open, budget, same
workshop, not blocked – the first and the last asked of ``rules.py``) and returns the changed
object. Moderator actions go to the audit log; participant actions do not (no accounts, data
minimisation). Every change participants can see bumps ``Workshop.version`` so that live
views can answer "nothing new" cheaply. Dot voting is in ``voting.py``, project sketches and
photos in ``results.py``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zwk.accounts.models import User
from zwk.accounts.services import audit_record
from zwk.core import permissions
from zwk.core.content_language import moderator_translation_set, writing_language
from zwk.core.text import clean_line, clean_text
from zwk.core.uploads import random_upload_name, reencode_image
from zwk.municipalities.models import Municipality, Theme
from zwk.workshops import live
from zwk.workshops import rules as workshop_rules
from zwk.workshops.models import (
    CARD_MAX_LENGTH,
    PRIVACY_NOTICE_VERSION,
    Card,
    Cluster,
    Participant,
    Phase,
    Vote,
    Workshop,
    unique_code,
)
from zwk.workshops.phases import PHASE_TYPES, WRITE, killer_phrase_in


def bump(workshop: Workshop | int) -> int | None:
    """Tell live views that something visible changed; returns the new version.

    One statement (``UPDATE … RETURNING``, PostgreSQL and SQLite ≥ 3.35): the caller's
    workshop object learns its new version without a second query. Callers bump last in
    their transaction, so the workshop row is locked only until the commit.
    """
    pk = workshop if isinstance(workshop, int) else workshop.pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Workshop._meta.db_table} SET version = version + 1 "
            "WHERE id = %s RETURNING version",
            [pk],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    if isinstance(workshop, Workshop):
        workshop.version = row[0]
    transaction.on_commit(lambda: live.publish(pk, row[0]))
    return row[0]


def audit(by, action, message, workshop, obj=None, request=None, security=False):
    audit_record(
        actor=by,
        action=action,
        message=message,
        municipality=workshop.municipality,
        obj=obj or workshop,
        request=request,
        security=security,
    )


# --- Workshops and phases ---------------------------------------------------------------


@transaction.atomic
def workshop_create(
    *,
    municipality: Municipality,
    by: User | None,
    data: dict,
    themes=(),
    moderators=(),
    request=None,
) -> Workshop:
    data = dict(data)
    data["code"] = (data.get("code") or "").strip().lower() or unique_code()
    workshop = Workshop(municipality=municipality, created_by=by, **data)
    workshop.full_clean()
    workshop.save()
    workshop.themes.set(themes)
    workshop.moderators.set(moderators)
    Phase.objects.bulk_create(
        Phase(workshop=workshop, kind=t.kind, order=i, minutes=t.default_minutes)
        for i, t in enumerate(PHASE_TYPES)
    )
    audit(
        by,
        "workshop.created",
        _("Zukunftswerkstatt „%(title)s“ angelegt") % {"title": workshop.title},
        workshop,
        request=request,
    )
    return workshop


@transaction.atomic
def workshop_update(
    *, workshop: Workshop, by: User, data: dict, themes=None, moderators=None, request=None
) -> Workshop:
    data = dict(data)
    if "code" in data:
        data["code"] = (data["code"] or "").strip().lower() or workshop.code
    for key, value in data.items():
        setattr(workshop, key, value)
    workshop.full_clean()
    workshop.save()
    if themes is not None:
        workshop.themes.set(themes)
    if moderators is not None:
        workshop.moderators.set(moderators)
    bump(workshop)
    audit(by, "workshop.updated", _("Zukunftswerkstatt bearbeitet"), workshop, request=request)
    return workshop


def _locked_phase(phase: Phase) -> Phase:
    return (
        Phase.objects.select_for_update().select_related("workshop__municipality").get(pk=phase.pk)
    )


@transaction.atomic
def phase_open(*, phase: Phase, by: User, request=None) -> Phase:
    """Open (or reopen) a phase; a phase that is running closes, so one question is asked."""
    phase = _locked_phase(phase)
    workshop = phase.workshop
    permissions.require(by, "workshops.run_workshop", workshop)
    if phase.is_open:
        return phase
    now = timezone.now()
    workshop.phases.filter(state=Phase.State.OPEN).update(state=Phase.State.CLOSED, closed_at=now)
    was_closed = phase.state == Phase.State.CLOSED
    phase.state = Phase.State.OPEN
    phase.opened_at = now
    phase.closed_at = None
    phase.save(update_fields=["state", "opened_at", "closed_at"])
    bump(workshop)
    audit(
        by,
        "workshop.phase_reopened" if was_closed else "workshop.phase_opened",
        (_("%(phase)s wieder geöffnet") if was_closed else _("%(phase)s geöffnet"))
        % {"phase": phase.type.title},
        workshop,
        obj=phase,
        request=request,
    )
    return phase


@transaction.atomic
def phase_close(*, phase: Phase, by: User, request=None) -> Phase:
    phase = _locked_phase(phase)
    if not phase.is_open:
        raise ValidationError(_("Diese Phase läuft gerade nicht."))
    phase.state = Phase.State.CLOSED
    phase.closed_at = timezone.now()
    phase.save(update_fields=["state", "closed_at"])
    bump(phase.workshop)
    audit(
        by,
        "workshop.phase_closed",
        _("%(phase)s geschlossen") % {"phase": phase.type.title},
        phase.workshop,
        obj=phase,
        request=request,
    )
    return phase


@transaction.atomic
def phase_set_minutes(*, phase: Phase, minutes: int, by: User, request=None) -> Phase:
    phase.minutes = minutes
    phase.full_clean()
    phase.save(update_fields=["minutes"])
    bump(phase.workshop)
    return phase


@transaction.atomic
def workshop_finish(*, workshop: Workshop, by: User, request=None) -> Workshop:
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.is_finished:
        return workshop
    now = timezone.now()
    workshop.phases.filter(state=Phase.State.OPEN).update(state=Phase.State.CLOSED, closed_at=now)
    workshop.finished_at = now
    workshop.save(update_fields=["finished_at"])
    bump(workshop)
    audit(by, "workshop.finished", _("Zukunftswerkstatt abgeschlossen"), workshop, request=request)
    return workshop


# --- Participants -----------------------------------------------------------------------


@transaction.atomic
def participant_join(
    *,
    workshop: Workshop,
    pseudonym: str,
    consent: bool,
    age_group: str = "",
    district: str = "",
) -> Participant:
    if workshop.is_finished:
        raise ValidationError(_("Diese Zukunftswerkstatt ist schon beendet."))
    if not consent:
        raise ValidationError(
            _("Bitte stimmen Sie dem Datenschutzhinweis zu, damit Sie mitmachen können.")
        )
    pseudonym = clean_line(pseudonym, max_length=40)
    if not pseudonym:
        raise ValidationError(_("Bitte geben Sie einen Namen oder Spitznamen an."))
    if age_group and age_group not in Participant.AgeGroup.values:
        raise ValidationError(_("Bitte wählen Sie eine Altersgruppe aus der Liste."))
    participant = Participant.objects.create(
        workshop=workshop,
        pseudonym=pseudonym,
        age_group=age_group,
        district=clean_line(district, max_length=80),
        language=(translation.get_language() or "")[:10],
        consent_at=timezone.now(),
        consent_version=PRIVACY_NOTICE_VERSION,
    )
    bump(workshop)
    return participant


@transaction.atomic
def participant_block(
    *, participant: Participant, by: User, reason: str = "", request=None
) -> Participant:
    participant.blocked_at = timezone.now()
    participant.blocked_reason = clean_line(reason, max_length=200)
    participant.save(update_fields=["blocked_at", "blocked_reason"])
    bump(participant.workshop)
    audit(
        by,
        "workshop.participant_blocked",
        # No pseudonym in the audit log: it outlives the participant data's retention period.
        _("Teilnehmende Person Nr. %(pk)s gesperrt") % {"pk": participant.pk},
        participant.workshop,
        obj=participant,
        request=request,
        security=True,
    )
    return participant


@transaction.atomic
def participant_unblock(*, participant: Participant, by: User, request=None) -> Participant:
    participant.blocked_at = None
    participant.blocked_reason = ""
    participant.save(update_fields=["blocked_at", "blocked_reason"])
    audit(
        by,
        "workshop.participant_unblocked",
        _("Sperre von teilnehmender Person Nr. %(pk)s aufgehoben") % {"pk": participant.pk},
        participant.workshop,
        obj=participant,
        request=request,
        security=True,
    )
    return participant


# --- Cards ------------------------------------------------------------------------------


def _card_fields(phase: Phase, *, text, theme, who, by_when, first_step) -> dict:
    text = clean_line(text, max_length=CARD_MAX_LENGTH)
    if not text:
        raise ValidationError(_("Bitte schreiben Sie etwas auf die Karte."))
    if phase.type.forbid_killer_phrases:
        phrase = killer_phrase_in(text)
        if phrase:
            raise ValidationError(
                _(
                    "In der Phantasiephase gilt: keine Killerphrasen wie „%(phrase)s“. "
                    "Beschreiben Sie lieber, wie es schön wäre."
                )
                % {"phrase": phrase}
            )
    if theme is not None and not _allowed_themes(phase.workshop).filter(pk=theme.pk).exists():
        raise ValidationError(_("Dieses Handlungsfeld gehört nicht zu dieser Werkstatt."))
    fields = {"text": text, "theme": theme}
    if "who" in phase.type.card_fields:
        fields.update(
            who=clean_line(who, max_length=200),
            by_when=clean_line(by_when, max_length=100),
            first_step=clean_line(first_step, max_length=280),
        )
    return fields


def _allowed_themes(workshop: Workshop):
    if workshop.themes.exists():
        return workshop.themes.all()
    return Theme.objects.filter(
        Q(municipalities=workshop.municipality) | Q(municipality=workshop.municipality)
    ).distinct()


def _save_with_photo(card: Card, photo) -> Card:
    if photo is not None:
        content, ext = reencode_image(photo)
        card.photo.save(random_upload_name(ext), ContentFile(content), save=False)
    try:
        card.full_clean()
        card.save()
    except Exception:
        # Keep storage and database consistent: no orphan file if the row is not written.
        if card.photo:
            card.photo.delete(save=False)
        raise
    return card


@transaction.atomic
def card_create(
    *,
    participant: Participant,
    phase: Phase,
    text: str,
    theme: Theme | None = None,
    photo=None,
    who: str = "",
    by_when: str = "",
    first_step: str = "",
) -> Card:
    """A participant writes a card in an open phase that allows writing."""
    phase = Phase.objects.select_related("workshop__municipality").get(pk=phase.pk)
    workshop_rules.require(WRITE, participant, phase)
    fields = _card_fields(
        phase, text=text, theme=theme, who=who, by_when=by_when, first_step=first_step
    )
    card = Card(
        workshop=phase.workshop,
        phase=phase,
        participant=participant,
        # The interface language while writing (issue 18); a card keeps it even if the
        # participant switches later. Paper cards stay "" – the typist's language says nothing.
        language=writing_language() or participant.language,
        **fields,
    )
    _save_with_photo(card, photo)
    bump(phase.workshop)
    return card


@transaction.atomic
def card_add_paper(
    *,
    phase: Phase,
    by: User,
    text: str,
    theme: Theme | None = None,
    photo=None,
    who: str = "",
    by_when: str = "",
    first_step: str = "",
    request=None,
) -> Card:
    """The moderation types in a card written on paper on site – in any phase with cards."""
    if not phase.type.allows(WRITE):
        raise ValidationError(
            _("In der Phase „%(phase)s“ werden keine Karten gesammelt.")
            % {"phase": phase.type.title}
        )
    fields = _card_fields(
        phase, text=text, theme=theme, who=who, by_when=by_when, first_step=first_step
    )
    card = Card(
        workshop=phase.workshop, phase=phase, created_by=by, origin=Card.Origin.PAPER, **fields
    )
    _save_with_photo(card, photo)
    bump(phase.workshop)
    audit(
        by,
        "workshop.card_paper",
        _("Papierkarte erfasst: %(text)s") % {"text": card.text[:80]},
        phase.workshop,
        obj=card,
        request=request,
    )
    return card


@transaction.atomic
def card_update(*, card: Card, by: User, text: str, theme=None, request=None, **extra) -> Card:
    fields = _card_fields(
        card.phase,
        text=text,
        theme=theme,
        who=extra.get("who", card.who),
        by_when=extra.get("by_when", card.by_when),
        first_step=extra.get("first_step", card.first_step),
    )
    for key, value in fields.items():
        setattr(card, key, value)
    if "moderator_translation" in extra:
        moderator_translation_set(
            item=card,
            text=clean_text(extra["moderator_translation"] or ""),
            language=extra.get("moderator_translation_language") or "de",
        )
    card.full_clean()
    card.save()
    bump(card.workshop)
    audit(
        by,
        "workshop.card_edited",
        _("Karte bearbeitet: %(text)s") % {"text": card.text[:80]},
        card.workshop,
        obj=card,
        request=request,
    )
    return card


@transaction.atomic
def card_hide(*, card: Card, by: User, reason: str, request=None) -> Card:
    reason = clean_line(reason, max_length=200)
    if not reason:
        raise ValidationError(_("Bitte geben Sie einen Grund an – er wird im Protokoll vermerkt."))
    card.hidden_at = timezone.now()
    card.hidden_reason = reason
    card.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    bump(card.workshop)
    audit(
        by,
        "workshop.card_hidden",
        _("Karte ausgeblendet (%(reason)s): %(text)s") % {"reason": reason, "text": card.text[:80]},
        card.workshop,
        obj=card,
        request=request,
    )
    return card


@transaction.atomic
def card_show(*, card: Card, by: User, request=None) -> Card:
    card.hidden_at = None
    card.hidden_reason = ""
    card.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    bump(card.workshop)
    audit(
        by,
        "workshop.card_shown",
        _("Karte wieder eingeblendet: %(text)s") % {"text": card.text[:80]},
        card.workshop,
        obj=card,
        request=request,
    )
    return card


@transaction.atomic
def card_merge(*, source: Card, target: Card, by: User, request=None) -> Card:
    """Merge a duplicate into ``target``: its points move over, the duplicate disappears.

    A participant who voted for both keeps the sum of points on the target (the budget
    spent does not change), even if that exceeds the per-card maximum – nobody loses points
    because the moderation merged cards.
    """
    if source.pk == target.pk:
        raise ValidationError(_("Eine Karte kann nicht mit sich selbst zusammengeführt werden."))
    if source.phase_id != target.phase_id:
        raise ValidationError(_("Nur Karten derselben Phase können zusammengeführt werden."))
    if not target.is_visible or not source.is_visible:
        raise ValidationError(_("Ausgeblendete Karten können nicht zusammengeführt werden."))
    source = Card.objects.select_for_update().get(pk=source.pk)
    for vote in Vote.objects.select_for_update().filter(card=source):
        existing = Vote.objects.select_for_update().filter(
            card=target, participant_id=vote.participant_id
        )
        if existing.update(points=F("points") + vote.points):
            vote.delete()
        else:
            Vote.objects.filter(pk=vote.pk).update(card=target)
    Card.objects.filter(merged_into=source).update(merged_into=target)
    source.merged_into = target
    source.cluster = None
    source.save(update_fields=["merged_into", "cluster", "updated_at"])
    bump(target.workshop)
    audit(
        by,
        "workshop.card_merged",
        _("Karte „%(source)s“ mit „%(target)s“ zusammengeführt")
        % {"source": source.text[:60], "target": target.text[:60]},
        target.workshop,
        obj=target,
        request=request,
    )
    return target


# --- Clusters ---------------------------------------------------------------------------


@transaction.atomic
def cluster_create(*, phase: Phase, title: str, by: User, cards=(), request=None) -> Cluster:
    title = clean_line(title, max_length=120)
    if not title:
        raise ValidationError(_("Bitte geben Sie dem Cluster einen Titel."))
    cluster = Cluster.objects.create(workshop=phase.workshop, phase=phase, title=title)
    for card in cards:
        card_set_cluster(card=card, cluster=cluster, by=by)
    bump(phase.workshop)
    audit(
        by,
        "workshop.cluster_created",
        _("Cluster „%(title)s“ angelegt") % {"title": title},
        phase.workshop,
        obj=cluster,
        request=request,
    )
    return cluster


@transaction.atomic
def cluster_rename(*, cluster: Cluster, title: str, by: User, request=None) -> Cluster:
    title = clean_line(title, max_length=120)
    if not title:
        raise ValidationError(_("Bitte geben Sie dem Cluster einen Titel."))
    cluster.title = title
    cluster.save(update_fields=["title"])
    bump(cluster.workshop)
    return cluster


@transaction.atomic
def cluster_delete(*, cluster: Cluster, by: User, request=None) -> None:
    workshop = cluster.workshop
    audit(
        by,
        "workshop.cluster_deleted",
        _("Cluster „%(title)s“ aufgelöst") % {"title": cluster.title},
        workshop,
        obj=cluster,
        request=request,
    )
    cluster.delete()  # cards stay, without cluster
    bump(workshop)


@transaction.atomic
def card_set_cluster(*, card: Card, cluster: Cluster | None, by: User, request=None) -> Card:
    if cluster is not None and cluster.phase_id != card.phase_id:
        raise ValidationError(_("Cluster und Karte gehören zu verschiedenen Phasen."))
    card.cluster = cluster
    card.save(update_fields=["cluster", "updated_at"])
    bump(card.workshop)
    return card
