"""Reads of the Beratungspool, shaped for the pages (constant query counts)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from zwk.accounts.models import User
from zwk.consulting import ranking
from zwk.consulting.budget import Usage, elapsed_share
from zwk.consulting.models import (
    ConsultantProfile,
    ConsultingRequest,
    DayBudget,
    DayLog,
    ProfileTag,
    Proposal,
)
from zwk.consulting.vocab import LANGUAGES, METHODS
from zwk.municipalities.models import ConsultantAssignment, Municipality
from zwk.municipalities.validators import LAENDER

S = ConsultingRequest.Status
RUNNING = (S.PROPOSED, S.ACCEPTED)
ZERO = Decimal("0")


# --- Pool -----------------------------------------------------------------------------------


def pool_profiles(*, theme=None, land: str = "", language: str = "", method: str = ""):
    """Profiles of active consultants, filtered; each filter is its own join (AND)."""
    qs = (
        ConsultantProfile.objects.filter(user__is_consultant=True, user__is_active=True)
        .select_related("user")
        .prefetch_related("themes", "tags")
    )
    if theme:
        qs = qs.filter(themes=theme)
    for kind, code in (
        (ProfileTag.Kind.REGION, land),
        (ProfileTag.Kind.LANGUAGE, language),
        (ProfileTag.Kind.METHOD, method),
    ):
        if code:
            qs = qs.filter(tags__kind=kind, tags__code=code)
    return qs.distinct().order_by("user__last_name", "user__first_name", "pk")


def profile_detail(pk: int):
    return (
        ConsultantProfile.objects.filter(user__is_consultant=True, user__is_active=True)
        .select_related("user")
        .prefetch_related("themes", "tags")
        .filter(pk=pk)
        .first()
    )


# --- Requests -------------------------------------------------------------------------------


def _requests():
    return ConsultingRequest.objects.select_related("municipality", "consultant", "theme")


def requests_of(municipality: Municipality):
    return _requests().filter(municipality=municipality)


def requests_of_consultant(user: User):
    """Waiting for the consultant's answer first, then running, then the rest; newest first."""
    order = Case(
        When(status=S.PROPOSED, then=Value(0)),
        When(status=S.ACCEPTED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return _requests().filter(consultant=user).order_by(order, "-created_at", "-pk")


def inbox(status: str = ""):
    qs = _requests()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def request_detail(municipality: Municipality, pk: int) -> ConsultingRequest | None:
    return (
        _requests()
        .filter(municipality=municipality, pk=pk)
        .prefetch_related(
            Prefetch(
                "proposals",
                queryset=Proposal.objects.select_related("consultant", "proposed_by"),
            ),
            Prefetch("logs", queryset=DayLog.objects.select_related("consultant")),
        )
        .first()
    )


def need_for(consulting_request: ConsultingRequest, today: date | None = None) -> ranking.Need:
    municipality = consulting_request.municipality
    return ranking.Need(
        theme=consulting_request.theme.name if consulting_request.theme else None,
        municipality_themes=frozenset(municipality.themes.values_list("name", flat=True)),
        methods=frozenset(consulting_request.methods),
        land=municipality.land,
        language=consulting_request.language,
        wished_from=consulting_request.wished_from,
        wished_until=consulting_request.wished_until,
        today=today or timezone.localdate(),
    )


def candidates_for(consulting_request: ConsultingRequest) -> list[ranking.Candidate]:
    """One candidate per consultant who accepts requests (four queries in all)."""
    profiles = list(
        ConsultantProfile.objects.filter(
            user__is_consultant=True, user__is_active=True, accepts_requests=True
        )
        .select_related("user")
        .prefetch_related("themes", "tags")
    )
    users = [p.user_id for p in profiles]
    running = dict(
        ConsultingRequest.objects.filter(consultant_id__in=users, status__in=RUNNING)
        .values("consultant_id")
        .annotate(n=Count("pk"))
        .values_list("consultant_id", "n")
    )
    knows = set(
        ConsultantAssignment.objects.filter(
            municipality_id=consulting_request.municipality_id, active=True, consultant_id__in=users
        ).values_list("consultant_id", flat=True)
    )
    declined = set(
        consulting_request.proposals.filter(decision=Proposal.Decision.DECLINED).values_list(
            "consultant_id", flat=True
        )
    )
    return [
        ranking.Candidate(
            id=p.user_id,
            name=str(p.user),
            themes=frozenset(t.name for t in p.themes.all()),
            methods=frozenset(p.codes(ProfileTag.Kind.METHOD)),
            regions=frozenset(p.codes(ProfileTag.Kind.REGION)),
            languages=frozenset(p.codes(ProfileTag.Kind.LANGUAGE)),
            available_from=p.available_from,
            available_until=p.available_until,
            running=running.get(p.user_id, 0),
            knows_municipality=p.user_id in knows,
            declined_before=p.user_id in declined,
        )
        for p in profiles
    ]


def suggestions(consulting_request: ConsultingRequest, today: date | None = None):
    return ranking.rank(
        need_for(consulting_request, today),
        candidates_for(consulting_request),
        method_labels=METHODS,
        land_labels=LAENDER,
        language_labels=LANGUAGES,
    )


# --- Budgets --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetRow:
    municipality: Municipality
    year: int
    budget: Decimal | None  # None: no budget set for the year
    used: Decimal
    allow_overrun: bool
    usage: Usage

    @property
    def left(self) -> Decimal | None:
        return self.usage.left


def _annotated(municipalities, year: int):
    budgets = DayBudget.objects.filter(municipality=OuterRef("pk"), year=year)
    used = (
        DayLog.objects.filter(municipality=OuterRef("pk"), worked_on__year=year)
        .order_by()
        .values("municipality")
        .annotate(s=Sum("days"))
        .values("s")
    )
    days = DecimalField(max_digits=7, decimal_places=1)
    return municipalities.annotate(
        budget_days=Subquery(budgets.values("days")[:1], output_field=days),
        budget_overrun=Subquery(budgets.values("allow_overrun")[:1]),
        used_days=Coalesce(Subquery(used, output_field=days), Value(ZERO), output_field=days),
    )


def budget_summary(
    municipalities: Iterable[Municipality] | None = None,
    *,
    year: int | None = None,
    today: date | None = None,
) -> list[BudgetRow]:
    """Days budgeted, used and left per Kommune for ``year`` (default: this year) in ONE query.

    ``municipalities``: a queryset or an iterable of Kommunen (None: all). The rows keep the
    queryset's order (by name for an iterable).
    """
    today = today or timezone.localdate()
    year = year or today.year
    if municipalities is None:
        qs = Municipality.objects.all()
    elif hasattr(municipalities, "annotate"):
        qs = municipalities
    else:
        qs = Municipality.objects.filter(pk__in=[m.pk for m in municipalities])
    elapsed = elapsed_share(year, today)
    rows = []
    for m in _annotated(qs, year):
        budget = Decimal(m.budget_days) if m.budget_days is not None else None
        used = Decimal(m.used_days or 0)
        rows.append(
            BudgetRow(
                municipality=m,
                year=year,
                budget=budget,
                used=used,
                allow_overrun=bool(m.budget_overrun),
                usage=Usage(budget=budget, used=used, elapsed=elapsed),
            )
        )
    return rows


def budget_of(municipality: Municipality, year: int | None = None) -> BudgetRow:
    return budget_summary(Municipality.objects.filter(pk=municipality.pk), year=year)[0]


def budget_years() -> list[int]:
    this = timezone.localdate().year
    years = set(DayBudget.objects.values_list("year", flat=True)) | {this, this + 1}
    return sorted(years, reverse=True)


def export_rows(year: int):
    return (
        DayLog.objects.filter(worked_on__year=year)
        .select_related("municipality", "consultant", "request")
        .order_by("municipality__name", "worked_on", "pk")
    )


# --- Personal data --------------------------------------------------------------------------


def personal_data_of(user: User) -> dict:
    profile = ConsultantProfile.objects.filter(user=user).prefetch_related("themes", "tags").first()
    data: dict = {}
    if profile is not None:
        data["profil"] = {
            "kurzvorstellung": profile.headline,
            "handlungsfelder": [t.name for t in profile.themes.all()],
            "methoden": profile.codes(ProfileTag.Kind.METHOD),
            "regionen": profile.codes(ProfileTag.Kind.REGION),
            "sprachen": profile.codes(ProfileTag.Kind.LANGUAGE),
            "lebenslauf": profile.cv,
            "verfuegbarkeit": profile.availability_note,
            "verfuegbar_ab": profile.available_from.isoformat() if profile.available_from else None,
            "verfuegbar_bis": profile.available_until.isoformat()
            if profile.available_until
            else None,
            "tage_pro_monat": str(profile.days_per_month) if profile.days_per_month else None,
            "foto": bool(profile.photo),
        }
    data["beratungstage"] = [
        {
            "kommune": log.municipality.name,
            "anfrage": log.request.topic,
            "datum": log.worked_on.isoformat(),
            "tage": str(log.days),
            "taetigkeit": log.activity,
        }
        for log in DayLog.objects.filter(Q(consultant=user) | Q(created_by=user)).select_related(
            "municipality", "request"
        )
    ]
    data["entscheidungen"] = [
        {
            "anfrage": p.request.topic,
            "entscheidung": p.decision,
            "begruendung": p.decision_reason,
            "datum": p.decided_at.isoformat() if p.decided_at else None,
        }
        for p in Proposal.objects.filter(consultant=user).select_related("request")
    ]
    return data
