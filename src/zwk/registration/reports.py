"""The funder report of one funding round: its Kommunen, their step and consulting days."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.consulting.selectors import budget_summary
from zwk.municipalities.models import ProcessStep
from zwk.municipalities.process import STEPS
from zwk.registration import selectors
from zwk.registration.models import FundingRound


@dataclass
class ReportRow:
    name: str
    kind: str
    land: str
    steps_done: int
    budget: Decimal | None
    used: Decimal


@dataclass
class RoundReport:
    year: int
    rows: list[ReportRow]

    @property
    def budget_total(self) -> Decimal:
        return sum((r.budget for r in self.rows if r.budget is not None), Decimal("0"))

    @property
    def used_total(self) -> Decimal:
        return sum((r.used for r in self.rows), Decimal("0"))


def round_report(funding_round: FundingRound, year: int | None = None) -> RoundReport:
    year = year or min(
        max(timezone.localdate().year, funding_round.starts_on.year), funding_round.ends_on.year
    )
    members = selectors.round_members(funding_round)
    done = {}
    for mid in ProcessStep.objects.filter(
        municipality__in=members, status=ProcessStep.Status.DONE
    ).values_list("municipality_id", flat=True):
        done[mid] = done.get(mid, 0) + 1
    rows = [
        ReportRow(
            name=b.municipality.name,
            kind=b.municipality.get_kind_display(),
            land=b.municipality.get_land_display(),
            steps_done=done.get(b.municipality.pk, 0),
            budget=b.budget,
            used=b.used,
        )
        for b in budget_summary(members, year=year)
    ]
    return RoundReport(year=year, rows=rows)


def HEADERS() -> list[str]:
    return [
        _("Kommune"),
        _("Art"),
        _("Land"),
        _("Schritte abgeschlossen (von %(n)d)") % {"n": len(STEPS)},
        _("Beratungstage Budget"),
        _("Beratungstage genutzt"),
    ]


def rows(report: RoundReport) -> list[list]:
    return [
        [r.name, r.kind, r.land, r.steps_done, r.budget if r.budget is not None else "", r.used]
        for r in report.rows
    ]
