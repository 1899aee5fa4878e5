"""Best practices a Kommune shares from another app (the lessons of the Zwischenbilanz).

Registered as ``zwk.core.hooks.BEST_PRACTICES`` in ``apps.py``, so that ``plans`` writes into
the Werkzeugkoffer without importing it (the toolbox is a tier above the programme steps).
A shared entry waits "in Prüfung" for the office; until it is published it follows the edits
of its source and can be withdrawn, afterwards it belongs to the Werkzeugkoffer.
"""

from __future__ import annotations

from zwk.toolbox import services
from zwk.toolbox.models import Entry, Status


class BestPractices:
    def submit(self, *, municipality, by, data: dict, themes=(), request=None) -> Entry:
        """A new best-practice entry in review."""
        return services.best_practice_submit(
            municipality=municipality, by=by, data=data, themes=themes, request=request
        )

    def follow(
        self, *, entry: Entry, by, data: dict, themes, comment: str, resubmit: bool, request=None
    ) -> None:
        """An unpublished entry takes the edited fields; one the office returned for revision
        goes back into review when ``resubmit`` and ``by`` may submit (toolbox/rules.py)."""
        if entry.status == Status.PUBLISHED:
            return
        services.entry_update(
            entry=entry, by=by, data=data, themes=themes, comment=comment, request=request
        )
        if entry.status == Status.DRAFT and resubmit and by.has_perm("toolbox.submit_entry", entry):
            services.entry_transition(entry=entry, action="submit", by=by, request=request)

    def withdraw(self, *, entry: Entry, by, request=None) -> None:
        """Remove an unpublished entry; a published one is refused (ValidationError)."""
        services.best_practice_withdraw(entry=entry, by=by, request=request)

    def withdraw_unpublished(self, *, entry: Entry, by, request=None) -> None:
        """Remove the entry unless it is published (then it stays in the Werkzeugkoffer)."""
        if entry.status != Status.PUBLISHED:
            services.best_practice_withdraw(entry=entry, by=by, request=request)
