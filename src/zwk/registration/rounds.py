"""What the Beratungspool asks about funding rounds (through ``zwk.core.hooks``)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from zwk.municipalities.models import Municipality
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

    def choices(self) -> list[tuple[str, str]]:
        """For filters of other apps: every round, and "ohne" for Kommunen in none."""
        return [("ohne", _("ohne Förderrunde (selbstständig)")), *selectors.round_choices()]

    def municipality_ids(self, values):
        """The pks of the Kommunen in any of these rounds (or in none, for "ohne")."""
        wanted = Q(pk__in=[])
        for value in values:
            if value == "ohne" or str(value).isdigit():
                wanted |= Q(pk__in=selectors.municipalities_in_round(str(value)).values("pk"))
        return Municipality.objects.filter(wanted).values("pk")
