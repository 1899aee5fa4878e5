"""Reads of the Zukunftswerkstatt, shaped for the pages (constant query counts).

``sketches_for_plan`` is the interface for the Werkstattplan: plans read workshop results,
workshops never import plans.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, IntegerField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from zwk.core import languages
from zwk.core.queries import one_or_none
from zwk.workshops.models import Ballot, Card, Cluster, Participant, Phase, Sketch, Vote, Workshop
from zwk.workshops.phases import WRITE

logger = logging.getLogger(__name__)


def workshops_for(municipality) -> QuerySet[Workshop]:
    return municipality.workshops.annotate(
        participant_count=Count("participants", distinct=True),
        card_count=Count("cards", filter=Q(cards__hidden_at__isnull=True), distinct=True),
    ).order_by("-starts_at", "-id")


def open_public_workshops() -> QuerySet[Workshop]:
    """Public workshops that are not finished, for the participant start page."""
    return (
        Workshop.objects.filter(access=Workshop.Access.PUBLIC, finished_at__isnull=True)
        .select_related("municipality")
        .order_by("starts_at")
    )


def phases(workshop: Workshop) -> list[Phase]:
    return list(workshop.phases.all())


def current_phase(workshop: Workshop, phase_list: list[Phase] | None = None) -> Phase | None:
    """The running phase; else the last closed phase with cards (or closed last); else the first."""
    phase_list = phase_list if phase_list is not None else phases(workshop)
    running = [p for p in phase_list if p.is_open]
    if running:
        return running[0]
    closed = sorted((p for p in phase_list if p.closed_at), key=lambda p: p.closed_at)
    with_cards = [p for p in closed if p.type.allows(WRITE)]
    if with_cards or closed:
        # After the workshop, the last phase with cards is more useful than the follow-up.
        return (with_cards or closed)[-1]
    return phase_list[0] if phase_list else None


def _with_points(qs: QuerySet[Card]) -> QuerySet[Card]:
    return qs.annotate(points=Coalesce(Sum("votes__points"), Value(0), output_field=IntegerField()))


def visible_cards(phase: Phase, *, order: str = "ranking") -> QuerySet[Card]:
    qs = _with_points(
        Card.objects.filter(phase=phase, hidden_at__isnull=True, merged_into__isnull=True)
    ).select_related("theme", "cluster")
    if order == "ranking":
        return qs.order_by("-points", "created_at", "id")
    return qs.order_by("-created_at", "-id")


_CARDS_BY_VERSION: OrderedDict[tuple, list[Card]] = OrderedDict()
_CARDS_LOCK = threading.Lock()
CARDS_CACHE_SIZE = 32


def visible_cards_at(phase: Phase, workshop: Workshop, *, order: str = "ranking") -> list[Card]:
    """``visible_cards`` as a list, shared by all requests of this process at one version.

    Every visible change bumps ``Workshop.version``, so (phase, version) identifies the card
    list exactly: when 500 phones refresh after a change, the process reads and annotates
    the cards once instead of 500 times. Read-only – templates must not change the cards.
    """
    # created_at: a recreated workshop (or a test database) never meets an old entry.
    key = (phase.pk, workshop.version, order, workshop.created_at)
    with _CARDS_LOCK:
        cards = _CARDS_BY_VERSION.get(key)
        if cards is not None:
            _CARDS_BY_VERSION.move_to_end(key)
            return cards
    # Sorted here, not in SQL: the same order as ``visible_cards``, without compiling an
    # ORDER BY over the annotation for every change of a busy workshop.
    cards = list(visible_cards(phase, order=order).order_by())
    if order == "ranking":
        cards.sort(key=lambda c: (-c.points, c.created_at, c.pk))
    else:
        cards.sort(key=lambda c: (c.created_at, c.pk), reverse=True)
    with _CARDS_LOCK:
        _CARDS_BY_VERSION[key] = cards
        while len(_CARDS_BY_VERSION) > CARDS_CACHE_SIZE:
            _CARDS_BY_VERSION.popitem(last=False)
    return cards


def clear_card_cache() -> None:
    with _CARDS_LOCK:
        _CARDS_BY_VERSION.clear()


def hidden_cards(phase: Phase) -> QuerySet[Card]:
    return (
        Card.objects.filter(phase=phase)
        .filter(Q(hidden_at__isnull=False) | Q(merged_into__isnull=False))
        .select_related("merged_into")
    )


def my_votes(participant: Participant, phase: Phase) -> dict[int, int]:
    return dict(
        Vote.objects.filter(participant=participant, phase=phase).values_list("card_id", "points")
    )


def points_left(participant: Participant, phase: Phase) -> int:
    ballot = one_or_none(Ballot.objects.filter(participant=participant, phase=phase))
    return ballot.left if ballot else participant.workshop.vote_budget


@dataclass
class ClusterRow:
    cluster: Cluster
    cards: list[Card] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(c.points for c in self.cards)


def clusters_with_cards(phase: Phase, cards: list[Card] | None = None) -> list[ClusterRow]:
    """Clusters of a phase with their visible cards, best first (sum of points)."""
    cards = cards if cards is not None else list(visible_cards(phase))
    rows = {c.pk: ClusterRow(c) for c in Cluster.objects.filter(phase=phase)}
    for card in cards:
        if card.cluster_id in rows:
            rows[card.cluster_id].cards.append(card)
    return sorted(rows.values(), key=lambda r: (-r.points, r.cluster.title))


def top_clusters(workshop: Workshop, limit: int = 5) -> list[ClusterRow]:
    rows = []
    for phase in workshop.phases.all():
        rows.extend(clusters_with_cards(phase))
    return sorted(rows, key=lambda r: -r.points)[:limit]


def participation_figures(workshop: Workshop) -> dict:
    participants = workshop.participants.all()
    cards = Card.objects.filter(workshop=workshop)
    by_origin = dict(
        cards.filter(hidden_at__isnull=True, merged_into__isnull=True)
        .values_list("origin")
        .annotate(n=Count("id"))
        .values_list("origin", "n")
    )
    return {
        "participants": participants.count(),
        "blocked": participants.filter(blocked_at__isnull=False).count(),
        "cards": sum(by_origin.values()),
        "cards_online": by_origin.get(Card.Origin.ONLINE, 0),
        "cards_paper": by_origin.get(Card.Origin.PAPER, 0),
        "cards_hidden": cards.filter(hidden_at__isnull=False).count(),
        "points": Vote.objects.filter(card__workshop=workshop).aggregate(
            n=Coalesce(Sum("points"), 0)
        )["n"],
        "voters": Vote.objects.filter(card__workshop=workshop)
        .values("participant")
        .distinct()
        .count(),
    }


# --- Representativeness -----------------------------------------------------------------


@dataclass
class AgeRow:
    key: str
    label: str
    participants: int
    share: float  # of participants with an age group, in %
    population_share: float | None  # in %, None if the Kommunalprofil has no age data
    missing: bool  # nobody or clearly fewer than in the population


def _population_by_age_group(municipality) -> dict[str, int] | None:
    """Residents per ``Participant.AgeGroup`` from the Kommunalprofil; None without age data.

    Reads the latest single-year age stock of the Kommune through the Kommunalprofil's
    ``comparison`` selector and sums it into the participants' age groups. Cached for ten
    minutes: the moderator console polls every few seconds, statistics change rarely.
    """
    key = f"zwk:workshops:population-by-age:{municipality.pk}"
    cached = cache.get(key) if POPULATION_CACHE_SECONDS else None
    if cached is not None:
        return cached or None
    groups: dict[str, int] = {}
    try:
        from zwk.profiles import selectors as profile_selectors

        own = profile_selectors.comparison(municipality, with_peers=False).own
        if own is not None and own.ages:
            counts = own.ages[max(own.ages)]  # (sex, age 0…100+)
            by_age = [float(counts[0][a] + counts[1][a]) for a in range(len(counts[0]))]
            for group, (low, high) in AGE_BOUNDS.items():
                top = len(by_age) - 1 if high is None else high
                groups[group] = round(sum(by_age[low : top + 1]))
    except Exception:  # the panel must never break the console; fall back to the total
        logger.exception("population by age unavailable for %s", municipality.pk)
        groups = {}
    if POPULATION_CACHE_SECONDS:
        cache.set(key, groups, POPULATION_CACHE_SECONDS)
    return groups or None


POPULATION_CACHE_SECONDS = 600

AGE_BOUNDS = {
    "u18": (0, 17),
    "18-24": (18, 24),
    "25-39": (25, 39),
    "40-64": (40, 64),
    "65-79": (65, 79),
    "80+": (80, None),
}


def representativeness(workshop: Workshop) -> dict:
    """Age groups of participants against the Kommune's population – who is missing?"""
    counts = dict(
        workshop.participants.filter(blocked_at__isnull=True)
        .values_list("age_group")
        .annotate(n=Count("id"))
        .values_list("age_group", "n")
    )
    total = sum(counts.values())
    known = total - counts.get("", 0)
    population = _population_by_age_group(workshop.municipality)
    pop_total = sum(population.values()) if population else 0
    rows = []
    for key, label in Participant.AgeGroup.choices:
        n = counts.get(key, 0)
        share = 100 * n / known if known else 0.0
        pop_share = 100 * population.get(key, 0) / pop_total if pop_total else None
        missing = n == 0 or (pop_share is not None and share < pop_share / 2)
        rows.append(AgeRow(key, label, n, share, pop_share, missing))
    resident_count = workshop.municipality.population
    by_language = dict(
        workshop.participants.filter(blocked_at__isnull=True)
        .values_list("language")
        .annotate(n=Count("id"))
        .values_list("language", "n")
    )
    return {
        "languages": languages.rows_by_language(by_language, _("ohne Angabe (z. B. Papier)")),
        "rows": rows,
        "total": total,
        "without_age": counts.get("", 0),
        "has_population_by_age": population is not None,
        "population": resident_count,
        "population_date": workshop.municipality.population_date,
        "per_thousand": (1000 * total / resident_count) if resident_count else None,
        "missing": [r.label for r in rows if r.missing],
    }


# --- Results ----------------------------------------------------------------------------


def protocol(workshop: Workshop) -> dict:
    """Everything the protocol shows – visible cards, clusters, points, sketches, figures.

    Deliberately without personal data: no pseudonyms, no Ortsteile, no who-voted-what.
    """
    phase_rows = []
    for phase in workshop.phases.all():
        cards = list(visible_cards(phase))
        phase_rows.append(
            {
                "phase": phase,
                "cards": cards,
                "clusters": clusters_with_cards(phase, cards),
                "unclustered": [c for c in cards if c.cluster_id is None],
                "hidden": Card.objects.filter(phase=phase, hidden_at__isnull=False).count(),
            }
        )
    return {
        "workshop": workshop,
        "phases": phase_rows,
        "sketches": list(workshop.sketches.select_related("cluster", "theme")),
        "figures": participation_figures(workshop),
        "representativeness": representativeness(workshop),
        "themes": list(workshop.themes.all()),
    }


def _proposed_sketches(municipality) -> QuerySet[Sketch]:
    return Sketch.objects.filter(workshop__municipality=municipality, for_plan=True)


def sketches_for_plan_count(municipality) -> int:
    """How many sketches ``sketches_for_plan`` lists – one COUNT, no annotation."""
    return _proposed_sketches(municipality).count()


def sketches_for_plan(municipality) -> QuerySet[Sketch]:
    """Project sketches a Kommune's workshops propose for the Werkstattplan.

    Each sketch has ``workshop`` and ``cluster`` loaded and ``points`` annotated (points of
    the cards in its cluster). Ordered by workshop date, then points. The Werkstattplan
    copies what it needs; it never writes back.
    """
    return (
        _proposed_sketches(municipality)
        .select_related("workshop", "cluster", "theme")
        .annotate(
            points=Coalesce(
                Sum(
                    "cluster__cards__votes__points",
                    filter=Q(cluster__cards__hidden_at__isnull=True),
                ),
                Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-workshop__starts_at", "-points", "id")
    )


def participants_page(workshop: Workshop) -> QuerySet[Participant]:
    return workshop.participants.annotate(card_count=Count("cards", distinct=True)).order_by(
        "-created_at"
    )


def cards_prefetch():
    return Prefetch("cards", queryset=Card.objects.filter(hidden_at__isnull=True))


def has_finished_workshop(municipality) -> bool:
    """Step result of the Zukunftswerkstatt: at least one workshop has been finished."""
    return Workshop.objects.filter(municipality=municipality, finished_at__isnull=False).exists()
