"""Named permissions for Kommunen, teams and the five steps.

Objects are a ``Municipality`` or anything with a ``municipality`` attribute.
Views turn a failed ``view_municipality`` into 404 (no existence leak) and any other failed
permission inside a visible Kommune into 403.
"""

import rules
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from zwk.accounts.predicates import (
    is_assigned_consultant,
    is_coordinator_of,
    is_member_of,
    is_office,
)
from zwk.municipalities import step_results

# Who works in a Kommune: the office, its team, its assigned consultants. They see all of
# it; what they may change is narrowed per permission (``leads``, app rules).
works_in = is_office | is_member_of | is_assigned_consultant
leads = is_office | is_coordinator_of

rules.add_perm("municipalities.list_municipalities", rules.is_authenticated)
rules.add_perm("municipalities.add_municipality", is_office)
rules.add_perm("municipalities.view_municipality", works_in)
rules.add_perm("municipalities.change_municipality", leads)
rules.add_perm("municipalities.view_team", works_in)
rules.add_perm("municipalities.invite_member", leads)
rules.add_perm("municipalities.invite_coordinator", is_office)
rules.add_perm("municipalities.change_membership", leads)
rules.add_perm("municipalities.assign_consultant", is_office)
rules.add_perm("municipalities.view_step", works_in)
rules.add_perm("municipalities.work_on_step", works_in)  # checklist, notes, documents, kick-off
rules.add_perm("municipalities.set_step_status", leads | is_assigned_consultant)
rules.add_perm("municipalities.delete_document", leads)
rules.add_perm("municipalities.view_activity", works_in)


# --- State: closing a step --------------------------------------------------------------


def step_close_refusal(step, *, confirmed: bool) -> str:
    """Why a step may not be set to "abgeschlossen" now ("" if it may).

    A step whose results are missing (``step_results``) is closed only after the person
    confirmed it – the status must not claim what the content does not show."""
    missing = step_results.missing(step.municipality, step.kind)
    if not missing or confirmed:
        return ""
    return _(
        "Für „%(step)s“ fehlt noch: %(missing)s. Wenn Sie den Schritt trotzdem abschließen "
        "möchten, bestätigen Sie das bitte."
    ) % {"step": step.type.title, "missing": get_text_list(missing, _("und"))}
