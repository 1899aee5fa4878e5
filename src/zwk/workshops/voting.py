"""Dot voting ("Punkten") of the Zukunftswerkstatt: the participants' write path.

A participant puts points on visible cards of an open voting phase, within the phase's
budget and the per-card maximum; whether they may vote now is asked of ``rules.py``. Every
change bumps ``Workshop.version`` (``services.bump``) for the live views.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zwk.core.queries import one_or_none
from zwk.workshops import rules as workshop_rules
from zwk.workshops.models import (
    Ballot,
    Card,
    Participant,
    Phase,
    Vote,
    Workshop,
)
from zwk.workshops.phases import VOTE
from zwk.workshops.services import bump


def _votable_card(card: Card, participant: Participant, fresh: bool) -> tuple[Card, Phase]:
    if not fresh:
        card = Card.objects.select_related("phase").get(pk=card.pk)
    if card.workshop_id == participant.workshop_id:
        card.workshop = participant.workshop  # loaded with the participant: no query
    phase = card.phase
    workshop_rules.require(VOTE, participant, phase)
    if not card.is_visible:
        raise ValidationError(_("Diese Karte ist nicht mehr sichtbar."))
    return card, phase


@transaction.atomic
def vote_cast(
    *, participant: Participant, card: Card, points: int = 1, card_is_fresh: bool = False
) -> Vote:
    """Put ``points`` on ``card``; refuses beyond the budget or the per-card maximum.

    ``card_is_fresh``: the caller has just read the card with ``select_related("phase")``
    in this request (the participant views do) – saves reading it a second time.

    Concurrency: the participant's ballot row is locked (SELECT … FOR UPDATE) and changed
    with a conditional UPDATE (``spent + points <= budget``), so two requests of the same
    participant are serialised and cannot both spend the last point. The ballot's check
    constraint backs this in the database itself.
    """
    if points < 1:
        raise ValidationError(_("Ungültige Punktzahl."))
    card, phase = _votable_card(card, participant, card_is_fresh)
    workshop = card.workshop
    ballot = _locked_ballot(participant, phase, workshop)
    spent = Ballot.objects.filter(pk=ballot.pk, spent__lte=F("budget") - points).update(
        spent=F("spent") + points
    )
    if not spent:
        raise ValidationError(
            _(
                "Sie haben alle %(n)d Punkte dieser Phase vergeben. Nehmen Sie einen zurück, um umzuverteilen."
            )
            % {"n": ballot.budget}
        )
    vote = one_or_none(Vote.objects.filter(participant=participant, card=card))
    current = vote.points if vote else 0
    if current + points > workshop.max_points_per_card:
        raise ValidationError(
            ngettext(
                "Sie können einer Karte höchstens %(n)d Punkt geben.",
                "Sie können einer Karte höchstens %(n)d Punkte geben.",
                workshop.max_points_per_card,
            )
            % {"n": workshop.max_points_per_card}
        )
    if vote is None:
        vote = Vote.objects.create(participant=participant, card=card, phase=phase, points=points)
    else:
        Vote.objects.filter(pk=vote.pk).update(points=F("points") + points)
        vote.points += points
    bump(workshop)
    return vote


@transaction.atomic
def vote_withdraw(
    *, participant: Participant, card: Card, points: int = 1, card_is_fresh: bool = False
) -> int:
    """Take points back from ``card`` while the phase is open; returns the points left on it."""
    card, phase = _votable_card(card, participant, card_is_fresh)
    ballot = _locked_ballot(participant, phase, card.workshop)
    vote = one_or_none(Vote.objects.filter(participant=participant, card=card))
    if vote is None:
        raise ValidationError(_("Sie haben dieser Karte keinen Punkt gegeben."))
    points = min(points, vote.points)
    if vote.points == points:
        vote.delete()
        left = 0
    else:
        Vote.objects.filter(pk=vote.pk).update(points=F("points") - points)
        left = vote.points - points
    Ballot.objects.filter(pk=ballot.pk).update(spent=F("spent") - points)
    bump(card.workshop)
    return left


def _locked_ballot(participant: Participant, phase: Phase, workshop: Workshop) -> Ballot:
    """The participant's ballot of ``phase``, locked; created on the first point."""
    ballot = one_or_none(
        Ballot.objects.select_for_update().filter(participant=participant, phase=phase)
    )
    if ballot is not None:
        return ballot
    try:
        with transaction.atomic():
            Ballot.objects.create(participant=participant, phase=phase, budget=workshop.vote_budget)
    except IntegrityError:  # created concurrently by another request of the same device
        pass
    return Ballot.objects.select_for_update().get(participant=participant, phase=phase)
