"""The office's map of Germany with all Kommunen, coloured and shaped by their step.

Filters: Land, Art, Handlungsfeld, Demografietyp (the profile's typology over all imported
statistics). Beside the SVG (:mod:`zwk.office.map`) the page lists the same Kommunen in a
table, and those without coordinates with a link to enter them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from html import escape
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Length, Substr
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from zwk.core.views import require_office
from zwk.municipalities.models import Municipality, ProcessStep, Theme
from zwk.municipalities.process import STEPS
from zwk.municipalities.validators import LAENDER
from zwk.office import cache as office_cache
from zwk.office import map as office_map
from zwk.office import selectors as office_selectors
from zwk.office.filters import MapFilterForm
from zwk.profiles import analysis
from zwk.profiles.regions import register_code
from zwk.registration.selectors import municipalities_in_round

DONE = len(STEPS) + 1  # marker state: all steps done
NO_STEPS = 0
UNLOCATED_LISTED = 50
# More Kommunen than this at one zoom level: the map shows one bubble per Land (no Land
# chosen) or per Kreis (a Land chosen) instead of points; a Kreis always shows its points.
POINT_LIMIT = 400
TABLE_PAGE_SIZE = 100  # rows of the point table per page
LAENDER_LEVEL, KREISE_LEVEL, POINTS_LEVEL = "laender", "kreise", "kommunen"


@dataclass(frozen=True, slots=True)
class MapRow:
    name: str
    slug: str
    kind_label: str
    land_label: str
    href: str
    state: int  # office_map.MARKERS key
    step_label: str
    demographic_type: str
    lon: float | None
    lat: float | None
    stalled: bool = False
    land: str = ""
    ags: str = ""

    @property
    def title(self) -> str:
        title = f"{self.name} ({self.kind_label}, {self.land_label}): {self.step_label}"
        return f"{title} – {_('Stillstand')}" if self.stalled else title

    @property
    def edit_href(self) -> str:
        return reverse("municipalities:edit", kwargs={"slug": self.slug})


def state_labels() -> dict[int, str]:
    labels = {NO_STEPS: _("ohne Schritte")}
    for s in STEPS:
        labels[s.number] = _("Schritt %(n)d: %(title)s") % {"n": s.number, "title": s.title}
    labels[DONE] = _("alle Schritte abgeschlossen")
    return labels


def _rank() -> Case:
    """Rank of a step: 10 × number, +1 if still open, 100 if done; the smallest rank of a
    Kommune names its current step and that step's status."""
    done, in_progress = ProcessStep.Status.DONE, ProcessStep.Status.IN_PROGRESS
    return Case(
        When(status=done, then=Value(100)),
        *[When(kind=s.kind, status=in_progress, then=Value(10 * s.number)) for s in STEPS],
        *[When(kind=s.kind, then=Value(10 * s.number + 1)) for s in STEPS],
        output_field=IntegerField(),
    )


def _state_of(rank: int | None) -> tuple[int, str]:
    """(marker state, status) for the smallest rank of a Kommune (None: no steps)."""
    if rank is None:
        return (NO_STEPS, "")
    if rank >= 100:
        return (DONE, "")
    open_ = ProcessStep.Status.OPEN
    return (rank // 10, ProcessStep.Status.IN_PROGRESS if rank % 10 == 0 else open_)


def _states(qs: QuerySet[Municipality]) -> dict[int, tuple[int, str]]:
    """(marker state, status) per Kommune id: the first step that is not done (one query)."""
    first = (
        ProcessStep.objects.filter(municipality__in=qs)
        .values("municipality_id")
        .annotate(first=Min(_rank()))
        .values_list("municipality_id", "first")
    )
    return {mid: _state_of(value) for mid, value in first}


def _region_code(kind: str, ags: str, register_area: str | None) -> str | None:
    """As :func:`zwk.profiles.regions.region_code_for`, from plain values."""
    if kind == Municipality.Kind.QUARTIER:
        return register_code(ags, register_area) if register_area else None
    if kind == Municipality.Kind.LANDKREIS:
        return ags[:5]
    return ags


def filtered(
    *,
    land: str = "",
    kind: str = "",
    theme: Theme | None = None,
    funding_round: str = "",
    kreis: str = "",
) -> QuerySet[Municipality]:
    """The Kommunen matching the map's filters (all but the Demografietyp)."""
    qs = Municipality.objects.all()
    if land:
        qs = qs.filter(land=land)
    if kind:
        qs = qs.filter(kind=kind)
    if kreis:
        qs = qs.filter(ags__startswith=kreis)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if funding_round:
        qs = qs.filter(pk__in=municipalities_in_round(funding_round).values("pk"))
    return qs


def map_rows(
    *,
    land: str = "",
    kind: str = "",
    theme: Theme | None = None,
    demographic_type: str = "",
    funding_round: str = "",
    kreis: str = "",
) -> list[MapRow]:
    """The Kommunen matching the filters with their step and Demografietyp, by name.

    Plain values instead of model instances and labels looked up once: with 11,000 Kommunen
    the page must stay under a second."""
    qs = filtered(land=land, kind=kind, theme=theme, funding_round=funding_round, kreis=kreis)
    states = _states(qs)
    stalled = office_selectors.stalled_ids(qs, office_selectors.stalled_weeks_default())
    data = analysis.typology_data()
    type_of: dict[str, str] = {}
    if data is not None:
        typology = data.typology
        type_of = {
            code: typology.types[int(label)].name
            for code, label in zip(typology.codes, typology.labels, strict=True)
        }
    labels = state_labels()
    status_labels = {k: str(v) for k, v in ProcessStep.Status.choices}
    kind_labels = {k: str(v) for k, v in Municipality.Kind.choices}
    placeholder = "slug-placeholder"
    href = reverse("municipalities:workspace", kwargs={"slug": placeholder})
    rows = []
    # floats from the database: a Decimal converter per value costs ~0.3 s at 11,000 Kommunen
    values = (
        qs.order_by("name")
        .annotate(lon_f=Cast("longitude", FloatField()), lat_f=Cast("latitude", FloatField()))
        .values_list(
            "id", "name", "slug", "kind", "land", "ags", "lon_f", "lat_f",
            "profile__register_area",
        )
    )  # fmt: skip
    for mid, name, slug, m_kind, m_land, ags, lon, lat, area in values:
        state, status = states.get(mid, (NO_STEPS, ""))
        code = _region_code(m_kind, ags, area)
        dtype = type_of.get(code, "") if code else ""
        if demographic_type and dtype != demographic_type:
            continue
        label = labels[state]
        if status:
            label = f"{label} ({status_labels.get(status, status)})"
        rows.append(
            MapRow(
                name=name,
                slug=slug,
                kind_label=kind_labels.get(m_kind, m_kind),
                land_label=LAENDER.get(m_land, m_land),
                href=href.replace(placeholder, slug),
                state=state,
                step_label=label,
                demographic_type=dtype,
                lon=float(lon) if lon is not None else None,
                lat=float(lat) if lat is not None else None,
                stalled=mid in stalled,
                land=m_land,
                ags=ags,
            )
        )
    return rows


@dataclass
class Area:
    """A Land or Kreis at low zoom: its Kommunen counted by step, and where to drill down."""

    code: str  # Land ("09") or Kreis ("09262", the first five digits of the AGS)
    name: str
    href: str = ""
    total: int = 0
    stalled: int = 0
    per_state: dict[int, int] = field(default_factory=dict)
    lon_sum: float = 0.0
    lat_sum: float = 0.0
    located: int = 0

    @property
    def lon(self) -> float | None:
        return self.lon_sum / self.located if self.located else None

    @property
    def lat(self) -> float | None:
        return self.lat_sum / self.located if self.located else None

    def counts(self, states) -> list[int]:
        return [self.per_state.get(s, 0) for s in states]


def zoom_level(count: int, *, land: str, kreis: str) -> str:
    """Points for a Kreis or up to ``POINT_LIMIT`` Kommunen, else bubbles per Kreis or Land."""
    if kreis or count <= POINT_LIMIT:
        return POINTS_LEVEL
    return KREISE_LEVEL if land else LAENDER_LEVEL


@dataclass(frozen=True, slots=True)
class Unlocated:
    name: str
    slug: str

    @property
    def edit_href(self) -> str:
        return reverse("municipalities:edit", kwargs={"slug": self.slug})


@dataclass
class Summary:
    """What the map page shows besides single points: totals, counts per marker state, the
    areas at low zoom (links set by the view) and the first Kommunen without coordinates."""

    level: str
    total: int = 0
    located: int = 0
    stalled: int = 0
    counts: dict[int, int] = field(default_factory=dict)
    areas: list[Area] = field(default_factory=list)
    unlocated: list = field(default_factory=list)  # Unlocated or MapRow, at most UNLOCATED_LISTED


def summary_from_rows(rows: list[MapRow], level: str) -> Summary:
    """The summary of rows already in memory (points level, Demografietyp filter)."""
    counts: dict[int, int] = {}
    for r in rows:
        counts[r.state] = counts.get(r.state, 0) + 1
    unlocated = [r for r in rows if r.lon is None or r.lat is None]
    return Summary(
        level=level,
        total=len(rows),
        located=len(rows) - len(unlocated),
        stalled=sum(1 for r in rows if r.stalled),
        counts=counts,
        areas=areas_for(rows, level, lambda code: "") if level != POINTS_LEVEL else [],
        unlocated=unlocated[:UNLOCATED_LISTED],
    )


def area_summary(qs: QuerySet[Municipality], level: str, weeks: int) -> Summary:
    """Counts per Land or Kreis computed in the database (GROUP BY), whatever the number of
    Kommunen: areas with centre and first name, Kommunen per area and current step, stalled
    Kommunen per area, names of the Landkreise, the first Kommunen without coordinates."""
    code = F("land") if level == LAENDER_LEVEL else Substr("ags", 1, 5)
    located_q = Q(longitude__isnull=False, latitude__isnull=False)
    out = Summary(level=level)
    by_code: dict[str, Area] = {}
    first: dict[str, str] = {}
    for row in (
        qs.annotate(area_code=code)
        .order_by()
        .values("area_code")
        .annotate(
            total=Count("pk"),
            located=Count("pk", filter=located_q),
            lon=Avg(Cast("longitude", FloatField()), filter=located_q),
            lat=Avg(Cast("latitude", FloatField()), filter=located_q),
            first=Min("name"),
        )
    ):
        c = row["area_code"]
        located = row["located"]
        by_code[c] = Area(
            code=c,
            name=LAENDER.get(c, c) if level == LAENDER_LEVEL else "",
            total=row["total"],
            located=located,
            lon_sum=(row["lon"] or 0.0) * located,
            lat_sum=(row["lat"] or 0.0) * located,
        )
        first[c] = row["first"]
        out.total += row["total"]
        out.located += located
    current = (
        ProcessStep.objects.filter(municipality=OuterRef("pk"))
        .annotate(rank=_rank())
        .order_by("rank")
        .values("rank")[:1]
    )
    for c, rank, n in (
        qs.annotate(area_code=code, first_rank=Subquery(current, output_field=IntegerField()))
        .order_by()
        .values_list("area_code", "first_rank")
        .annotate(n=Count("pk"))
    ):
        state = _state_of(rank)[0]
        area = by_code[c]
        area.per_state[state] = area.per_state.get(state, 0) + n
        out.counts[state] = out.counts.get(state, 0) + n
    cutoff = office_selectors.cutoff_for(weeks)
    for c, n in (
        office_selectors.with_overview(qs, counts=False)
        .filter(office_selectors.stalled_q(cutoff))
        .annotate(area_code=code)
        .order_by()
        .values_list("area_code")
        .annotate(n=Count("pk"))
    ):
        by_code[c].stalled = n
        out.stalled += n
    if level == KREISE_LEVEL:
        kreise = dict(
            qs.annotate(ags_length=Length("ags")).filter(ags_length=5).values_list("ags", "name")
        )
        for c, area in by_code.items():
            if c in kreise:
                area.name = kreise[c]
            elif area.total == 1:
                area.name = first[c]
            else:
                area.name = _("Kreis %(ags)s (u. a. %(first)s)") % {"ags": c, "first": first[c]}
    out.areas = sorted(by_code.values(), key=lambda a: (a.name.casefold(), a.code))
    out.unlocated = [
        Unlocated(name, slug)
        for name, slug in qs.exclude(located_q)
        .order_by("name")
        .values_list("name", "slug")[:UNLOCATED_LISTED]
    ]
    return out


def areas_for(rows: list[MapRow], level: str, drill) -> list[Area]:
    """Rows grouped by Land or Kreis (one pass; ``drill(code)`` gives the link)."""
    by_code: dict[str, Area] = {}
    kreis_names: dict[str, str] = {}  # the Landkreis itself (a five-digit AGS)
    first: dict[str, str] = {}  # else the first Kommune by name
    for r in rows:
        code = r.land if level == LAENDER_LEVEL else r.ags[:5]
        area = by_code.get(code)
        if area is None:
            name = LAENDER.get(code, code) if level == LAENDER_LEVEL else ""
            area = by_code[code] = Area(code=code, name=name, href=drill(code))
            first[code] = r.name
        area.total += 1
        area.per_state[r.state] = area.per_state.get(r.state, 0) + 1
        area.stalled += r.stalled
        if r.lon is not None and r.lat is not None:
            area.located += 1
            area.lon_sum += r.lon
            area.lat_sum += r.lat
        if level == KREISE_LEVEL and len(r.ags) == 5:
            kreis_names[code] = r.name
    if level == KREISE_LEVEL:
        for code, area in by_code.items():
            if code in kreis_names:
                area.name = kreis_names[code]
            elif area.total == 1:
                area.name = first[code]
            else:
                area.name = _("Kreis %(ags)s (u. a. %(first)s)") % {
                    "ags": code,
                    "first": first[code],
                }
    return sorted(by_code.values(), key=lambda a: (a.name.casefold(), a.code))


def render_areas(areas: list[Area], level: str) -> str:
    what = _("Länder") if level == LAENDER_LEVEL else _("Kreise")
    return office_map.render_area_svg(
        [
            office_map.MapArea(
                lon=a.lon,
                lat=a.lat,
                title=ngettext(
                    "%(name)s: %(n)d Kommune – Karte öffnen",
                    "%(name)s: %(n)d Kommunen – Karte öffnen",
                    a.total,
                )
                % {"name": a.name, "n": a.total},
                href=a.href,
                count=a.total,
            )
            for a in areas
            if a.located
        ],
        title=_("Karte der Kommunen im Programm"),
        description=_(
            "Zu viele Kommunen für einzelne Punkte: ein Kreis je %(what)s, seine Fläche und "
            "die Zahl zeigen, wie viele Kommunen dort im Programm sind. Jeder Kreis ist ein "
            "Link zur genaueren Karte. Dieselben Zahlen je Schritt stehen in der Tabelle."
        )
        % {"what": what},
    )


def table_rows(rows: list[MapRow]) -> str:
    """The data table's body as markup (escaped) – a template loop is too slow for 11,000."""
    sep = str(formats.get_format("DECIMAL_SEPARATOR"))
    labels: dict[str, str] = {}  # few distinct labels: escape each once

    def label(text: str) -> str:
        if text not in labels:
            labels[text] = escape(text or "–")
        return labels[text]

    def num(value: float | None) -> str:
        return "–" if value is None else f"{value:.4f}".replace(".", sep)

    stalled = escape(" – " + _("Stillstand"))
    return "".join(
        f'<tr><th scope="row"><a href="{escape(r.href)}">{escape(r.name)}</a></th>'
        f"<td>{label(r.kind_label)}</td><td>{label(r.land_label)}</td>"
        f"<td>{label(r.step_label)}{stalled if r.stalled else ''}</td>"
        f"<td>{label(r.demographic_type)}</td>"
        f"<td>{num(r.lat)}</td><td>{num(r.lon)}</td></tr>"
        for r in rows
    )


def type_names() -> list[str]:
    data = analysis.typology_data()
    return [t.name for t in data.typology.types] if data is not None else []


def render_map(rows: list[MapRow]) -> str:
    """The SVG for ``rows`` (only those with coordinates)."""
    points = [
        office_map.MapPoint(
            lon=r.lon,
            lat=r.lat,
            title=r.title,
            href=r.href,
            state=r.state,
            stalled=r.stalled,
        )
        for r in rows
        if r.lon is not None and r.lat is not None
    ]
    return office_map.render_svg(
        points,
        title=_("Karte der Kommunen im Programm"),
        description=_(
            "%(n)d Kommunen als Punkte auf dem Umriss Deutschlands. Farbe und Form zeigen "
            "den aktuellen Schritt, ein gestrichelter Ring einen Stillstand; jeder Punkt ist "
            "ein Link zur Kommune. Dieselben Kommunen stehen in der Tabelle unter der Karte."
        )
        % {"n": len(points)},
    )


def _summary(
    filters: dict, *, land: str, kreis: str, at: str
) -> tuple[Summary, list[MapRow] | None]:
    """The summary and, at the points level, the rows of the points.

    Without a Demografietyp (known only in Python) the level and the areas come from the
    database and are cached briefly (``office.cache``: same for every office user)."""
    weeks = office_selectors.stalled_weeks_default()
    if filters.get("demographic_type"):
        rows = map_rows(**filters)
        level = zoom_level(len(rows), land=land, kreis=kreis)
        return summary_from_rows(rows, level), rows if level == POINTS_LEVEL else None
    qs_filters = {k: v for k, v in filters.items() if k != "demographic_type"}

    def compute() -> Summary:
        qs = filtered(**qs_filters)
        level = zoom_level(qs.count(), land=land, kreis=kreis)
        return Summary(level=level) if level == POINTS_LEVEL else area_summary(qs, level, weeks)

    theme = qs_filters.get("theme")
    key = (
        *(str(qs_filters.get(k, "")) for k in ("land", "kind", "funding_round", "kreis")),
        theme.pk if theme is not None else "",
        weeks,
        timezone.localdate(),
        get_language(),
    )
    summary = office_cache.cached("map", key, compute, at=at)
    if summary.level != POINTS_LEVEL:
        return summary, None
    rows = map_rows(**filters)
    return summary_from_rows(rows, POINTS_LEVEL), rows


@login_required
@require_GET
def map_page(request):
    """The map page. Its body is the same for every office user: rendered once per query
    string, day and language until something changes (``office.cache``), so a request costs
    the session, the user and the cache's fingerprint query – with 20 office users at once,
    the filter form's choices, the SVG and the tables per request dominated."""
    require_office(request)
    content, status = office_cache.page(
        "map-page", request, lambda at: _map_content(request, at=at)
    )
    return render(request, "office/map.html", {"content": mark_safe(content)}, status=status)


def _map_content(request, *, at: str) -> tuple[str, int]:
    """The map page's body (SVG and tables built as escaped markup) and its status code."""
    names = type_names()
    form = MapFilterForm(request.GET or None, type_names=names)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "land": form.cleaned_data["land"],
            "kind": form.cleaned_data["art"],
            "theme": form.cleaned_data["handlungsfeld"],
            "demographic_type": form.cleaned_data["demografietyp"],
            "funding_round": form.cleaned_data["runde"],
            "kreis": form.cleaned_data["kreis"],
        }
    summary, rows = _summary(
        filters, land=filters.get("land", ""), kreis=filters.get("kreis", ""), at=at
    )
    level = summary.level
    labels = state_labels()
    legend = [
        (
            state,
            mark_safe(office_map.legend_icon(state)),
            labels[state],
            summary.counts.get(state, 0),
        )
        for state in labels
        if state != NO_STEPS or summary.counts.get(state)
    ]
    kept = [(k, v) for k, v in request.GET.items() if k not in ("seite", "land", "kreis") and v]
    base = reverse("office:map")

    def drill(code: str) -> str:
        extra = (
            [("land", code)] if level == LAENDER_LEVEL else [("land", code[:2]), ("kreis", code)]
        )
        return f"{base}?{urlencode(kept + extra)}"

    page, svg, table = None, "", ""
    areas = [replace(a, href=drill(a.code)) for a in summary.areas]
    if level == POINTS_LEVEL:
        page = Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("seite"))
        svg, table = render_map(rows), table_rows(page.object_list)
    else:
        svg = render_areas(areas, level)
    area_states = [s for s in labels if s != NO_STEPS or summary.counts.get(s)]
    page_query = urlencode([(k, v) for k, v in request.GET.items() if k != "seite" and v])
    html = render_to_string(
        "office/_map_content.html",
        {
            "form": form,
            "form_html": office_cache.form_html(form, request, at=at),
            "svg": mark_safe(svg),
            "total": summary.total,
            "has_rows": bool(rows),
            "table": mark_safe(table),
            "level": level,
            "areas": [(a, a.counts(area_states)) for a in areas],
            "area_states": [(s, labels[s]) for s in area_states],
            "page": page,
            "page_query": page_query,
            "land_label": LAENDER.get(filters.get("land", ""), ""),
            "kreis": filters.get("kreis", ""),
            "legend": legend,
            "stalled_icon": mark_safe(office_map.stalled_icon()),
            "stalled_count": summary.stalled,
            "stalled_weeks": office_selectors.stalled_weeks_default(),
            "located": summary.located,
            "unlocated": summary.unlocated,
            "unlocated_more": max(0, summary.total - summary.located - len(summary.unlocated)),
        },
        request=request,
    )
    return html, 400 if form.errors else 200
