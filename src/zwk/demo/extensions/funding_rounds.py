"""Demo data of the funding rounds: "Förderrunde 2026" with the demo Kommunen in it.

The round gives 6 Beratungstage per Kommune and year. It runs after the Beratungspool's demo
(ORDER 60), whose budgets (6 to 20 days) are all at least that large, so taking the
Kommunen into the round changes none of them ("Ein größeres Budget bleibt"). Every demo
Kommune with a consulting budget belongs to the round: in a year a round covers, only its
Kommunen may have consulting days (docs/foerderrunden.md).

Idempotent: the round is created once (by name); Kommunen already in it are left alone, and
a round the office has changed (dates, places) is not reset.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zwk.registration import services
from zwk.registration.models import FundingRound, RoundMembership

ORDER = 65  # after the consulting budgets (consulting.py, 60)

NAME = "Förderrunde 2026"
MEMBERS = [
    "musterstadt",
    "beispielhausen",
    "landkreis-musterland",
    "musterberg-altstadt-nord",
    "seedorf-am-wald",
    "talstadt",
]


def build(*, municipalities, users, stdout) -> None:
    office = users.get("geschaeftsstelle")
    if office is None:
        return
    funding_round = FundingRound.objects.filter(name=NAME).first()
    if funding_round is None:
        funding_round = services.round_save(
            funding_round=FundingRound(
                name=NAME,
                starts_on=date(2026, 1, 1),
                ends_on=date(2026, 12, 31),
                places=40,
                consulting_days=Decimal("6"),
                how_to_apply=(
                    "Bewerbungen für die nächste Runde bitte formlos per E-Mail an die "
                    "Geschäftsstelle: kurze Beschreibung der Kommune, Ansprechperson und "
                    "Beschluss der Verwaltungsspitze."
                ),
            ),
            by=office,
        )
    missing = [
        m
        for slug in MEMBERS
        if (m := municipalities.get(slug)) is not None
        and m.is_demo
        and not RoundMembership.objects.filter(funding_round=funding_round, municipality=m).exists()
    ]
    free = (
        funding_round.places - RoundMembership.objects.filter(funding_round=funding_round).count()
    )
    if missing and len(missing) <= free:
        services.round_assign(funding_round=funding_round, municipalities=missing, by=office)
        stdout.write(f"  {NAME}: {len(missing)} Demo-Kommunen aufgenommen.")
