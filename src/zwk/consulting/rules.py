"""Named permissions of the Beratungspool.

- The pool (profiles) is for people in the programme: members of any Kommune, consultants and
  the office – not for anonymous visitors.
- A Kommune's requests and budget: whoever may see the Kommune; filing and withdrawing a
  request is for those who lead it (coordination, office).
- One request: the Kommune's people and the consultant it is proposed to or accepted by.
  Only that consultant decides on it; that consultant (or the office) logs days and closes it.
- Assigning, budgets, overview and the accounting export are for the office.
"""

import rules

from zwk.accounts.predicates import is_consultant, is_office
from zwk.municipalities.rules import can_see, leads


@rules.predicate
def is_programme_member(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    cache = user.__dict__
    if "_zwk_programme_member" not in cache:
        cache["_zwk_programme_member"] = user.memberships.exists()
    return cache["_zwk_programme_member"]


@rules.predicate
def is_request_consultant(user, consulting_request) -> bool:
    return bool(
        consulting_request is not None
        and is_consultant(user)
        and consulting_request.consultant_id == user.pk
    )


@rules.predicate
def is_profile_owner(user, profile) -> bool:
    return bool(profile is not None and is_consultant(user) and profile.user_id == user.pk)


rules.add_perm("consulting.view_pool", is_office | is_consultant | is_programme_member)
rules.add_perm("consulting.change_profile", is_office | is_profile_owner)
rules.add_perm("consulting.view_requests", can_see)  # object: the Kommune
rules.add_perm("consulting.file_request", leads)  # object: the Kommune
rules.add_perm("consulting.withdraw_request", leads)  # object: the request
rules.add_perm("consulting.view_request", can_see | is_request_consultant)
rules.add_perm("consulting.assign_request", is_office)
rules.add_perm("consulting.decide_request", is_request_consultant)
rules.add_perm("consulting.log_days", is_request_consultant | is_office)
rules.add_perm("consulting.complete_request", is_request_consultant | is_office)
rules.add_perm("consulting.view_own_requests", is_consultant)
rules.add_perm("consulting.manage_budgets", is_office)
