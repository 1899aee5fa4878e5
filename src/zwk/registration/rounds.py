"""What the Beratungspool asks about funding rounds (through ``zwk.core.hooks``)."""

from __future__ import annotations

from zwk.registration import selectors
from zwk.registration.models import FundingRound


class FundingRounds:
    def allows_budget(self, municipality, year: int) -> bool:
        """Consulting days only for Kommunen in a round that covers ``year``. In a year no
        round covers (an installation from before rounds, a year between rounds), budgets
        stay as the office sets them."""
        if not FundingRound.objects.filter(
            starts_on__year__lte=year, ends_on__year__gte=year
        ).exists():
            return True
        return selectors.in_round_covering(municipality, year)

    def open_rounds(self):
        return list(selectors.open_rounds())
