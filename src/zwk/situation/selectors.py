"""Reads of the Situationsanalyse, shaped for its pages and for other apps.

Interfaces for other apps (stable):
- ``candidate_fields(municipality)`` – the ordered candidate Handlungsfelder with their
  justification, read by the Zukunftswerkstatt.
- ``swot_for_report(municipality)`` – the SWOT by category for the profile's PDF report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from zwk.municipalities.models import Municipality, Theme
from zwk.profiles.analysis import indicator_info
from zwk.profiles.selectors import IndicatorRow
from zwk.situation.models import (
    CandidateField,
    Initiative,
    Interview,
    RejectedSuggestion,
    SwotItem,
)
from zwk.situation.suggestions import RULES_BY_KEY, Suggestion, suggest

CATEGORY_ORDER = [
    SwotItem.Category.STRENGTH,
    SwotItem.Category.WEAKNESS,
    SwotItem.Category.OPPORTUNITY,
    SwotItem.Category.THREAT,
]


# --- Bestandsaufnahme -----------------------------------------------------------------


def initiatives(
    municipality: Municipality,
    *,
    theme: Theme | None = None,
    status: str = "",
    target_group: str = "",
) -> QuerySet[Initiative]:
    """The Kommune's initiatives, filtered, with themes and target groups prefetched."""
    qs = municipality.initiatives.prefetch_related("themes", "target_groups")
    if theme is not None:
        qs = qs.filter(themes=theme)
    if status:
        qs = qs.filter(status=status)
    if target_group:
        qs = qs.filter(target_groups__group=target_group)
    return qs.distinct().order_by("title", "id")


def initiative_themes(municipality: Municipality) -> QuerySet[Theme]:
    """Handlungsfelder an initiative may belong to: the Kommune's chosen themes."""
    return municipality.themes.order_by("order", "name")


# --- SWOT -----------------------------------------------------------------------------


def swot_items(municipality: Municipality) -> QuerySet[SwotItem]:
    return municipality.swot_items.select_related("interview").order_by("category", "id")


def swot_board(municipality: Municipality) -> list[tuple[str, str, list[SwotItem]]]:
    """``[(category, label, items)]`` in the order Stärken, Schwächen, Chancen, Risiken."""
    by_category: dict[str, list[SwotItem]] = {c: [] for c in CATEGORY_ORDER}
    for item in swot_items(municipality):
        indicator = indicator_info(item.indicator_key)
        item.indicator_name = indicator.name if indicator else item.indicator_key
        by_category[item.category].append(item)
    labels = dict(SwotItem.Category.choices)
    return [(c.value, labels[c], by_category[c]) for c in CATEGORY_ORDER]


@dataclass(frozen=True)
class SuggestionState:
    open: list[Suggestion]
    rejected: list[Suggestion]
    accepted_count: int


def suggestion_state(municipality: Municipality, rows: list[IndicatorRow]) -> SuggestionState:
    """Split the rules' suggestions into open and rejected ones; accepted ones are SWOT items."""
    accepted = set(
        municipality.swot_items.exclude(suggestion_key="").values_list("suggestion_key", flat=True)
    )
    rejected = set(municipality.rejected_suggestions.values_list("key", flat=True))
    all_suggestions = suggest(rows)
    return SuggestionState(
        open=[s for s in all_suggestions if s.key not in accepted and s.key not in rejected],
        rejected=[s for s in all_suggestions if s.key in rejected],
        accepted_count=sum(1 for s in all_suggestions if s.key in accepted),
    )


def find_suggestion(rows: list[IndicatorRow], key: str) -> Suggestion | None:
    if key not in RULES_BY_KEY:
        return None
    return next((s for s in suggest(rows) if s.key == key), None)


def rejected_keys(municipality: Municipality) -> QuerySet[RejectedSuggestion]:
    return municipality.rejected_suggestions.all()


@dataclass(frozen=True)
class SwotLine:
    category: str
    category_label: str
    text: str
    note: str
    source: str
    source_label: str
    indicator_key: str
    interview: str


@dataclass(frozen=True)
class SwotBlock:
    category: str
    label: str
    items: list[SwotLine] = field(default_factory=list)


def swot_for_report(municipality: Municipality) -> list[SwotBlock]:
    """The SWOT for the profile report and the exports: four blocks in fixed order (empty
    blocks included, so a report can say "noch keine Einträge")."""
    blocks = []
    for category, label, items in swot_board(municipality):
        blocks.append(
            SwotBlock(
                category=category,
                label=str(label),
                items=[
                    SwotLine(
                        category=category,
                        category_label=str(label),
                        text=i.text,
                        note=i.note,
                        source=i.source,
                        source_label=str(i.get_source_display()),
                        indicator_key=i.indicator_key,
                        interview=str(i.interview) if i.interview else "",
                    )
                    for i in items
                ],
            )
        )
    return blocks


# --- Interviews -----------------------------------------------------------------------


def interviews(municipality: Municipality) -> QuerySet[Interview]:
    return municipality.situation_interviews.annotate(swot_count=Count("swot_items")).order_by(
        "-held_on", "-id"
    )


# --- Candidate Handlungsfelder --------------------------------------------------------


def candidate_queryset(municipality: Municipality) -> QuerySet[CandidateField]:
    return (
        municipality.candidate_fields.select_related("theme")
        .prefetch_related("swot_items")
        .order_by("position", "id")
    )


def candidate_theme_choices(
    municipality: Municipality, *, keep: Theme | None = None
) -> QuerySet[Theme]:
    """Themes a candidate may use: the Kommune's themes and the maintained list, minus those
    already chosen (except ``keep``, the one being edited)."""
    taken = municipality.candidate_fields.values_list("theme_id", flat=True)
    if keep is not None:
        taken = taken.exclude(theme_id=keep.pk)
    return (
        Theme.objects.filter(Q(municipality__isnull=True) | Q(municipality=municipality))
        .exclude(pk__in=taken)
        .order_by("order", "name")
    )


@dataclass(frozen=True)
class CandidateSwotRef:
    category: str
    category_label: str
    text: str


@dataclass(frozen=True)
class Candidate:
    """One candidate Handlungsfeld as other apps see it."""

    position: int  # 1-based rank
    theme: Theme
    justification: str
    swot: list[CandidateSwotRef]


def candidate_fields(municipality: Municipality) -> list[Candidate]:
    """Candidate Handlungsfelder in the team's order (rank 1 first) with their justification
    and the SWOT items they rest on – the input of the Zukunftswerkstatt."""
    return [
        Candidate(
            position=rank,
            theme=c.theme,
            justification=c.justification,
            swot=[
                CandidateSwotRef(i.category, str(i.get_category_display()), i.text)
                for i in sorted(
                    c.swot_items.all(), key=lambda i: (CATEGORY_ORDER.index(i.category), i.pk)
                )
            ],
        )
        for rank, c in enumerate(candidate_queryset(municipality), start=1)
    ]


# --- Overview -------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    key: str
    done: bool


def overview(municipality: Municipality) -> dict:
    """Counts for the overview page and which of the four parts have content."""
    swot_counts = dict(
        municipality.swot_items.values_list("category").annotate(n=Count("id")).order_by()
    )
    counts = {
        "initiatives": municipality.initiatives.count(),
        "swot": sum(swot_counts.values()),
        "swot_by_category": {c.value: swot_counts.get(c.value, 0) for c in CATEGORY_ORDER},
        "interviews": municipality.situation_interviews.count(),
        "candidates": municipality.candidate_fields.count(),
    }
    parts = [
        Part("initiatives", counts["initiatives"] > 0),
        Part("interviews", counts["interviews"] > 0),
        # A SWOT is only useful with all four perspectives.
        Part("swot", all(counts["swot_by_category"].values())),
        Part("candidates", counts["candidates"] > 0),
    ]
    counts["parts_done"] = sum(p.done for p in parts)
    counts["parts_total"] = len(parts)
    counts["next_part"] = next((p.key for p in parts if not p.done), "")
    return counts
