"""Named permissions of the Zukunftswerkstatt.

Team side: objects are a ``Municipality`` or a ``Workshop`` (anything with ``municipality``).
Who may moderate: the Kommune's coordination, assigned consultants, the office, and users
named as moderators of the workshop. Other team members may look and download the protocol.

Participant side: the "user" is a ``Participant`` (no account); the object is a ``Phase``.
What a phase allows comes from the phase registry (``phases.py``). Whether a participant may
write or vote *now* (same workshop, not blocked, phase open and made for it) is decided here
once: the page shows its form from the rule, and the services call ``require`` – which
raises the reason the rule says no, in plain German.
"""

import rules
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from zwk.accounts.predicates import is_assigned_consultant, is_coordinator_of, is_office
from zwk.core import permissions
from zwk.municipalities.rules import works_in
from zwk.workshops.phases import VOTE, WRITE


@rules.predicate
def is_workshop_moderator(user, workshop) -> bool:
    if workshop is None or not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(workshop, "moderators"):
        return False
    cache = user.__dict__.setdefault("_zwk_moderates", {})
    if workshop.pk not in cache:
        cache[workshop.pk] = workshop.moderators.filter(pk=user.pk).exists()
    return cache[workshop.pk]


leads_workshops = is_office | is_coordinator_of | is_assigned_consultant
moderates = leads_workshops | is_workshop_moderator


def participant_refusal(participant, phase) -> str | None:
    """Why ``participant`` may not contribute to ``phase`` – or None if they may."""
    if participant.workshop_id != phase.workshop_id:
        return _("Diese Karte gehört zu einer anderen Werkstatt.")
    if participant.blocked_at is not None:
        return _("Sie wurden von der Moderation gesperrt und können nichts mehr beitragen.")
    if participant.anonymised_at is not None:
        return _("Ihre Teilnahme ist beendet.")
    return None


def phase_refusal(phase, action: str) -> str | None:
    """Why ``phase`` does not take ``action`` (WRITE, VOTE) now – or None if it does."""
    if not phase.type.allows(action):
        if action == WRITE:
            return _("In der Phase „%(phase)s“ werden keine Karten geschrieben.") % {
                "phase": phase.type.title
            }
        return _("In der Phase „%(phase)s“ werden keine Punkte vergeben.") % {
            "phase": phase.type.title
        }
    if phase.state == phase.State.CLOSED:
        return _(
            "Die Phase „%(phase)s“ ist abgeschlossen – Änderungen sind nicht mehr möglich."
        ) % {"phase": phase.type.title}
    if phase.state == phase.State.PENDING:
        return _("Die Phase „%(phase)s“ hat noch nicht begonnen.") % {"phase": phase.type.title}
    return None


def require(action: str, participant, phase) -> None:
    """For the services: ``ValidationError`` with the reason unless ``participant`` may do
    ``action`` in ``phase`` now (the same test as ``workshops.write_card``/``vote_card``)."""
    reason = participant_refusal(participant, phase) or phase_refusal(phase, action)
    if reason:
        raise ValidationError(reason)


@rules.predicate
def is_active_participant(participant, phase) -> bool:
    return (
        participant is not None
        and hasattr(participant, "blocked_at")
        and phase is not None
        and participant_refusal(participant, phase) is None
    )


@rules.predicate
def phase_allows_writing(participant, phase) -> bool:
    return phase_refusal(phase, WRITE) is None


@rules.predicate
def phase_allows_voting(participant, phase) -> bool:
    return phase_refusal(phase, VOTE) is None


@rules.predicate
def workshop_is_running(user, workshop) -> bool:
    return workshop is not None and getattr(workshop, "finished_at", None) is None


rules.add_perm("workshops.view_workshop", works_in)
rules.add_perm("workshops.add_workshop", leads_workshops)
rules.add_perm("workshops.change_workshop", moderates)
rules.add_perm("workshops.moderate_workshop", moderates)

rules.add_rule("workshops.write_card", is_active_participant & phase_allows_writing)
rules.add_rule("workshops.vote_card", is_active_participant & phase_allows_voting)

# Running the phases (open, reopen) is over once the workshop is finished. Object: the workshop.
permissions.add_state_perm(
    "workshops.run_workshop",
    role=moderates,
    state=workshop_is_running,
    refusal=_lazy("Die Werkstatt ist abgeschlossen. Phasen können nicht mehr geöffnet werden."),
)
