"""Day-budget arithmetic: half days, the elapsed share of a year, over- and under-use."""

from datetime import date
from decimal import Decimal as D

import pytest

from zwk.consulting.budget import Usage, elapsed_share, is_half_day_multiple


@pytest.mark.parametrize(
    ("days", "ok"),
    [
        ("0.5", True),
        ("1", True),
        ("1.5", True),
        ("10.0", True),
        ("0", False),
        ("-0.5", False),
        ("0.3", False),
        ("1.25", False),
        ("0.05", False),
    ],
)
def test_only_whole_and_half_days_are_valid(days, ok):
    assert is_half_day_multiple(D(days)) is ok


def test_elapsed_share_of_the_year():
    assert elapsed_share(2026, date(2026, 1, 1)) == D("0.3")  # 1 of 365 days
    assert elapsed_share(2026, date(2026, 7, 2)) == D("50.1")
    assert elapsed_share(2026, date(2026, 12, 31)) == D("100.0")
    assert elapsed_share(2024, date(2024, 12, 31)) == D("100.0")  # leap year: 366 days
    assert elapsed_share(2024, date(2024, 2, 29)) == D("16.4")
    assert elapsed_share(2025, date(2026, 3, 1)) == D("100")  # past year
    assert elapsed_share(2027, date(2026, 3, 1)) == D("0")  # future year


def test_usage_left_and_share():
    u = Usage(budget=D("12"), used=D("4.5"), elapsed=D("50"))
    assert u.left == D("7.5")
    assert u.used_share == D("37.5")
    assert u.assessment == "on_track"


@pytest.mark.parametrize(
    ("budget", "used", "elapsed", "assessment"),
    [
        ("10", "10.5", "100", "over"),  # more than budgeted
        ("10", "8", "50", "over"),  # 80 % used at half-time: 30 points ahead
        ("10", "7.5", "50", "on_track"),  # exactly 25 points ahead: still on track
        ("10", "2.5", "50", "on_track"),  # exactly 25 points behind
        ("10", "2", "50", "under"),
        ("10", "0", "100", "under"),  # year over, nothing used
        ("0", "0", "50", "under"),
        ("0", "0.5", "50", "over"),
    ],
)
def test_over_and_under_use(budget, used, elapsed, assessment):
    assert Usage(budget=D(budget), used=D(used), elapsed=D(elapsed)).assessment == assessment


def test_no_budget_is_its_own_case():
    u = Usage(budget=None, used=D("1"), elapsed=D("50"))
    assert u.left is None and u.used_share is None and u.assessment == "none"
