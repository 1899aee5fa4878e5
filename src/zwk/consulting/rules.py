"""Named permissions of the Beratungspool.

- The pool (profiles) is for people in the programme: members of any Kommune, consultants and
  the office – not for anonymous visitors.
- A Kommune's requests and budget: whoever may see the Kommune; filing and withdrawing a
  request is for those who lead it (coordination, office).
- One request: the Kommune's people and the consultant it is proposed to or accepted by.
  Only that consultant decides on it; that consultant (or the office) logs days and closes it.
- Assigning, budgets, overview and the accounting export are for the office.

What may happen to a request *now* depends on its status as well (``TRANSITIONS``): these
are state permissions (``zwk.core.permissions``) – the request page shows its buttons from
them and the services refuse with the same sentence.
"""

import rules
from django.utils.translation import gettext_lazy as _

from zwk.accounts.predicates import is_consultant, is_office
from zwk.consulting.models import ConsultingRequest
from zwk.core import permissions
from zwk.municipalities.rules import leads, works_in

S = ConsultingRequest.Status

# The life of a request: which status may follow which.
TRANSITIONS: dict[str, set[str]] = {
    S.OPEN: {S.PROPOSED, S.WITHDRAWN},
    S.PROPOSED: {S.PROPOSED, S.ACCEPTED, S.DECLINED, S.WITHDRAWN},
    S.DECLINED: {S.PROPOSED, S.WITHDRAWN},
    S.ACCEPTED: {S.COMPLETED},
    S.COMPLETED: set(),
    S.WITHDRAWN: set(),
}


def transition_refusal(source: str, target: str) -> str:
    return _("Eine Anfrage mit dem Status „%(old)s“ kann nicht „%(new)s“ werden.") % {
        "old": S(source).label,
        "new": S(target).label,
    }


def _may_become(target: str):
    @rules.predicate(name=f"request_may_become_{target}")
    def predicate(user, consulting_request) -> bool:
        return consulting_request is not None and target in TRANSITIONS.get(
            consulting_request.status, set()
        )

    return predicate


request_may_be_proposed = _may_become(S.PROPOSED)
request_may_be_withdrawn = _may_become(S.WITHDRAWN)


@rules.predicate
def request_is_proposed(user, consulting_request) -> bool:
    return consulting_request is not None and consulting_request.status == S.PROPOSED


@rules.predicate
def request_is_accepted(user, consulting_request) -> bool:
    return consulting_request is not None and consulting_request.status == S.ACCEPTED


@rules.predicate
def request_is_completed(user, consulting_request) -> bool:
    return consulting_request is not None and consulting_request.status == S.COMPLETED


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
rules.add_perm("consulting.view_requests", works_in)  # object: the Kommune
rules.add_perm("consulting.file_request", leads)  # object: the Kommune
rules.add_perm("consulting.view_request", works_in | is_request_consultant)
rules.add_perm("consulting.view_own_requests", is_consultant)
rules.add_perm("consulting.manage_budgets", is_office)

# State permissions; object: the request.
permissions.add_state_perm(
    "consulting.assign_request",
    role=is_office,
    state=request_may_be_proposed,
    refusal=lambda r: transition_refusal(r.status, S.PROPOSED),
)
permissions.add_state_perm(
    "consulting.decide_request",
    role=is_request_consultant,
    state=request_is_proposed,
    refusal=_("Diese Anfrage wartet nicht auf Ihre Entscheidung."),
    role_refusal=_("Über diese Anfrage entscheidet die zugewiesene Beratung."),
)
permissions.add_state_perm(
    "consulting.withdraw_request",
    role=leads,
    state=request_may_be_withdrawn,
    refusal=lambda r: transition_refusal(r.status, S.WITHDRAWN),
)
permissions.add_state_perm(
    "consulting.complete_request",
    role=is_request_consultant | is_office,
    state=request_is_accepted,
    refusal=lambda r: transition_refusal(r.status, S.COMPLETED),
)
permissions.add_state_perm(
    "consulting.log_days",
    role=is_request_consultant | is_office,
    state=request_is_accepted,
    refusal=_("Tage können nur für angenommene, nicht abgeschlossene Anfragen gebucht werden."),
    role_refusal=_("Nur die zugewiesene Beratung bucht Tage für diese Anfrage."),
)
# Bookings of a finished consultation are corrected by the office only.
permissions.add_state_perm(
    "consulting.delete_day_log",
    role=is_request_consultant | is_office,
    state=request_is_accepted | (request_is_completed & is_office),
    refusal=_("Die Beratung ist abgeschlossen; Korrekturen nimmt die Geschäftsstelle vor."),
)
