"""Reads of the registration: the Gemeindeverzeichnis search, the office's queue, rounds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from zwk.municipalities.models import Municipality
from zwk.profiles.models import PopulationStock, Region
from zwk.registration.models import Application, FundingRound, PostalCode, RoundMembership

SEARCH_LIMIT = 25
_LEVELS = (Region.Level.GEMEINDE, Region.Level.KREIS)

# Free-mail providers: an address there is allowed but flagged for the office to check.
PRIVATE_MAIL_DOMAINS = frozenset(
    {
        "aol.com",
        "aol.de",
        "arcor.de",
        "freenet.de",
        "gmail.com",
        "gmx.at",
        "gmx.ch",
        "gmx.de",
        "gmx.net",
        "googlemail.com",
        "hotmail.com",
        "hotmail.de",
        "icloud.com",
        "live.com",
        "live.de",
        "mail.de",
        "mailbox.org",
        "me.com",
        "online.de",
        "outlook.com",
        "outlook.de",
        "posteo.de",
        "proton.me",
        "protonmail.com",
        "t-online.de",
        "web.de",
        "yahoo.com",
        "yahoo.de",
    }
)


def is_private_domain(email: str) -> bool:
    return email.rsplit("@", 1)[-1].strip().lower() in PRIVATE_MAIL_DOMAINS


@dataclass(frozen=True)
class Place:
    """A Gemeinde (8-digit AGS) or Kreis (5 digits) of the Gemeindeverzeichnis."""

    ags: str
    name: str
    level: str  # Region.Level
    kreis: str = ""
    existing: Municipality | None = None  # a Kommune (no Quartier) with this AGS

    @property
    def is_kreis(self) -> bool:
        return self.level == Region.Level.KREIS

    @property
    def land(self) -> str:
        return self.ags[:2]


def _places(regions) -> list[Place]:
    regions = list(regions)
    codes = [r.code for r in regions]
    kreise = dict(
        Region.objects.filter(code__in={c[:5] for c in codes if len(c) == 8}).values_list(
            "code", "name"
        )
    )
    existing = {
        m.ags: m
        for m in Municipality.objects.filter(ags__in=codes).exclude(kind=Municipality.Kind.QUARTIER)
    }
    return [
        Place(
            ags=r.code,
            name=r.name,
            level=r.level,
            kreis=kreise.get(r.code[:5], "") if len(r.code) == 8 else "",
            existing=existing.get(r.code),
        )
        for r in regions
    ]


def search_places(query: str) -> list[Place]:
    """Gemeinden and Kreise by name (part of it), PLZ (5 digits) or AGS (5 or 8 digits)."""
    query = " ".join((query or "").split())[:100]
    if len(query) < 2:
        return []
    regions = Region.objects.filter(level__in=_LEVELS)
    if re.fullmatch(r"\d{8}", query):
        regions = regions.filter(code=query)
    elif re.fullmatch(r"\d{5}", query):
        by_plz = PostalCode.objects.filter(code=query).values("ags")
        regions = regions.filter(Q(code=query) | Q(code__in=by_plz))
    elif query.isdigit():
        return []
    else:
        regions = regions.filter(name__icontains=query)
    return _places(regions.order_by("name", "code")[:SEARCH_LIMIT])


def place(ags: str) -> Place | None:
    ags = (ags or "").strip()
    if not re.fullmatch(r"\d{5}|\d{8}", ags):
        return None
    found = _places(Region.objects.filter(level__in=_LEVELS, code=ags))
    return found[0] if found else None


def existing_kommune(ags: str, kind: str, local_name: str = "") -> Municipality | None:
    """The Kommune that already stands for this place: same AGS (a Quartier: same city and
    Quartier name)."""
    qs = Municipality.objects.filter(ags=ags)
    if kind == Municipality.Kind.QUARTIER:
        return qs.filter(kind=kind, local_name__iexact=local_name.strip()).first()
    return qs.exclude(kind=Municipality.Kind.QUARTIER).first()


def latest_population(ags: str) -> tuple[int, date] | None:
    """Population (total) of the place at the last 31.12. the platform holds."""
    row = (
        PopulationStock.objects.filter(region__code=ags, sex="total", total__isnull=False)
        .order_by("-year")
        .values_list("total", "year")
        .first()
    )
    return (round(row[0]), date(row[1], 12, 31)) if row else None


# --- office ----------------------------------------------------------------------------


def queue(*, status: str = "", land: str = "", private: str = "", q: str = "") -> QuerySet:
    qs = Application.objects.select_related("municipality", "decided_by")
    if status:
        qs = qs.filter(status=status)
    if land:
        qs = qs.filter(land=land)
    if private == "ja":
        qs = qs.filter(private_domain=True)
    elif private == "nein":
        qs = qs.filter(private_domain=False)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(ags__startswith=q) | Q(local_name__icontains=q))
    return qs.order_by("-created_at")


def pending_count() -> int:
    return Application.objects.filter(status=Application.Status.PENDING).count()


def rounds() -> QuerySet[FundingRound]:
    return FundingRound.objects.annotate(taken=Count("memberships"))


def open_rounds() -> QuerySet[FundingRound]:
    return FundingRound.objects.filter(
        open_for_applications=True, ends_on__gte=timezone.localdate()
    )


def round_of(municipality, on: date | None = None) -> FundingRound | None:
    """The round the Kommune is in on ``on`` (default today), the latest if several."""
    on = on or timezone.localdate()
    return (
        FundingRound.objects.filter(
            memberships__municipality=municipality, starts_on__lte=on, ends_on__gte=on
        )
        .order_by("-starts_on")
        .first()
    )


def round_members(funding_round: FundingRound) -> QuerySet[Municipality]:
    return Municipality.objects.filter(round_memberships__funding_round=funding_round).order_by(
        "name"
    )


def municipalities_in_round(round_id) -> QuerySet[Municipality]:
    """Filter for other pages: the Kommunen of a round; ``"ohne"`` = in no round."""
    if round_id == "ohne":
        return Municipality.objects.exclude(round_memberships__isnull=False)
    return Municipality.objects.filter(round_memberships__funding_round_id=round_id)


def round_choices() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in FundingRound.objects.values_list("pk", "name")]


def in_round_covering(municipality, year: int) -> bool:
    return RoundMembership.objects.filter(
        municipality=municipality,
        funding_round__starts_on__year__lte=year,
        funding_round__ends_on__year__gte=year,
    ).exists()
