"""Reads of the Werkzeugkoffer: search with facets, similar entries, recommendations."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain

from django.db import connection
from django.db.models import Avg, Count, Max, Prefetch, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from zwk.municipalities.models import Municipality, Theme
from zwk.municipalities.process import STEP_KIND_CHOICES, STEPS_BY_KIND
from zwk.municipalities.sizes import SizeClass
from zwk.profiles.selectors import demographic_type
from zwk.toolbox import search
from zwk.toolbox.models import (
    FACET_FIELDS,
    Bookmark,
    Effort,
    Entry,
    EntryType,
    Rating,
    Status,
    TargetGroup,
)

# Facets shown on the list page: URL parameter → (label, kind).
FACETS = {
    "art": (_lazy("Art"), "entry_type"),
    "feld": (_lazy("Handlungsfeld"), "theme"),
    "schritt": (_lazy("Schritt"), "phases"),
    "zielgruppe": (_lazy("Zielgruppe"), "target_groups"),
    "aufwand": (_lazy("Aufwand"), "effort"),
    "kommune": (_lazy("Art der Kommune"), "municipality_kinds"),
}
SORTS = {
    "relevanz": _lazy("Relevanz"),
    "neueste": _lazy("Neueste zuerst"),
    "titel": _lazy("Titel A–Z"),
}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class SearchResult:
    entries: list  # ordered ids (page slicing happens in the view)
    facets: list[Facet]
    total: int
    query: str
    sort: str


def _choice_labels(kind: str) -> dict[str, str]:
    if kind == "entry_type":
        return dict(EntryType.choices)
    if kind == "effort":
        return dict(Effort.choices)
    if kind == "theme":
        return {t.slug: t.name for t in Theme.objects.filter(municipality__isnull=True)}
    return {k: str(v) for k, v in (FACET_FIELDS[kind] or {}).items()}


# Where each facet's values live on an entry row (see ``_rows``).
_SINGLE = {"entry_type", "effort"}


_ROWS_CACHE: dict[tuple, dict[int, dict]] = {}


def _rows(base) -> dict[int, dict]:
    """What sorting and every facet need for all published entries, cached per process.

    Counting in Python over a few thousand rows is faster than one grouped query per facet
    with the other facets' filters as subqueries (bench/toolbox_search.py). The cache key is a
    cheap stamp of the table (count, latest change), so every process sees a change at once:
    each save goes through the services and moves ``updated_at``."""
    # Both aggregates are answered from indexes (no scan of the wide entry rows).
    stamp = Entry.objects.aggregate(last=Max("updated_at"), top=Max("pk"))
    key = (
        connection.alias,
        connection.settings_dict["NAME"],
        Entry.objects.count(),
        stamp["last"],
        stamp["top"],
    )
    cached = _ROWS_CACHE.get(key)
    if cached is not None:
        return cached
    rows = {}
    for pk, entry_type, effort, title, published_at, phases, groups, kinds in base.values_list(
        "pk", "entry_type", "effort", "title", "published_at",
        "phases", "target_groups", "municipality_kinds",
    ):  # fmt: skip
        rows[pk] = {
            "title": title.lower(),
            "published_at": published_at,
            "entry_type": {entry_type},
            "effort": {effort} if effort else set(),
            "phases": set(phases or []),
            "target_groups": set(groups or []),
            "municipality_kinds": set(kinds or []),
            "theme": set(),
        }
    through = Entry.themes.through.objects.filter(
        entry__status=Status.PUBLISHED, theme__municipality__isnull=True
    ).values_list("entry_id", "theme__slug")
    for entry_id, slug in through:
        if entry_id in rows:
            rows[entry_id]["theme"].add(slug)
    _ROWS_CACHE.clear()  # only the latest state is worth keeping
    _ROWS_CACHE[key] = rows
    return rows


def search_entries(*, query: str = "", filters: dict[str, list[str]] | None = None, sort: str = ""):
    """Published entries matching ``query`` and ``filters`` (OR within a facet, AND across).

    Facet counts are computed without the facet's own filter (but with all others), so a user
    sees how many entries each further choice would give."""
    filters = {k: set(v) for k, v in (filters or {}).items() if k in FACETS and v}
    query = (query or "").strip()[:200]
    rows = _rows(Entry.objects.published())
    scores: dict[int, float] | None = None
    if query:
        scores = search.scores(query)
        rows = {pk: row for pk, row in rows.items() if pk in scores}
    sort = sort if sort in SORTS else ("relevanz" if query else "titel")

    matched = []
    near: dict[str, list[int]] = {param: [] for param in filters}  # fail only this filter
    if filters:
        kinds = {param: FACETS[param][1] for param in filters}
        for pk, row in rows.items():
            failing = [param for param, values in filters.items() if not row[kinds[param]] & values]
            if not failing:
                matched.append(pk)
            elif len(failing) == 1:
                near[failing[0]].append(pk)
    else:
        matched = list(rows)
    counts = {
        param: Counter(
            chain.from_iterable(rows[pk][kind] for pk in chain(matched, near.get(param, ())))
        )
        for param, (_label, kind) in FACETS.items()
    }

    facets = []
    for param, (label, kind) in FACETS.items():
        labels = _choice_labels(kind)
        selected = filters.get(param, set())
        options = [
            FacetOption(value, labels[value], counts[param][value], value in selected)
            for value in labels
            if counts[param][value] or value in selected
        ]
        facets.append(Facet(param, str(label), options))

    if sort == "relevanz" and scores is not None:
        matched.sort(key=lambda pk: (-scores[pk], rows[pk]["title"], pk))
    elif sort == "neueste":
        epoch = timezone.now().replace(year=1970)
        matched.sort(key=lambda pk: (rows[pk]["published_at"] or epoch, pk), reverse=True)
    else:
        matched.sort(key=lambda pk: (rows[pk]["title"], pk))
    return SearchResult(matched, facets, len(matched), query, sort)


def entries_by_ids(ids: list[int]) -> list[Entry]:
    """Entries for one page, in the given order, with what the list shows."""
    by_id = {
        e.pk: e
        for e in Entry.objects.filter(pk__in=ids).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order", "name"))
        )
    }
    return [by_id[pk] for pk in ids if pk in by_id]


def rating_summary(entry: Entry) -> dict:
    agg = entry.ratings.aggregate(
        avg=Avg("stars"), n=Count("pk"), helpful=Count("pk", filter=Q(helpful=True))
    )
    return {"average": agg["avg"], "count": agg["n"], "helpful": agg["helpful"]}


def similar_entries(entry: Entry, limit: int = 4) -> list[Entry]:
    """Published entries sharing Handlungsfelder, steps or target groups with ``entry``."""
    theme_ids = list(entry.themes.values_list("pk", flat=True))
    facet_q = Q()
    for name in ("phases", "target_groups"):
        values = getattr(entry, name) or []
        if values:
            facet_q |= Q(facets__field=name, facets__value__in=values)
    candidates = (
        Entry.objects.published()
        .exclude(pk=entry.pk)
        .annotate(
            shared_themes=Count("themes", filter=Q(themes__in=theme_ids), distinct=True),
            shared_facets=Count("facets", filter=facet_q, distinct=True) if facet_q else Value(0),
        )
        .filter(Q(shared_themes__gt=0) | Q(shared_facets__gt=0))
        .order_by("-shared_themes", "-shared_facets", "title")
    )
    return list(candidates[:limit])


def bookmarks_for(user) -> list[tuple[Municipality, list[Bookmark]]]:
    municipalities = Municipality.objects.filter(memberships__user=user).order_by("name")
    marks = defaultdict(list)
    for b in (
        Bookmark.objects.filter(municipality__in=municipalities, entry__status=Status.PUBLISHED)
        .select_related("entry", "created_by")
        .order_by("-created_at")
    ):
        marks[b.municipality_id].append(b)
    return [(m, marks.get(m.pk, [])) for m in municipalities]


def review_queue():
    return (
        Entry.objects.filter(status__in=[Status.REVIEW, Status.DRAFT])
        .select_related("municipality", "created_by")
        .order_by("status", "-updated_at")
    )


def submissions_of(municipality: Municipality):
    return Entry.objects.filter(municipality=municipality).order_by("-updated_at")


def user_municipalities(user) -> list[Municipality]:
    if not user.is_authenticated:
        return []
    return list(Municipality.objects.filter(memberships__user=user).order_by("name"))


# --- recommendations --------------------------------------------------------------------

# What an indicator that is clearly worse than its reference suggests: (theme slugs, target
# groups, reason). "high" means a value above the reference is the problem.
INDICATOR_HINTS = {
    "old_age_dependency_ratio": (
        "high",
        {"wohnen-im-alter", "gesundheit-und-pflege", "teilhabe-aller-altersgruppen"},
        {TargetGroup.SENIORS},
        _lazy("der Altenquotient liegt über dem Vergleichswert"),
    ),
    "share_80_plus": (
        "high",
        {"wohnen-im-alter", "gesundheit-und-pflege"},
        {TargetGroup.SENIORS},
        _lazy("der Anteil Hochbetagter liegt über dem Vergleichswert"),
    ),
    "mean_age": (
        "high",
        {"wohnen-im-alter", "teilhabe-aller-altersgruppen"},
        {TargetGroup.SENIORS},
        _lazy("das Durchschnittsalter liegt über dem Vergleichswert"),
    ),
    "share_under_18": (
        "low",
        {"kinder-jugend-familie", "halte-und-anziehungsfaktoren"},
        {TargetGroup.YOUTH, TargetGroup.CHILDREN, TargetGroup.FAMILIES},
        _lazy("der Anteil junger Menschen liegt unter dem Vergleichswert"),
    ),
    "net_migration_per_1000": (
        "low",
        {"halte-und-anziehungsfaktoren", "integration-willkommenskultur"},
        set(),
        _lazy("mehr Menschen ziehen weg als zu"),
    ),
    "education_migration_per_1000": (
        "low",
        {"halte-und-anziehungsfaktoren", "bildung", "fachkraeftesicherung"},
        {TargetGroup.YOUTH},
        _lazy("junge Erwachsene ziehen zur Ausbildung weg"),
    ),
    "career_start_migration_per_1000": (
        "low",
        {"fachkraeftesicherung", "halte-und-anziehungsfaktoren"},
        {TargetGroup.BUSINESS},
        _lazy("Berufseinsteigerinnen und -einsteiger ziehen weg"),
    ),
    "family_migration_per_1000": (
        "low",
        {"kinder-jugend-familie", "wohnen-und-bauen"},
        {TargetGroup.FAMILIES},
        _lazy("Familien ziehen weg"),
    ),
    "population_change_5y": (
        "low",
        {"halte-und-anziehungsfaktoren", "ortskerne-innenentwicklung", "nahversorgung"},
        set(),
        _lazy("die Bevölkerung schrumpft stärker als im Vergleich"),
    ),
}


def _indicator_signals(municipality) -> list[tuple[set, set, str]]:
    """Problems read from the Kommunalprofil (empty until statistics exist)."""
    from zwk.profiles.selectors import indicator_comparison

    signals = []
    for row in indicator_comparison(municipality) or []:
        hint = INDICATOR_HINTS.get(row.key)
        if hint is None or row.value is None:
            continue
        reference = next(
            (r for r in (row.peers, row.kreis, row.land, row.bund) if r is not None), None
        )
        if reference is None:
            continue
        direction, themes, groups, reason = hint
        worse = row.value > reference if direction == "high" else row.value < reference
        if worse:
            signals.append((themes, {str(g) for g in groups}, str(reason)))
    return signals


def _swot_signals(municipality) -> list[tuple[str, str, set]]:
    """Weaknesses, threats and opportunities of the Situationsanalyse: (lower text, text,
    themes of the indicator the item rests on)."""
    from zwk.situation.selectors import swot_for_report

    signals = []
    for block in swot_for_report(municipality):
        if block.category == "strength":
            continue
        for item in block.items:
            hint = INDICATOR_HINTS.get(item.indicator_key or "")
            signals.append((item.text.lower(), item.text, set(hint[1]) if hint else set()))
    return signals


def _theme_words(entry) -> set[str]:
    """Words of an entry's Handlungsfelder long enough to be telling in a SWOT sentence."""
    words = set()
    for theme in entry.themes.all():
        for word in theme.name.lower().replace("-", " ").split():
            if len(word) >= 6 and word not in {"aller", "altersgruppen"}:
                words.add(word[:-1] if word.endswith(("n", "e")) else word)
    return words


def _related_municipalities(municipality) -> list[int]:
    theme_ids = list(municipality.themes.values_list("pk", flat=True))
    return list(
        Municipality.objects.exclude(pk=municipality.pk)
        .filter(Q(kind=municipality.kind) | Q(themes__in=theme_ids))
        .values_list("pk", flat=True)
        .distinct()
    )


def _helpful_counts(municipality) -> Counter:
    """Entry id → number of related Kommunen (same type or shared themes) that found it
    helpful or gave it four stars or more."""
    related = _related_municipalities(municipality)
    return Counter(
        dict(
            Rating.objects.filter(municipality_id__in=related)
            .filter(Q(helpful=True) | Q(stars__gte=4))
            .values("entry_id")
            .annotate(n=Count("municipality", distinct=True))
            .values_list("entry_id", "n")
        )
    )


@dataclass
class _Needs:
    """What ``recommend`` knows about the Kommune, read once before the entries are scored."""

    municipality: object
    step_kind: str
    step: object
    themes: dict[str, str]
    size: object
    signals: list
    swot: list
    dtype: object
    helpful: Counter


def _needs(municipality, step_kind: str, step) -> _Needs:
    return _Needs(
        municipality=municipality,
        step_kind=step_kind,
        step=step,
        themes={t.slug: t.name for t in municipality.themes.all()},
        size=SizeClass.for_population(municipality.population),
        signals=_indicator_signals(municipality),
        swot=_swot_signals(municipality),
        dtype=demographic_type(municipality),
        helpful=_helpful_counts(municipality),
    )


def _profile_reason(entry, entry_themes: set[str], signals) -> str | None:
    """The first problem of the Kommunalprofil the entry answers (by theme or target group)."""
    for sig_themes, sig_groups, sig_reason in signals:
        if entry_themes & sig_themes or set(entry.target_groups or []) & sig_groups:
            return _("Ihr Kommunalprofil zeigt: %(why)s") % {"why": sig_reason}
    return None


def _swot_reason(entry, entry_themes: set[str], swot) -> str | None:
    """The first weakness, threat or opportunity of the SWOT the entry takes up."""
    words = _theme_words(entry) if swot else set()
    for text_lower, text, ind_themes in swot:
        if entry_themes & ind_themes or any(w in text_lower for w in words):
            short = text if len(text) <= 80 else text[:77] + "…"
            return _("greift Ihre SWOT auf: „%(item)s“") % {"item": short}
    return None


def _score(entry, needs: _Needs) -> tuple[float, list[tuple[float, str]]] | None:
    """Score of one entry and its weighted reasons; None when it neither fits the step,
    nor shares a Handlungsfeld, nor was found helpful by a related Kommune."""
    fits_step = needs.step_kind in (entry.phases or [])
    entry_themes = {t.slug for t in entry.themes.all()}
    shared = [needs.themes[s] for s in sorted(entry_themes & set(needs.themes))]
    n_helpful = needs.helpful.get(entry.pk, 0)
    if not fits_step and not shared and not n_helpful:
        return None
    score = 3.0 if fits_step else 0.0
    reasons: list[tuple[float, str]] = []
    if shared:
        score += 2 * len(shared)
        reasons.append((2.5, _("passt zu Ihrem Handlungsfeld „%(theme)s“") % {"theme": shared[0]}))
    if reason := _profile_reason(entry, entry_themes, needs.signals):
        score += 2
        reasons.append((3.0, reason))
    if reason := _swot_reason(entry, entry_themes, needs.swot):
        score += 1.5
        reasons.append((2.8, reason))
    dtype = needs.dtype
    if dtype and set(entry.demography_types or []) & dtype.labels:
        score += 1
        reasons.append((1.8, _("passt zu Ihrem Demografietyp „%(type)s“") % {"type": dtype.name}))
    municipality = needs.municipality
    if municipality.kind in (entry.municipality_kinds or []):
        score += 1
        kind = municipality.get_kind_display()
        reasons.append((1.0, _("bewährt in Kommunen wie Ihrer (%(kind)s)") % {"kind": kind}))
    if needs.size and needs.size in (entry.sizes or []):
        score += 0.5
    if n_helpful:
        score += 1.5 * n_helpful
        helpful = ngettext(
            "%(n)d ähnliche Kommune fand es hilfreich",
            "%(n)d ähnliche Kommunen fanden es hilfreich",
            n_helpful,
        )
        reasons.append((2.0 + n_helpful, helpful % {"n": n_helpful}))
    if fits_step:
        reasons.append((0.5, _("geeignet für den Schritt %(step)s") % {"step": needs.step.title}))
    return score, reasons


def _reason_text(reasons: list[tuple[float, str]]) -> str:
    """The strongest reason, with the second when it carries weight; capitalised."""
    reasons = sorted(reasons, key=lambda r: -r[0])
    reason = reasons[0][1] if reasons else ""
    if len(reasons) > 1 and reasons[1][0] >= 1:
        reason = f"{reason}; {reasons[1][1]}"
    return reason[:1].upper() + reason[1:]


def recommend(municipality, step_kind: str, limit: int = 5) -> list[tuple[Entry, str]]:
    """Published entries for one of the five steps of ``municipality``, each with a reason.

    Scores: fits the step (required unless nothing fits), shares the Kommune's Handlungsfelder,
    answers a problem the Kommunalprofil shows, takes up a weakness, threat or opportunity of
    its SWOT, fits its Demografietyp, suits its type and size, and was found helpful by related
    Kommunen (same type or shared themes). The reason names the strongest signals.
    """
    step = STEPS_BY_KIND.get(step_kind)
    if step is None:
        return []
    needs = _needs(municipality, step_kind, step)
    scored = []
    for entry in Entry.objects.published().prefetch_related("themes"):
        result = _score(entry, needs)
        if result is None:
            continue
        score, reasons = result
        scored.append((score, entry.title.lower(), entry, _reason_text(reasons)))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [(entry, reason) for _s, _t, entry, reason in scored[:limit]]


STEP_CHOICES = dict(STEP_KIND_CHOICES)
