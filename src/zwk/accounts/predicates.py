"""The few shared predicates every app's ``rules.py`` builds on (django-rules).

Kommune-scoped predicates take the Kommune (``Municipality``) or any object with a
``municipality`` attribute, so that rules for steps, documents or workshops reuse them.
Lookups go through reverse relations, so ``accounts`` never imports ``municipalities``.
"""

import rules


def _municipality(obj):
    if obj is None:
        return None
    return getattr(obj, "municipality", obj)


def _membership_roles(user, municipality) -> set[str]:
    """Roles of ``user`` in ``municipality``, cached per request on the user object."""
    cache = user.__dict__.setdefault("_zwk_roles", {})
    if municipality.pk not in cache:
        cache[municipality.pk] = set(
            user.memberships.filter(municipality_id=municipality.pk).values_list("role", flat=True)
        )
    return cache[municipality.pk]


@rules.predicate
def is_office(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_office)


@rules.predicate
def is_consultant(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_consultant)


@rules.predicate
def is_member_of(user, obj) -> bool:
    municipality = _municipality(obj)
    if municipality is None or not user.is_authenticated:
        return False
    return bool(_membership_roles(user, municipality))


@rules.predicate
def is_coordinator_of(user, obj) -> bool:
    municipality = _municipality(obj)
    if municipality is None or not user.is_authenticated:
        return False
    return "coordinator" in _membership_roles(user, municipality)


@rules.predicate
def is_assigned_consultant(user, obj) -> bool:
    municipality = _municipality(obj)
    if municipality is None or not is_consultant(user):
        return False
    cache = user.__dict__.setdefault("_zwk_assigned", {})
    if municipality.pk not in cache:
        cache[municipality.pk] = user.consultant_assignments.filter(
            municipality_id=municipality.pk, active=True
        ).exists()
    return cache[municipality.pk]


@rules.predicate
def is_published(user, obj) -> bool:
    return bool(getattr(obj, "is_published", False))


@rules.predicate
def is_self(user, obj) -> bool:
    return user.is_authenticated and obj is not None and getattr(obj, "pk", None) == user.pk


def forget_cached_roles(user) -> None:
    """Drop per-request role caches after memberships changed (used by services/tests)."""
    user.__dict__.pop("_zwk_roles", None)
    user.__dict__.pop("_zwk_assigned", None)
