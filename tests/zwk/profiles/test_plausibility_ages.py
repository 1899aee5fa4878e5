"""The impossible-value check of the import looks at every age but translates a label only
for the value it reports (issue 15: one translated label per age took most of the import
of 11,000 Gemeinden by age); the reported cell is the same as when checking one by one."""

from __future__ import annotations

import pytest

from demography.official import StockRecord
from zwk.profiles import plausibility


def _stock(ages, total=1000.0):
    return StockRecord("09184", "München", 2020, "female", total, ages)


def test_plausible_ages_give_no_message():
    ages = [float(a % 7) for a in range(101)]
    assert plausibility.impossible_values([_stock(ages)], [], file_name="f.csv") == []


@pytest.mark.parametrize(
    ("age", "value", "text"),
    [
        (37, -1.0, "Alter 37 (weiblich): negative Anzahl"),
        (99, 3e8, "Alter 99 (weiblich): unmöglich groß"),
        (100, float("inf"), "Alter 100 (weiblich): keine endliche Zahl"),
        (5, 1e308, "Alter 5 (weiblich): unmöglich groß"),  # two of them overflow a sum
    ],
)
def test_the_first_impossible_age_is_named(age, value, text):
    ages = [10.0] * 101
    ages[age] = value
    if value == 1e308:
        ages[6] = 1e308
    (message,) = plausibility.impossible_values([_stock(ages)], [], file_name="f.csv")
    assert text in message and message.startswith("f.csv: Gebiet 09184 München, Jahr 2020")


def test_an_impossible_total_is_named_before_the_ages():
    ages = [-5.0] * 101
    (message,) = plausibility.impossible_values([_stock(ages, total=-505.0)], [], file_name="f")
    assert "Einwohner (weiblich): negative Anzahl" in message
