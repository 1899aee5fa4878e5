"""Day-budget arithmetic (pure): half days, the elapsed share of a year, over-/under-use.

Assessment of a Kommune's use in a year, compared with the share of the year that has passed
(documented in docs/beratungspool.md):

- ``over``  – more days used than budgeted, or used share ahead of the elapsed share by more
  than ``AHEAD`` (25 percentage points);
- ``under`` – used share behind the elapsed share by more than ``BEHIND`` (25 points);
- ``on_track`` otherwise; ``none`` when there is no budget for the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

HALF = Decimal("0.5")
ZERO = Decimal("0")
AHEAD = Decimal("25")
BEHIND = Decimal("25")


def is_half_day_multiple(days: Decimal) -> bool:
    return days > ZERO and (days / HALF) == (days / HALF).to_integral_value()


def elapsed_share(year: int, today: date) -> Decimal:
    """Percentage of ``year`` that has passed by the end of ``today`` (0–100, 1 decimal)."""
    if year < today.year:
        return Decimal("100")
    if year > today.year:
        return ZERO
    days_in_year = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    passed = (today - date(year, 1, 1)).days + 1
    return (Decimal(passed) * 100 / days_in_year).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Usage:
    budget: Decimal | None
    used: Decimal
    elapsed: Decimal  # percent of the year

    @property
    def left(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.used

    @property
    def used_share(self) -> Decimal | None:
        if self.budget is None:
            return None
        if self.budget == ZERO:
            return Decimal("100") if self.used > ZERO else ZERO
        return (self.used * 100 / self.budget).quantize(Decimal("0.1"))

    @property
    def assessment(self) -> str:
        if self.budget is None:
            return "none"
        if self.used > self.budget or self.used_share - self.elapsed > AHEAD:
            return "over"
        if self.elapsed - self.used_share > BEHIND:
            return "under"
        return "on_track"
