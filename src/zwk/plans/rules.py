"""Named permissions of the Werkstattplan and the Zwischenbilanz.

Whoever may see the Kommune sees its plan and review; the team, the assigned consultant and
the office work on it (consultants often write measures with the team) and comment in the
internal consultation. Approving and publishing the plan is for those who lead
(coordination, office). A published plan's public page is readable by everyone.

What may happen to the plan *now* depends on its status too: the status changes
(``STATUS_CHANGES``, asked through ``status_changes``/``require_status_change``) and
publication (a state permission: only a plan with an approved version goes public). The
pages show their buttons from these rules and the services refuse with the same sentence.
"""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from zwk.accounts.predicates import is_published
from zwk.core import permissions
from zwk.municipalities.rules import leads, works_in
from zwk.plans.models import Plan


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return bool(user.is_authenticated and getattr(comment, "author_id", None) == user.pk)


rules.add_perm("plans.view_plan", works_in)
rules.add_perm("plans.change_plan", works_in)
rules.add_perm("plans.comment_plan", works_in)
rules.add_perm("plans.delete_comment", works_in & (is_comment_author | leads))
rules.add_perm("plans.approve_plan", leads)
# Object: the Plan (``is_published``) – outsiders read only the public page of a published plan.
rules.add_perm("plans.view_public_plan", works_in | is_published)
rules.add_perm("plans.view_review", works_in)
# Zwischenbilanz: lessons learnt and Verstetigung are team work; offering a lesson to the
# Werkzeugkoffer (other Kommunen) is decided by those who lead.
rules.add_perm("plans.change_review", works_in)
rules.add_perm("plans.share_lesson", leads)


# --- State: status changes and publication ---------------------------------------------------

# Allowed status changes and the permission each needs (object: the Kommune). Publication is
# a separate switch (``plans.publish_plan``), not a status.
STATUS_CHANGES: dict[tuple[str, str], str] = {
    (Plan.Status.DRAFT, Plan.Status.REVIEW): "plans.change_plan",
    (Plan.Status.REVIEW, Plan.Status.DRAFT): "plans.change_plan",
    (Plan.Status.REVIEW, Plan.Status.APPROVED): "plans.approve_plan",
    (Plan.Status.APPROVED, Plan.Status.DRAFT): "plans.approve_plan",
}
STATUS_CHANGE_REFUSED = _("Dieser Statuswechsel ist nicht möglich.")


def status_changes(user, plan: Plan | None) -> list[str]:
    """The statuses ``user`` may move ``plan`` to now."""
    if plan is None:
        return []
    return [
        target
        for (source, target), perm in STATUS_CHANGES.items()
        if source == plan.status and user.has_perm(perm, plan.municipality)
    ]


def require_status_change(user, plan: Plan, target: str) -> None:
    """``ValidationError`` for a change the status flow does not know, ``PermissionDenied``
    without the permission the change needs."""
    perm = STATUS_CHANGES.get((plan.status, target))
    if perm is None:
        raise ValidationError(STATUS_CHANGE_REFUSED, code="refused_now")
    if not user.has_perm(perm, plan.municipality):
        raise PermissionDenied


def _plan_of(obj) -> Plan | None:
    """The plan of a Kommune (or the plan itself)."""
    if obj is None or isinstance(obj, Plan):
        return obj
    try:
        return obj.plan
    except Plan.DoesNotExist:
        return None


@rules.predicate
def plan_may_be_public(user, obj) -> bool:
    """Published already, or at least one approved version to show."""
    plan = _plan_of(obj)
    return plan is not None and (plan.is_published or plan.approved_version > 0)


# Object: the Kommune or its plan.
permissions.add_state_perm(
    "plans.publish_plan",
    role=leads,
    state=plan_may_be_public,
    refusal=_("Veröffentlicht werden kann erst ein Werkstattplan mit beschlossener Fassung."),
)
