"""The funding round of the demo data (``zwk/demo/extensions/funding_rounds.py``)."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from zwk.consulting.models import DayBudget
from zwk.registration.models import FundingRound, RoundMembership

pytestmark = pytest.mark.django_db


def test_demo_has_a_funding_round_with_its_kommunen_and_keeps_their_budgets():
    call_command("demo", stdout=io.StringIO())
    budgets = dict(DayBudget.objects.values_list("municipality__slug", "days"))
    funding_round = FundingRound.objects.get(name="Förderrunde 2026")
    assert (funding_round.places, funding_round.consulting_days) == (40, Decimal("6"))
    members = set(
        RoundMembership.objects.filter(funding_round=funding_round).values_list(
            "municipality__slug", flat=True
        )
    )
    # every demo Kommune with consulting days is in the round (the rule of the rounds) …
    assert members == {
        "musterstadt",
        "beispielhausen",
        "landkreis-musterland",
        "musterberg-altstadt-nord",
        "seedorf-am-wald",
        "talstadt",
    }
    # … and the Beratungspool's demo budgets (all ≥ 6 days) stay as they were
    assert budgets["musterstadt"] == Decimal("12") and budgets["seedorf-am-wald"] == Decimal("6")

    call_command("demo", stdout=io.StringIO())
    assert FundingRound.objects.filter(name="Förderrunde 2026").count() == 1
    assert RoundMembership.objects.filter(funding_round=funding_round).count() == 6
    assert dict(DayBudget.objects.values_list("municipality__slug", "days")) == budgets

    # the office's overview filters by the round: its six Kommunen, none "ohne Förderrunde"
    from zwk.office.selectors import Criteria, overview

    in_round = overview(Criteria(funding_round=str(funding_round.pk)))
    assert set(in_round.values_list("slug", flat=True)) == members
    assert not overview(Criteria(funding_round="ohne")).filter(is_demo=True).exists()
