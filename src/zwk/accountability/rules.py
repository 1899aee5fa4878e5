"""Permissions of „Was aus Ihren Ideen wurde“.

The public page is open to everyone (what it shows is public by construction, see
selectors); featuring survey answers and linking them to measures is team work."""

import rules

from zwk.municipalities.rules import works_in

rules.add_perm("accountability.feature_answer", works_in)
