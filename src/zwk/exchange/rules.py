"""Named permissions of the Austausch (online formats and events).

Object: an ``Event``. Published (and cancelled) events are public; drafts only for the office
and the event's organiser. Events for programme Kommunen accept registrations from members of
a Kommune, consultants and the office; open events from anyone.
"""

import rules

from zwk.accounts.predicates import is_office, is_published


@rules.predicate
def is_organiser(user, event) -> bool:
    return bool(user.is_authenticated and event is not None and event.organiser_id == user.pk)


@rules.predicate
def in_programme(user) -> bool:
    """Logged-in people of the programme: team of a Kommune, consultants, the office."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_office or user.is_consultant or user.memberships.exists())


@rules.predicate
def is_open_event(user, event) -> bool:
    return bool(event is not None and event.is_open)


@rules.predicate
def is_registered(user, event) -> bool:
    """Has a confirmed (not waiting, not cancelled) registration with this account."""
    if not user.is_authenticated or event is None:
        return False
    from django.db.models import Q

    return event.registrations.filter(
        Q(user=user) | Q(email__iexact=user.email), status="confirmed"
    ).exists()


manages = is_office | is_organiser

rules.add_perm("exchange.view_event", is_published | manages)
rules.add_perm("exchange.add_event", is_office)
rules.add_perm("exchange.change_event", manages)
rules.add_perm("exchange.cancel_event", manages)
rules.add_perm("exchange.document_event", manages)
rules.add_perm("exchange.view_attendees", manages)
rules.add_perm("exchange.register_event", is_published & (is_open_event | in_programme))
rules.add_perm("exchange.see_online_link", manages | is_registered)
