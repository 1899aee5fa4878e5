"""May this person do X *now*? Permissions that depend on a role and on a state.

Each app's ``rules.py`` declares such a permission once, next to its role permissions::

    permissions.add_state_perm(
        "consulting.log_days",
        role=is_request_consultant | is_office,
        state=request_is_accepted,
        refusal=_("Tage können nur für angenommene, nicht abgeschlossene Anfragen gebucht werden."),
    )

- ``has_perm`` (views, templates) is true only when role *and* state allow it – also for
  superusers (``accounts.User.has_perm`` gives them no shortcut past a state permission).
- ``role_allows`` says whether the role fits whatever the state: a view that shows a form
  lets such a user in, and the service then explains why it is not possible now.
- ``require`` is what services call before writing: nothing if allowed, the refusal as a
  ``ValidationError`` (code ``refused_now``) when only the state is wrong; when the role does
  not fit, ``role_refusal`` as a ``ValidationError`` if the permission names one, otherwise
  ``PermissionDenied``. The page shows the same sentence the service raises. ``user=None``
  is the platform itself (demo data, benchmarks, tasks): only the state is checked.

A refusal is a (lazily translated) text or a function of the object returning one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied, ValidationError


@dataclass(frozen=True)
class StatePermission:
    role: rules.Predicate
    state: rules.Predicate
    refusal: str | Callable[[object], str]  # plain German
    role_refusal: str | None = None


_STATE_PERMS: dict[str, StatePermission] = {}


def add_state_perm(name: str, *, role, state, refusal, role_refusal=None) -> None:
    """Register ``name`` as ``role & state`` with django-rules and remember its refusals."""
    _STATE_PERMS[name] = StatePermission(role, state, refusal, role_refusal)
    rules.add_perm(name, role & state)


def is_state_perm(name: str) -> bool:
    return name in _STATE_PERMS


def role_allows(user, name: str, obj=None) -> bool:
    """Whether ``user``'s role fits ``name`` on ``obj``, whatever the state."""
    perm = _STATE_PERMS.get(name)
    if perm is None:
        return user.has_perm(name, obj)
    return bool(user.is_active and perm.role.test(user, obj))


def _refusal(perm: StatePermission, obj) -> str:
    return perm.refusal(obj) if callable(perm.refusal) else perm.refusal


def require(user, name: str, obj=None) -> None:
    """Raise unless ``user`` may do ``name`` on ``obj`` now (see the module docstring)."""
    perm = _STATE_PERMS.get(name)
    if user is None:  # the platform itself: no role, but the state still holds
        if perm is not None and not perm.state.test(None, obj):
            raise ValidationError(_refusal(perm, obj), code="refused_now")
        return
    if user.is_active and rules.has_perm(name, user, obj):
        return
    if perm is None:
        raise PermissionDenied
    if role_allows(user, name, obj):
        raise ValidationError(_refusal(perm, obj), code="refused_now")
    if perm.role_refusal is not None:
        raise ValidationError(perm.role_refusal, code="refused_role")
    raise PermissionDenied
