"""Named permissions of the registration: the public applies, the office decides and runs
the funding rounds and the explainer videos; anyone signed in watches the videos."""

import rules

from zwk.accounts.predicates import is_office

rules.add_perm("registration.review_applications", is_office)
rules.add_perm("registration.manage_rounds", is_office)
rules.add_perm("registration.manage_videos", is_office)
rules.add_perm("registration.view_video", rules.is_authenticated)
