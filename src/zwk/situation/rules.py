"""Named permissions of the Situationsanalyse.

Seeing and working follow the Kommunalprofil step: whoever may see the Kommune sees the
analysis (team, assigned consultant, office) and the same people work on it – consultants
often moderate interviews and SWOT sessions. Deleting (initiatives, SWOT items, interviews,
candidate Handlungsfelder) is for those who lead (coordination, office): these are results
of joint work, and rejecting a suggestion or editing stays open to the whole team.
"""

import rules

from zwk.municipalities.rules import leads, works_in

rules.add_perm("situation.view_analysis", works_in)
rules.add_perm("situation.change_analysis", works_in)
rules.add_perm("situation.delete_analysis", leads)
