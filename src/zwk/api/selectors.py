"""Reads of the API, shaped as the JSON the endpoints return.

Public reads only ever see what a Kommune has published (profile: ``Profile.is_published``;
Werkstattplan: ``Plan.is_published``, showing its latest approved version; toolbox: status
``published``). Computed payloads (indicators, projection) are cached per data version, so
an unchanged answer costs one cache read and its ETag stays stable.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from zwk.exchange.models import Event
from zwk.municipalities.models import Municipality
from zwk.municipalities.selectors import municipalities_for_user
from zwk.plans.models import Measure, Plan
from zwk.profiles import analysis
from zwk.profiles.models import Profile, StatisticsRelease
from zwk.profiles.pages import DEMAND_LABELS, LICENCE
from zwk.profiles.selectors import comparison
from zwk.toolbox.models import Entry

CACHE_SECONDS = 60 * 60
ATTRIBUTION = (
    "Datenquelle: Statistisches Bundesamt (Destatis) / Statistische Ämter des Bundes und der "
    "Länder; Berechnungen: ZWK. " + LICENCE
)


# --- Kommunen -------------------------------------------------------------------------------


def _published_profiles():
    return Profile.objects.filter(municipality=OuterRef("pk"), is_published=True)


def public_municipalities(
    *, land: str = "", kind: str = "", q: str = "", profile_published: bool | None = None
) -> QuerySet[Municipality]:
    """All Kommunen in the programme with flags for what they have published."""
    qs = Municipality.objects.annotate(
        profile_published=Exists(_published_profiles()),
        plan_published=Exists(public_plans().filter(municipality=OuterRef("pk"))),
    )
    if land:
        qs = qs.filter(land=land)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(local_name__icontains=q))
    if profile_published is not None:
        qs = qs.filter(profile_published=profile_published)
    return qs.order_by("name", "pk")


def own_municipalities(user) -> QuerySet[Municipality]:
    """The Kommunen a token's user may see (all for the office, else own and assigned)."""
    return municipalities_for_user(user).prefetch_related("steps", "themes")


def published_profile_municipality(slug: str) -> Municipality | None:
    return (
        Municipality.objects.filter(slug=slug, profile__is_published=True)
        .select_related("profile")
        .first()
    )


# --- Werkstattplan --------------------------------------------------------------------------


def plans_have_publication() -> bool:
    """Whether the plans app has its publication switch (``Plan.is_published``)."""
    return any(f.name == "is_published" for f in Plan._meta.get_fields())


def public_plans() -> QuerySet[Plan]:
    """Published Werkstattpläne; none while the plans app has no publication switch."""
    if not plans_have_publication():
        return Plan.objects.none()
    return Plan.objects.filter(is_published=True)


def _d(value: str | None) -> str | None:
    return value or None


def public_plan(plan: Plan) -> dict:
    """The latest approved version of a published plan (a later draft never leaks) with the
    current implementation status of its measures."""
    version = plan.versions.order_by("-number").first()
    snap = version.snapshot if version else {"vision": "", "goals": [], "measures": []}
    ids = [m["id"] for m in snap.get("measures", [])]
    live = {
        m.pk: m
        for m in Measure.objects.filter(plan=plan, pk__in=ids).only("pk", "status", "updated_at")
    }
    labels = dict(Measure.Status.choices)
    measures = []
    for m in snap.get("measures", []):
        current = live.get(m["id"])
        status = current.status if current else m.get("status", "")
        measures.append(
            {
                "id": m["id"],
                "title": m.get("title", ""),
                "description": m.get("description", ""),
                "theme": m.get("theme", ""),
                "goals": m.get("goals", []),
                "smart_target": m.get("smart_target", ""),
                "target_groups": m.get("target_groups", []),
                "start": _d(m.get("start")),
                "end": _d(m.get("end")),
                "key_measure": bool(m.get("key_measure")),
                "status": status,
                "status_label": str(labels.get(status, status)),
                "status_at_approval": m.get("status", ""),
                "milestones": [
                    {"title": ms.get("title", ""), "due": _d(ms.get("due"))}
                    for ms in m.get("milestones", [])
                ],
            }
        )
    return {
        "kommune": {"slug": plan.municipality.slug, "name": plan.municipality.name},
        "version": version.number if version else None,
        "approved_at": version.approved_at if version else None,
        "published_at": plan.published_at,
        "vision": snap.get("vision", ""),
        "goals": [
            {"text": g.get("text", ""), "theme": g.get("theme", "")} for g in snap.get("goals", [])
        ],
        "measures": measures,
    }


def own_plan(plan: Plan) -> dict:
    """The current plan of a Kommune (draft included) for its own token holders."""
    labels = dict(Measure.Status.choices)
    qs = (
        Measure.objects.filter(plan=plan)
        .select_related("theme")
        .prefetch_related("goals", "target_groups", "milestones")
        .order_by("title", "pk")
    )
    return {
        "kommune": {"slug": plan.municipality.slug, "name": plan.municipality.name},
        "status": plan.status,
        "status_label": str(plan.get_status_display()),
        "approved_version": plan.approved_version or None,
        "published": bool(getattr(plan, "is_published", False)),
        "vision": plan.vision,
        "goals": [
            {"text": g.text, "theme": g.theme.name if g.theme else ""}
            for g in plan.goals.select_related("theme").order_by("order", "pk")
        ],
        "measures": [
            {
                "id": m.pk,
                "title": m.title,
                "description": m.description,
                "theme": m.theme.name if m.theme else "",
                "goals": [g.text for g in m.goals.all()],
                "smart_target": m.smart_target,
                "target_groups": m.target_group_labels,
                "start": m.start,
                "end": m.end,
                "key_measure": m.key_measure,
                "status": m.status,
                "status_label": str(labels.get(m.status, m.status)),
                "status_reason": m.status_reason,
                "responsible": m.responsible,
                "budget_planned": m.budget_planned,
                "budget_actual": m.budget_actual,
                "milestones": [
                    {"title": ms.title, "due": ms.due, "done_on": ms.done_on}
                    for ms in m.milestones.all()
                ],
            }
            for m in qs
        ],
    }


# --- Kommunalprofil: indicators and projection ----------------------------------------------


def _stamp(municipality) -> str:
    profile = getattr(municipality, "profile", None)
    published = profile.published_at.isoformat() if profile and profile.published_at else ""
    area = profile.register_area if profile else ""
    return f"{municipality.pk}:{municipality.ags}:{area}:{published}:{analysis.data_version()}"


def _sources(release_ids) -> tuple[list[dict], bool]:
    releases = StatisticsRelease.objects.filter(pk__in=release_ids).order_by("table_code", "pk")
    sources = [
        {
            "table": r.table_code,
            "title": r.title or r.file_name,
            "stand": r.stand,
            "licence": r.licence,
        }
        for r in releases
    ]
    return sources, any(r.licence for r in releases)


def indicators(municipality) -> dict:
    """Indicators of the Kommunalprofil with reference levels, sources and attribution."""
    key = f"api:indicators:{_stamp(municipality)}"
    payload = cache.get(key)
    if payload is not None:
        return payload
    comp = comparison(municipality)
    release_ids = set()
    for rd in [comp.own, *comp.refs.values()]:
        if rd is not None:
            release_ids |= rd.release_ids
    sources, official = _sources(release_ids)
    payload = {
        "kommune": {"slug": municipality.slug, "name": municipality.name},
        "region": comp.own.code if comp.own else None,
        "indicators": [
            {
                "key": r.key,
                "name": r.name,
                "unit": r.unit,
                "definition": r.definition,
                "year": r.year,
                "value": r.value,
                "change_to_previous_year": r.trend,
                "kreis": r.kreis,
                "land": r.land,
                "bund": r.bund,
                "similar_kommunen": r.peers,
                "size_class": r.size_class,
                "source": r.source,
            }
            for r in comp.rows
        ],
        "sources": sources,
        "attribution": ATTRIBUTION if official else "",
    }
    cache.set(key, payload, CACHE_SECONDS)
    return payload


def projection(municipality) -> dict:
    """The Basis scenario of the demography engine with the low/high migration band and the
    planning groups (Kita, school, 80+, care) per year; ``years`` empty without age data."""
    key = f"api:projection:{_stamp(municipality)}"
    payload = cache.get(key)
    if payload is not None:
        return payload
    comp = comparison(municipality, with_peers=False)
    pop = comp.own.population() if comp.own else None
    years: list[dict] = []
    base_year = None
    if pop is not None:
        result = analysis.project_scenario(pop, analysis.ScenarioParams())
        main = result.main
        base_year = int(pop.year)
        for i, year in enumerate(main.years):
            row = {
                "year": int(year),
                "population": round(float(main.totals[i, 0]), 1),
                "population_low_migration": round(float(result.low.totals[i, 0]), 1),
                "population_high_migration": round(float(result.high.totals[i, 0]), 1),
            }
            for group in DEMAND_LABELS:
                row[group] = round(float(result.demand[group][i, 0]), 1)
            years.append(row)
    sources, official = _sources(comp.own.release_ids if comp.own else set())
    payload = {
        "kommune": {"slug": municipality.slug, "name": municipality.name},
        "scenario": "Basis",
        "base_year": base_year,
        "horizon_years": analysis.HORIZON,
        "groups": dict(DEMAND_LABELS),
        "years": years,
        "sources": sources,
        "attribution": ATTRIBUTION if official else "",
    }
    cache.set(key, payload, CACHE_SECONDS)
    return payload


# --- Werkzeugkoffer -------------------------------------------------------------------------


def public_entries(
    *, entry_type: str = "", theme: str = "", phase: str = "", target_group: str = "", q: str = ""
) -> QuerySet[Entry]:
    qs = Entry.objects.published().prefetch_related("themes")
    if entry_type:
        qs = qs.filter(entry_type=entry_type)
    if theme:
        qs = qs.filter(themes__slug=theme)
    if phase:
        qs = qs.filter(facets__field="phases", facets__value=phase)
    if target_group:
        qs = qs.filter(facets__field="target_groups", facets__value=target_group)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    return qs.distinct().order_by("title", "pk")


# --- Austausch: events ----------------------------------------------------------------------


def public_events(*, period: str = "", event_type: str = "", theme: str = "") -> QuerySet[Event]:
    """Published and cancelled events (drafts never), upcoming soonest first or past latest
    first; ``period`` empty: all, soonest first."""
    now = timezone.now()
    qs = Event.objects.visible().prefetch_related("themes")
    if period == "upcoming":
        qs = qs.upcoming(now).order_by("start", "pk")
    elif period == "past":
        qs = qs.past(now).order_by("-start", "-pk")
    else:
        qs = qs.order_by("start", "pk")
    if event_type:
        qs = qs.filter(event_type=event_type)
    if theme:
        qs = qs.filter(themes__slug=theme, themes__municipality__isnull=True)
    return qs.distinct()
