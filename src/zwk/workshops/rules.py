"""Named permissions of the Zukunftswerkstatt.

Team side: objects are a ``Municipality`` or a ``Workshop`` (anything with ``municipality``).
Who may moderate: the Kommune's coordination, assigned consultants, the office, and users
named as moderators of the workshop. Other team members may look and download the protocol.

Participant side: the "user" is a ``Participant`` (no account); the object is a ``Phase``.
What a phase allows comes from the phase registry (``phases.py``).
"""

import rules

from zwk.accounts.predicates import is_assigned_consultant, is_coordinator_of, is_office
from zwk.municipalities.rules import can_see
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


@rules.predicate
def is_active_participant(participant, phase) -> bool:
    return (
        participant is not None
        and hasattr(participant, "blocked_at")
        and participant.blocked_at is None
        and participant.anonymised_at is None
        and phase is not None
        and participant.workshop_id == phase.workshop_id
    )


@rules.predicate
def phase_allows_writing(participant, phase) -> bool:
    return phase.is_open and phase.type.allows(WRITE)


@rules.predicate
def phase_allows_voting(participant, phase) -> bool:
    return phase.is_open and phase.type.allows(VOTE)


rules.add_perm("workshops.view_workshop", can_see)
rules.add_perm("workshops.add_workshop", leads_workshops)
rules.add_perm("workshops.change_workshop", moderates)
rules.add_perm("workshops.moderate_workshop", moderates)

rules.add_rule("workshops.write_card", is_active_participant & phase_allows_writing)
rules.add_rule("workshops.vote_card", is_active_participant & phase_allows_voting)
