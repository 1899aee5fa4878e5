"""Named permissions of the Demografie-Check.

The Kommune's staff (team, coordination), its assigned consultant and the office see and
write checks; publishing a check (its result page readable by everyone) is for those who
lead. A public check's page is readable by everyone.
"""

import rules

from zwk.municipalities.rules import leads, works_in


@rules.predicate
def is_public_check(user, check) -> bool:
    return bool(getattr(check, "is_public", False))


# Object: the Kommune.
rules.add_perm("decisions.view_check", works_in)
rules.add_perm("decisions.change_check", works_in)
rules.add_perm("decisions.publish_check", leads)
# Object: the check.
rules.add_perm("decisions.view_public_check", works_in | is_public_check)
