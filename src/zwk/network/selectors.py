"""Reads of the Vernetzung, shaped for the pages (constant query counts per page)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from zwk.municipalities.models import Municipality, Theme
from zwk.network.matching import Match, MunicipalityFacts, rank
from zwk.network.models import Conversation, Post, Report, Subscription, Thread
from zwk.plans.models import PlanVersion
from zwk.profiles import analysis
from zwk.profiles.regions import region_code_for
from zwk.toolbox.models import Entry, EntryType

MEASURES_PER_MUNICIPALITY = 5
PRACTICES_PER_MUNICIPALITY = 3


# --- related Kommunen --------------------------------------------------------------------


def programme_municipalities(like: Municipality | None = None) -> QuerySet[Municipality]:
    """Kommunen of the programme. Demo Kommunen only meet demo Kommunen and real ones real ones."""
    qs = Municipality.objects.all()
    if like is not None:
        qs = qs.filter(is_demo=like.is_demo)
    return qs.order_by("name")


def all_facts(municipalities) -> dict[str, MunicipalityFacts]:
    """:class:`MunicipalityFacts` of ``municipalities`` by slug (themes, kind, type, z-values)."""
    municipalities = list(
        municipalities.select_related("profile").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("name"))
        )
    )
    typology = analysis.typology_data()
    z_rows = analysis.indicator_z_values(typology)
    facts = {}
    for m in municipalities:
        code = region_code_for(m)
        type_name = None
        if typology is not None and code in z_rows:
            type_name = typology.typology.type_of(code).name
        facts[m.slug] = MunicipalityFacts(
            key=m.slug,
            name=m.name,
            kind=m.kind,
            themes={t.slug: t.name for t in m.themes.all()},
            demographic_type=type_name,
            z=z_rows.get(code, {}),
        )
    return facts


@dataclass
class RelatedKommune:
    municipality: Municipality
    match: Match
    measures: list = field(default_factory=list)
    practices: list = field(default_factory=list)


def related_municipalities(municipality: Municipality, limit: int = 5) -> list[RelatedKommune]:
    """The most related Kommunen with their published measures and shared best practices."""
    candidates = programme_municipalities(like=municipality)
    facts = all_facts(candidates)
    own = (
        facts.get(municipality.slug)
        or all_facts(Municipality.objects.filter(pk=municipality.pk))[municipality.slug]
    )
    matches = rank(own, facts.values(), limit=limit)
    by_slug = {m.slug: m for m in candidates.filter(slug__in=[x.key for x in matches])}
    rows = [RelatedKommune(by_slug[x.key], x) for x in matches if x.key in by_slug]
    _attach_shared_work(rows, set(own.themes.values()))
    return rows


@dataclass(frozen=True)
class PublicMeasure:
    """A measure as the Kommune made it public: from the latest approved, published version."""

    title: str
    theme: str
    status: str


def published_measures(municipality_ids) -> dict[int, list[PublicMeasure]]:
    """Measures of the published Werkstattpläne, read from their latest approved version – a
    draft measure added after approval is never shown (two queries)."""
    latest = (
        PlanVersion.objects.filter(plan__municipality__in=municipality_ids, plan__is_published=True)
        .values("plan_id")
        .annotate(top=Max("number"))
    )
    wanted = Q(pk__in=[])
    for row in latest:
        wanted |= Q(plan_id=row["plan_id"], number=row["top"])
    out: dict[int, list[PublicMeasure]] = {}
    if not latest:
        return out
    for version in PlanVersion.objects.filter(wanted).select_related("plan"):
        out[version.plan.municipality_id] = [
            PublicMeasure(
                title=m.get("title", ""),
                theme=m.get("theme", ""),
                status=m.get("status_label", ""),
            )
            for m in version.snapshot.get("measures", [])
            if m.get("status") != "dropped"
        ]
    return out


def _attach_shared_work(rows: list[RelatedKommune], own_theme_names: set[str]) -> None:
    ids = [r.municipality.pk for r in rows]
    measures = published_measures(ids)
    practices: dict[int, list] = {}
    entries = (
        Entry.objects.published()
        .filter(entry_type=EntryType.BEST_PRACTICE, municipality__in=ids)
        .order_by("-published_at", "-id")
    )
    for entry in entries:
        practices.setdefault(entry.municipality_id, []).append(entry)
    for row in rows:
        shared_first = sorted(
            measures.get(row.municipality.pk, []),
            key=lambda m: (m.theme not in own_theme_names, m.title.casefold(), m.title),
        )
        row.measures = shared_first[:MEASURES_PER_MUNICIPALITY]
        row.practices = practices.get(row.municipality.pk, [])[:PRACTICES_PER_MUNICIPALITY]


def overview_rows(municipalities: list[Municipality], limit: int = 3) -> list[tuple]:
    """For the office: each Kommune with its ``limit`` most related ones (one facts pass)."""
    facts_by_flag = {}
    out = []
    for m in municipalities:
        if m.is_demo not in facts_by_flag:
            facts_by_flag[m.is_demo] = all_facts(programme_municipalities(like=m))
        facts = facts_by_flag[m.is_demo]
        own = facts.get(m.slug)
        out.append((m, rank(own, facts.values(), limit=limit) if own else []))
    return out


def user_municipalities(user) -> QuerySet[Municipality]:
    if not user.is_authenticated:
        return Municipality.objects.none()
    return Municipality.objects.filter(memberships__user=user).distinct().order_by("name")


# --- messages ------------------------------------------------------------------------------


def conversations_of(municipality: Municipality) -> QuerySet[Conversation]:
    return (
        Conversation.objects.filter(
            Q(from_municipality=municipality) | Q(to_municipality=municipality)
        )
        .select_related("from_municipality", "to_municipality")
        .annotate(message_count=Count("messages"))
        .order_by("-last_message_at", "-id")
    )


def conversation_for(municipality: Municipality, pk: int) -> Conversation | None:
    """The conversation ``pk`` if ``municipality`` is one of its two sides (IDOR guard)."""
    return conversations_of(municipality).filter(pk=pk).first()


def messages_of(conversation: Conversation):
    return conversation.messages.select_related("author", "author_municipality")


# --- discussions ---------------------------------------------------------------------------


def discussion_themes() -> QuerySet[Theme]:
    """The maintained Handlungsfelder with thread counts and the latest activity."""
    return (
        Theme.objects.filter(municipality__isnull=True)
        .annotate(
            thread_count=Count("network_threads", distinct=True),
            last_post=Max("network_threads__last_post_at"),
        )
        .order_by("order", "name")
    )


def threads_of(theme: Theme) -> QuerySet[Thread]:
    return (
        theme.network_threads.annotate(
            post_count=Count(
                "posts", filter=Q(posts__deleted_at__isnull=True, posts__hidden_at__isnull=True)
            )
        )
        .select_related("created_by")
        .order_by("-last_post_at", "-id")
    )


def posts_of(thread: Thread) -> QuerySet[Post]:
    return (
        thread.posts.select_related("author")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .order_by("created_at", "id")
    )


def open_reports() -> QuerySet[Report]:
    return (
        Report.objects.filter(resolved_at__isnull=True)
        .select_related("post__thread__theme", "post__author", "reporter")
        .order_by("created_at", "id")
    )


def subscriptions_of(user) -> QuerySet[Subscription]:
    return (
        Subscription.objects.filter(user=user)
        .select_related("theme", "thread__theme")
        .order_by("theme__name", "thread__title", "id")
    )


def is_subscribed(user, *, theme=None, thread=None) -> bool:
    if not user.is_authenticated:
        return False
    return Subscription.objects.filter(user=user, theme=theme, thread=thread).exists()
