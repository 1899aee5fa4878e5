"""Named permissions of the accounts area."""

import rules

from zwk.accounts.predicates import is_office

rules.add_perm("accounts.view_office_area", is_office)
rules.add_perm("accounts.invite_staff", is_office)  # coordinators and consultants
rules.add_perm("accounts.view_audit_log", is_office)
rules.add_perm("accounts.edit_checklist_templates", is_office)
