"""What the Beratungspool asks about funding rounds (through ``zwk.core.hooks``)."""

from __future__ import annotations

from zwk.registration import selectors
from zwk.registration.models import FundingRound


class FundingRounds:
    def allows_budget(self, municipality, year: int) -> bool:
        """Consulting days only for Kommunen in a round that covers ``year``. Before the
        office has set up any round (an installation from before rounds), budgets stay as
        the office sets them."""
        if not FundingRound.objects.exists():
            return True
        return selectors.in_round_covering(municipality, year)

    def open_rounds(self):
        return list(selectors.open_rounds())
