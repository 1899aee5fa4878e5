"""Named permissions of the newsletter. Sign-up, archive and feed are public; subscribers act
through signed links (no account); the office writes and sends issues."""

import rules

from zwk.accounts.predicates import is_office

rules.add_perm("newsletter.manage_issues", is_office)
