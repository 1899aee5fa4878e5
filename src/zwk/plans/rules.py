"""Named permissions of the Werkstattplan and the Zwischenbilanz.

Whoever may see the Kommune sees its plan and review; the team, the assigned consultant and
the office work on it (consultants often write measures with the team). Approving and
publishing the plan is for those who lead (coordination, office).
"""

import rules

from zwk.municipalities.rules import can_see, leads, works_in

rules.add_perm("plans.view_plan", can_see)
rules.add_perm("plans.change_plan", works_in)
rules.add_perm("plans.approve_plan", leads)
rules.add_perm("plans.publish_plan", leads)
rules.add_perm("plans.view_review", can_see)
# Zwischenbilanz: lessons learnt and Verstetigung are team work; offering a lesson to the
# Werkzeugkoffer (other Kommunen) is decided by those who lead.
rules.add_perm("plans.change_review", works_in)
rules.add_perm("plans.share_lesson", leads)
