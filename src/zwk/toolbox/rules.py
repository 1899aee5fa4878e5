"""Named permissions of the Werkzeugkoffer.

Objects: an ``Entry`` (its ``municipality`` is the Kommune that submitted it, or None for the
office's own entries) or, for Kommune actions, a ``Municipality``. Published entries are public;
drafts and entries in review only for the office and the submitting Kommune.

The workflow (submit, publish, return) and rating/bookmarking depend on the entry's status:
they are state permissions (``zwk.core.permissions``) – the entry page shows its buttons from
them and the services refuse with the same sentence.
"""

import rules
from django.utils.translation import gettext_lazy as _

from zwk.accounts.predicates import is_member_of, is_office, is_published
from zwk.core import permissions
from zwk.toolbox.models import Status


@rules.predicate
def is_draft(user, entry) -> bool:
    return getattr(entry, "status", None) == "draft"


@rules.predicate
def in_any_municipality(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.memberships.exists())


submitter = is_member_of  # the entry's ``municipality`` is the submitting Kommune

rules.add_perm("toolbox.view_entry", is_published | is_office | submitter)
rules.add_perm("toolbox.add_entry", is_office)
rules.add_perm("toolbox.change_entry", is_office | (submitter & is_draft))
rules.add_perm("toolbox.view_history", is_office | submitter)
rules.add_perm("toolbox.review_entries", is_office)
rules.add_perm("toolbox.manage_material", is_office | (submitter & is_draft))
rules.add_perm("toolbox.use_bookmarks", in_any_municipality)
# Object: the Kommune.
rules.add_perm("toolbox.submit_best_practice", is_member_of)


# --- Workflow: action -> (statuses it starts from, status it leads to, permission) ----------

TRANSITIONS: dict[str, tuple[set[str], str, str]] = {
    "submit": ({Status.DRAFT}, Status.REVIEW, "toolbox.submit_entry"),
    "publish": ({Status.DRAFT, Status.REVIEW}, Status.PUBLISHED, "toolbox.publish_entry"),
    "return": ({Status.REVIEW, Status.PUBLISHED}, Status.DRAFT, "toolbox.return_entry"),
}


def _starts_from(action: str):
    sources = TRANSITIONS[action][0]

    @rules.predicate(name=f"entry_may_{action}")
    def predicate(user, entry) -> bool:
        return getattr(entry, "status", None) in sources

    return predicate


def _wrong_status(entry) -> str:
    return _("Das geht im Status „%(status)s“ nicht.") % {"status": entry.get_status_display()}


for _action, _role in (("submit", submitter), ("publish", is_office), ("return", is_office)):
    permissions.add_state_perm(
        TRANSITIONS[_action][2], role=_role, state=_starts_from(_action), refusal=_wrong_status
    )

permissions.add_state_perm(
    "toolbox.rate_entry",
    role=in_any_municipality,
    state=is_published,
    refusal=_("Nur veröffentlichte Werkzeuge können bewertet werden."),
)
permissions.add_state_perm(
    "toolbox.bookmark_entry",
    role=in_any_municipality,
    state=is_published,
    refusal=_("Nur veröffentlichte Werkzeuge können gemerkt werden."),
)
