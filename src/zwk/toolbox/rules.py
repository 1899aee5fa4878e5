"""Named permissions of the Werkzeugkoffer.

Objects: an ``Entry`` (its ``municipality`` is the Kommune that submitted it, or None for the
office's own entries) or, for Kommune actions, a ``Municipality``. Published entries are public;
drafts and entries in review only for the office and the submitting Kommune.
"""

import rules

from zwk.accounts.predicates import is_member_of, is_office, is_published


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
rules.add_perm("toolbox.submit_entry", submitter & is_draft)
rules.add_perm("toolbox.publish_entry", is_office)
rules.add_perm("toolbox.return_entry", is_office)
rules.add_perm("toolbox.view_history", is_office | submitter)
rules.add_perm("toolbox.review_entries", is_office)
rules.add_perm("toolbox.manage_material", is_office | (submitter & is_draft))
rules.add_perm("toolbox.rate_entry", is_published & in_any_municipality)
rules.add_perm("toolbox.bookmark_entry", is_published & in_any_municipality)
rules.add_perm("toolbox.use_bookmarks", in_any_municipality)
# Object: the Kommune.
rules.add_perm("toolbox.submit_best_practice", is_member_of)
