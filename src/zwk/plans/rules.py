"""Named permissions of the Werkstattplan and the Zwischenbilanz.

Whoever may see the Kommune sees its plan and review; the team, the assigned consultant and
the office work on it (consultants often write measures with the team) and comment in the
internal consultation. Approving and publishing the plan is for those who lead
(coordination, office). A published plan's public page is readable by everyone.
"""

import rules

from zwk.accounts.predicates import is_published
from zwk.municipalities.rules import can_see, leads, works_in


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return bool(user.is_authenticated and getattr(comment, "author_id", None) == user.pk)


rules.add_perm("plans.view_plan", can_see)
rules.add_perm("plans.change_plan", works_in)
rules.add_perm("plans.comment_plan", works_in)
rules.add_perm("plans.delete_comment", works_in & (is_comment_author | leads))
rules.add_perm("plans.approve_plan", leads)
rules.add_perm("plans.publish_plan", leads)
# Object: the Plan (``is_published``) – outsiders read only the public page of a published plan.
rules.add_perm("plans.view_public_plan", can_see | is_published)
rules.add_perm("plans.view_review", can_see)
# Zwischenbilanz: lessons learnt and Verstetigung are team work; offering a lesson to the
# Werkzeugkoffer (other Kommunen) is decided by those who lead.
rules.add_perm("plans.change_review", works_in)
rules.add_perm("plans.share_lesson", leads)
