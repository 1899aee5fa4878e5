"""State permissions (``zwk.core.permissions``): one rule for pages and services."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from zwk.core import permissions


@rules.predicate
def _is_staff(user) -> bool:
    return bool(getattr(user, "is_staff", False))


@rules.predicate
def _is_open(user, thing) -> bool:
    return bool(thing and thing.get("open"))


permissions.add_state_perm(
    "core_test.act",
    role=_is_staff,
    state=_is_open,
    refusal="Das geht jetzt nicht.",
    role_refusal=None,
)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("staff", "staff@example.org", is_staff=True)


def test_role_and_state_both_decide(staff, django_user_model):
    other = django_user_model.objects.create_user("other", "other@example.org")
    assert staff.has_perm("core_test.act", {"open": True})
    assert not staff.has_perm("core_test.act", {"open": False})
    assert permissions.role_allows(staff, "core_test.act", {"open": False})
    assert not permissions.role_allows(other, "core_test.act", {"open": True})


def test_require_raises_the_refusal_for_the_state_and_403_for_the_role(staff, django_user_model):
    permissions.require(staff, "core_test.act", {"open": True})
    with pytest.raises(ValidationError, match="Das geht jetzt nicht"):
        permissions.require(staff, "core_test.act", {"open": False})
    other = django_user_model.objects.create_user("other", "other@example.org")
    with pytest.raises(PermissionDenied):
        permissions.require(other, "core_test.act", {"open": True})
    with pytest.raises(PermissionDenied):
        permissions.require(AnonymousUser(), "core_test.act", {"open": True})


def test_the_platform_itself_is_held_to_the_state_only():
    permissions.require(None, "core_test.act", {"open": True})
    with pytest.raises(ValidationError):
        permissions.require(None, "core_test.act", {"open": False})


def test_a_superuser_gets_no_shortcut_past_a_state_permission(django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    assert root.has_perm("any_app.any_model_permission")  # Django's shortcut stays elsewhere
    assert not root.has_perm("core_test.act", {"open": False})
