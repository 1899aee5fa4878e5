"""Named permissions of the Kommunalprofil (objects: a Kommune or its Profile)."""

import rules

from zwk.accounts.predicates import is_coordinator_of, is_office, is_published
from zwk.municipalities.rules import can_see

# Published profiles are public read-only pages; unpublished ones stay inside the Kommune.
rules.add_perm("profiles.view_profile", can_see | is_published)
rules.add_perm("profiles.import_statistics", is_office | is_coordinator_of)
# Statistics are shared by all Kommunen (Kreis, Land, Bund): only the office withdraws them.
rules.add_perm("profiles.withdraw_statistics", is_office)
rules.add_perm("profiles.publish_profile", is_office | is_coordinator_of)
