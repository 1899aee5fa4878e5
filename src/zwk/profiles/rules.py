"""Named permissions of the Kommunalprofil (objects: a Kommune, its Profile or an ImportJob).

Retrying an import depends on the job's status as well: a state permission
(``zwk.core.permissions``) – the job page shows its button from it and the service refuses
with the same sentence.
"""

import rules
from django.utils.translation import gettext_lazy as _

from zwk.accounts.predicates import is_coordinator_of, is_office, is_published
from zwk.core import permissions
from zwk.municipalities.rules import works_in
from zwk.profiles.models import ImportJob

# Published profiles are public read-only pages; unpublished ones stay inside the Kommune.
rules.add_perm("profiles.view_profile", works_in | is_published)
rules.add_perm("profiles.import_statistics", is_office | is_coordinator_of)
# Statistics are shared by all Kommunen (Kreis, Land, Bund): only the office withdraws them.
rules.add_perm("profiles.withdraw_statistics", is_office)
rules.add_perm("profiles.publish_profile", is_office | is_coordinator_of)


@rules.predicate
def import_may_be_retried(user, job) -> bool:
    return getattr(job, "status", None) in (ImportJob.Status.FAILED, ImportJob.Status.WITHDRAWN)


# Object: the ImportJob (its ``municipality`` is the Kommune that uploaded the file).
permissions.add_state_perm(
    "profiles.retry_import",
    role=is_office | is_coordinator_of,
    state=import_may_be_retried,
    refusal=_("Nur ein fehlgeschlagener oder zurückgezogener Import kann erneut gestartet werden."),
)
