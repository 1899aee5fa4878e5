"""Participants' data rights (Art. 15, 17, 20 DSGVO) and redaction of personal data in cards.

Participants have no account. They reach their data through the device identity
(``identity.py``) or, on another device, through their **Teilnahmecode**: twelve characters
shown on the board ("Ihr Teilnahmecode: …", to note down), derived from the participant's
secret device token with an HMAC of the ``SECRET_KEY`` – so it needs no column of its own,
reveals nothing about the participant and stops working once the participant's data is
deleted or anonymised (the token changes or the row goes). About 59 bits: not guessable, and
wrong codes are rate-limited per client address and workshop.

What belongs to a participant: the participant row (pseudonym, age group, Ortsteil, consent),
the cards they wrote online (with photo) and the points they gave (votes, ballots).
``participant_erase`` deletes all of it in one transaction and keeps the workshop's figures
consistent: points others gave to the deleted cards are withdrawn and refunded to their
ballots, points the participant gave disappear from the cards' totals. Cards of others that
the moderation had merged into a deleted card appear again on their own.

Moderators can redact personal data in any card (``card_redact``): the selected part – or
the whole text – becomes "[entfernt]" in the card and in every audit-log message that quoted
it; the redaction itself is audited with its reason but without the removed text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from zwk.accounts.models import AuditEntry, User
from zwk.core.exports import csv_text
from zwk.core.text import clean_line
from zwk.workshops.models import CODE_ALPHABET, Ballot, Card, Participant, Vote, Workshop
from zwk.workshops.personal_data_scan import Finding, findings
from zwk.workshops.retention import retention_reference
from zwk.workshops.services import audit, bump

REDACTED = "[entfernt]"
CODE_SALT = "zwk.workshops.participant-data-code"
CODE_GROUPS, CODE_GROUP_LENGTH = 3, 4
CARD_TEXT_FIELDS = ("text", "who", "by_when", "first_step")
MIN_PART_LENGTH = 3


# --- Teilnahmecode ----------------------------------------------------------------------


def participant_code(participant: Participant) -> str:
    """``abcd-efgh-jkmn``: the participant's personal code (same on every call)."""
    digest = salted_hmac(CODE_SALT, f"{participant.pk}:{participant.token}").digest()
    number = int.from_bytes(digest[:16], "big")
    chars = []
    for _i in range(CODE_GROUPS * CODE_GROUP_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[index])
    groups = ["".join(chars[i : i + CODE_GROUP_LENGTH]) for i in range(0, len(chars), 4)]
    return "-".join(groups)


def normalise_code(text: str) -> str:
    return "".join(c for c in (text or "").lower() if c.isalnum())


def participant_by_code(workshop: Workshop, code: str) -> Participant | None:
    """The participant of ``workshop`` whose Teilnahmecode is ``code`` – or None.

    Compares with every active participant of the workshop in constant time per code –
    measured 0.13 s for a workshop of 1,000 participants on a busy two-core machine; rare and
    rate-limited, so no stored hash column is needed."""
    wanted = normalise_code(code)
    if len(wanted) != CODE_GROUPS * CODE_GROUP_LENGTH:
        return None
    found = None
    for participant in workshop.participants.filter(anonymised_at__isnull=True).only(
        "pk", "token", "workshop_id"
    ):
        if constant_time_compare(normalise_code(participant_code(participant)), wanted):
            found = participant
    if found is not None:
        found = Participant.objects.select_related("workshop__municipality").get(pk=found.pk)
    return found


# --- Export -----------------------------------------------------------------------------


def _card_status(card: Card) -> str:
    if card.merged_into_id:
        return _("mit einer anderen Karte zusammengeführt")
    if card.hidden_at:
        return _("von der Moderation ausgeblendet")
    return _("sichtbar")


def contributions(participant: Participant) -> dict:
    """Everything stored about ``participant`` – for the page and both downloads."""
    cards = list(
        Card.objects.filter(participant=participant)
        .select_related("phase", "theme")
        .annotate(points=Sum("votes__points"))
        .order_by("created_at", "id")
    )
    votes = list(
        Vote.objects.filter(participant=participant)
        .select_related("card", "phase")
        .order_by("phase__order", "card__created_at", "id")
    )
    for card in cards:
        card.status_label = _card_status(card)
    for vote in votes:
        vote.card_text = _vote_card_text(vote, participant)
    return {"participant": participant, "cards": cards, "votes": votes}


def _vote_card_text(vote: Vote, participant: Participant) -> str:
    """Text of the card a point went to – unless the moderation hid another person's card
    (it may be hidden for a reason, e.g. personal data)."""
    card = vote.card
    if card.participant_id == participant.pk or card.is_visible:
        return card.text
    return _("(Karte ausgeblendet)")


def export_data(participant: Participant) -> dict:
    """The JSON download (Art. 15/20 DSGVO): plain values, German keys where people read."""
    data = contributions(participant)
    return {
        "werkstatt": participant.workshop.title,
        "kommune": participant.workshop.municipality.name,
        "erstellt_am": timezone.now().isoformat(timespec="seconds"),
        "teilnahme": {
            "name_oder_spitzname": participant.pseudonym,
            "altersgruppe": str(participant.get_age_group_display())
            if participant.age_group
            else "",
            "ortsteil": participant.district,
            "beigetreten_am": participant.created_at.isoformat(timespec="seconds"),
            "einwilligung_am": participant.consent_at.isoformat(timespec="seconds"),
            "fassung_datenschutzhinweis": participant.consent_version,
            "gesperrt": participant.blocked_at is not None,
        },
        "karten": [
            {
                "phase": str(card.phase.type.title),
                "text": card.text,
                "handlungsfeld": card.theme.name if card.theme else "",
                "wer": card.who,
                "bis_wann": card.by_when,
                "erster_schritt": card.first_step,
                "foto": bool(card.photo),
                "geschrieben_am": card.created_at.isoformat(timespec="seconds"),
                "status": str(card.status_label),
                "erhaltene_punkte": card.points or 0,
            }
            for card in data["cards"]
        ],
        "punkte": [
            {
                "phase": str(vote.phase.type.title),
                "karte": vote.card_text,
                "punkte": vote.points,
                "vergeben_am": vote.updated_at.isoformat(timespec="seconds"),
            }
            for vote in data["votes"]
        ],
    }


def export_json(participant: Participant) -> str:
    return json.dumps(export_data(participant), ensure_ascii=False, indent=2)


CSV_HEADERS = ["Art", "Phase", "Text", "Angaben", "Datum"]


def export_csv(participant: Participant) -> str:
    data = export_data(participant)
    person = data["teilnahme"]
    rows = [
        [
            "Teilnahme",
            "",
            person["name_oder_spitzname"],
            "; ".join(
                part
                for part in (
                    person["altersgruppe"] and f"Altersgruppe: {person['altersgruppe']}",
                    person["ortsteil"] and f"Ortsteil: {person['ortsteil']}",
                    f"Einwilligung: {person['einwilligung_am']} "
                    f"(Fassung {person['fassung_datenschutzhinweis']})",
                )
                if part
            ),
            person["beigetreten_am"],
        ]
    ]
    for card in data["karten"]:
        details = [
            f"{label}: {card[key]}"
            for key, label in (
                ("handlungsfeld", "Handlungsfeld"),
                ("wer", "Wer?"),
                ("bis_wann", "Bis wann?"),
                ("erster_schritt", "Erster Schritt"),
            )
            if card[key]
        ]
        details += [f"Status: {card['status']}", f"erhaltene Punkte: {card['erhaltene_punkte']}"]
        if card["foto"]:
            details.append("mit Foto")
        rows.append(
            ["Karte", card["phase"], card["text"], "; ".join(details), card["geschrieben_am"]]
        )
    for vote in data["punkte"]:
        rows.append(
            [
                "Punkte",
                vote["phase"],
                vote["karte"],
                f"{vote['punkte']} Punkt(e)",
                vote["vergeben_am"],
            ]
        )
    return csv_text(CSV_HEADERS, rows)


# --- Erasure ----------------------------------------------------------------------------


@dataclass
class Erased:
    cards: int = 0
    votes: int = 0
    others_points_withdrawn: int = 0


def _refund(votes) -> int:
    """Delete ``votes`` (locked) and give their points back to the voters' ballots."""
    points = 0
    for vote in votes:
        Ballot.objects.filter(participant_id=vote.participant_id, phase_id=vote.phase_id).update(
            spent=F("spent") - vote.points
        )
        points += vote.points
    Vote.objects.filter(pk__in=[v.pk for v in votes]).delete()
    return points


@transaction.atomic
def participant_erase(*, participant: Participant) -> Erased:
    """Delete the participant with their cards and points, all or nothing.

    Lock order as in ``voting.vote_cast`` (ballot first, then the card through the vote's
    foreign key): the ballots of everyone who voted for one of the cards – and the
    participant's own – are locked first, then the cards, then the votes are read again under
    the locks. A concurrent vote or withdrawal on one of the cards waits and then finds the
    card gone; no deadlock, no point counted twice.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    workshop = Workshop.objects.get(pk=participant.workshop_id)
    card_ids = list(
        Card.objects.filter(participant=participant).order_by("pk").values_list("pk", flat=True)
    )
    affected = Vote.objects.filter(Q(card_id__in=card_ids) | Q(participant=participant))
    ballot_filter = Q(participant=participant)
    for voter, phase in set(affected.values_list("participant_id", "phase_id")):
        ballot_filter |= Q(participant_id=voter, phase_id=phase)
    list(Ballot.objects.select_for_update().filter(ballot_filter).order_by("pk"))
    cards = list(Card.objects.select_for_update().filter(pk__in=card_ids).order_by("pk"))
    others = list(
        Vote.objects.select_for_update()
        .filter(card_id__in=card_ids)
        .exclude(participant=participant)
        .order_by("pk")
    )
    own = list(Vote.objects.select_for_update().filter(participant=participant).order_by("pk"))
    erased = Erased(cards=len(cards), votes=len(own))
    erased.others_points_withdrawn = _refund(others)
    _refund(own)
    # Cards of others merged into a deleted card stand on their own again.
    Card.objects.filter(merged_into_id__in=card_ids).update(merged_into=None)
    photos = [card.photo for card in cards if card.photo]
    Card.objects.filter(pk__in=card_ids).delete()
    participant.delete()  # ballots go with it (CASCADE)
    bump(workshop)
    transaction.on_commit(lambda: [photo.delete(save=False) for photo in photos])
    return erased


# --- Redaction --------------------------------------------------------------------------


def _truncations(text: str) -> list[str]:
    """The forms in which audit messages quote a card text (whole, first 80, first 60)."""
    forms = {text, text[:80], text[:60]}
    return sorted((f for f in forms if len(f) >= 3), key=len, reverse=True)


def _with_findings(removed: list[str]) -> list[str]:
    """The removed strings plus the names, addresses, numbers the heuristic finds in them
    ("Ottilie Zwergstein" of "Ottilie Zwergstein, Lindenweg 3"): a hide reason or another
    audit message may quote just the name. Longest first, so the whole goes before a part."""
    found = {f.match for text in removed for f in findings(text) if len(f.match) >= MIN_PART_LENGTH}
    return sorted(set(removed) | found, key=len, reverse=True)


def _scrub(value: str, removed: list[str]) -> str:
    for part in removed:
        value = value.replace(part, REDACTED)
    return value


@transaction.atomic
def card_redact(
    *, card: Card, by: User, reason: str, part: str = "", remove_photo: bool = False, request=None
) -> Card:
    """Replace ``part`` (every occurrence, in all text fields) – or, if empty, the whole text
    and the action fields – by "[entfernt]". The removed text, and the names, addresses and
    numbers found in it, are also replaced in the card's hide reason and in the audit-log
    messages about cards of the same phase (a merge is logged on the target card); the
    original is kept nowhere."""
    reason = clean_line(reason, max_length=200)
    if not reason:
        raise ValidationError(_("Bitte geben Sie einen Grund an – er wird im Protokoll vermerkt."))
    card = Card.objects.select_for_update().select_related("workshop__municipality").get(pk=card.pk)
    part = (part or "").strip()
    removed: list[str]
    if part and len(part) < MIN_PART_LENGTH:
        raise ValidationError(
            _("Bitte markieren Sie mindestens %(n)d Zeichen – oder entfernen Sie den ganzen Text.")
            % {"n": MIN_PART_LENGTH}
        )
    if part:
        if not any(part in getattr(card, name) for name in CARD_TEXT_FIELDS):
            raise ValidationError(
                _("Der angegebene Teil kommt in der Karte nicht vor. Bitte genau so kopieren.")
            )
        removed = _with_findings([part])
        for name in CARD_TEXT_FIELDS:
            limit = Card._meta.get_field(name).max_length
            setattr(card, name, _scrub(getattr(card, name), removed)[:limit])
    else:
        texts = [value for name in CARD_TEXT_FIELDS if (value := getattr(card, name))]
        removed = _with_findings([form for value in texts for form in _truncations(value)])
        card.text = REDACTED
        card.who = card.by_when = card.first_step = ""
    # The moderation's translation may repeat the removed words in another language, where
    # they cannot be found by text: it goes too (the moderation can translate again).
    card.moderator_translation = card.moderator_translation_language = ""
    old_photo = card.photo if remove_photo and card.photo else None
    if old_photo:
        card.photo = ""
    card.hidden_reason = _scrub(card.hidden_reason, removed)
    card.save()
    reason = _scrub(reason, removed)
    workshop = card.workshop
    # Audit messages that quote cards of this phase (a merge is logged on the target card).
    phase_cards = [
        str(pk) for pk in Card.objects.filter(phase_id=card.phase_id).values_list("pk", flat=True)
    ]
    entries = AuditEntry.objects.filter(object_type="workshops.card", object_id__in=phase_cards)
    query = Q()
    for form in removed:
        query |= Q(message__contains=form)
    for entry in entries.filter(query).only("pk", "message"):
        AuditEntry.objects.filter(pk=entry.pk).update(message=_scrub(entry.message, removed))
    bump(workshop)
    audit(
        by,
        "workshop.card_redacted",
        _("Personenbezogene Angaben in Karte Nr. %(pk)s entfernt (%(what)s). Grund: %(reason)s")
        % {
            "pk": card.pk,
            "what": _("Teil des Textes") if part else _("ganzer Text"),
            "reason": reason,
        },
        workshop,
        obj=card,
        request=request,
    )
    if old_photo:
        transaction.on_commit(lambda: old_photo.delete(save=False))
    return card


# --- Review before the purge ------------------------------------------------------------


@dataclass
class FlaggedCard:
    card: Card
    findings: list[Finding]


def flagged_cards(workshop: Workshop) -> list[FlaggedCard]:
    """Cards of ``workshop`` (visible or not) whose text probably holds personal data."""
    flagged = []
    for card in Card.objects.filter(workshop=workshop).select_related("phase").order_by("id"):
        hits = [f for name in CARD_TEXT_FIELDS for f in findings(getattr(card, name))]
        if hits:
            flagged.append(FlaggedCard(card, hits))
    return flagged


def purge_review(*, now=None, ahead_days: int = 14) -> list[tuple[Workshop, list[FlaggedCard]]]:
    """Workshops whose participants are purged within ``ahead_days`` (or are due now), with
    their cards that probably hold personal data – the purge report's review list."""
    now = now or timezone.now()
    report = []
    candidates = Workshop.objects.filter(participants__anonymised_at__isnull=True).distinct()
    for workshop in candidates.select_related("municipality").order_by("pk"):
        due = retention_reference(workshop) + timedelta(days=workshop.retention_days)
        if due > now + timedelta(days=ahead_days):
            continue
        flagged = flagged_cards(workshop)
        if flagged:
            report.append((workshop, flagged))
    return report
