"""The funder report of one funding round: its Kommunen, their step and consulting days."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.consulting.models import DayBudget, DayLog
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
    rows: list[ReportRow]  # all Kommunen of the round, or one page of them (``page``)
    count: int
    budget_total: Decimal
    used_total: Decimal
    page: Page | None = None


PAGE_SIZE = 100


def round_report(
    funding_round: FundingRound, year: int | None = None, *, page: str | int | None = None
) -> RoundReport:
    """The round's Kommunen with their steps and consulting days of ``year``.

    ``page``: only that page of :data:`PAGE_SIZE` Kommunen (the web page); None: all of them
    (the XLSX). Totals are sums in the database; the queries do not depend on the number of
    Kommunen."""
    year = year or min(
        max(timezone.localdate().year, funding_round.starts_on.year), funding_round.ends_on.year
    )
    members = selectors.round_members(funding_round)
    paged = None
    chosen = members
    if page is not None:
        paged = Paginator(members, PAGE_SIZE).get_page(page)
        chosen = members.filter(pk__in=[m.pk for m in paged.object_list])
    done = (
        ProcessStep.objects.filter(municipality=OuterRef("pk"), status=ProcessStep.Status.DONE)
        .order_by()
        .values("municipality")
        .annotate(n=Count("pk"))
        .values("n")
    )
    chosen = chosen.annotate(
        steps_done=Coalesce(Subquery(done, output_field=IntegerField()), Value(0))
    )
    rows = [
        ReportRow(
            name=b.municipality.name,
            kind=b.municipality.get_kind_display(),
            land=b.municipality.get_land_display(),
            steps_done=b.municipality.steps_done,
            budget=b.budget,
            used=b.used,
        )
        for b in budget_summary(chosen, year=year)
    ]
    if paged is None:
        count = len(rows)
        budget_total = sum((r.budget for r in rows if r.budget is not None), Decimal("0"))
        used_total = sum((r.used for r in rows), Decimal("0"))
    else:
        count = paged.paginator.count
        budget_total = DayBudget.objects.filter(municipality__in=members, year=year).aggregate(
            s=Sum("days")
        )["s"] or Decimal("0")
        used_total = DayLog.objects.filter(
            municipality__in=members, worked_on__year=year
        ).aggregate(s=Sum("days"))["s"] or Decimal("0")
    return RoundReport(
        year=year,
        rows=rows,
        count=count,
        budget_total=budget_total,
        used_total=used_total,
        page=paged,
    )


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
