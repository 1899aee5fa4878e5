"""Named permissions of the Mitteilungen.

Only the office writes and sends. A notice shows on the workspace of each recipient Kommune
to everyone who may see that Kommune; marking it as read is for the people it is addressed
to – the Kommune's coordinators and team members.
"""

import rules

from zwk.accounts.predicates import is_member_of, is_office
from zwk.municipalities.rules import works_in

rules.add_perm("announcements.manage_announcements", is_office)
rules.add_perm("announcements.view_notices", works_in)
rules.add_perm("announcements.dismiss_notice", is_member_of)
