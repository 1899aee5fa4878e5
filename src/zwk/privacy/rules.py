import rules

from zwk.accounts.predicates import is_office

# Legal texts, the processing register and requests of other people: the programme office.
rules.add_perm("privacy.manage", is_office)
