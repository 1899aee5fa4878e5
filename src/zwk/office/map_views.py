"""The office's map of Germany with all Kommunen, coloured and shaped by their step.

Filters: Land, Art, Handlungsfeld, Demografietyp (the profile's typology over all imported
statistics). Beside the SVG (:mod:`zwk.office.map`) the page lists the same Kommunen in a
table, and those without coordinates with a link to enter them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, FloatField, IntegerField, Min, QuerySet, Value, When
from django.db.models.functions import Cast
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from zwk.municipalities.models import Municipality, ProcessStep, Theme
from zwk.municipalities.process import STEPS
from zwk.municipalities.validators import LAENDER
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


def _states(qs: QuerySet[Municipality]) -> dict[int, tuple[int, str]]:
    """(marker state, status) per Kommune id: the first step that is not done.

    One row per Kommune from the database: each step gets a rank (10 × number, +1 if
    still open, 100 if done) and the smallest rank names the current step and its status.
    """
    done, in_progress = ProcessStep.Status.DONE, ProcessStep.Status.IN_PROGRESS
    rank = Case(
        When(status=done, then=Value(100)),
        *[When(kind=s.kind, status=in_progress, then=Value(10 * s.number)) for s in STEPS],
        *[When(kind=s.kind, then=Value(10 * s.number + 1)) for s in STEPS],
        output_field=IntegerField(),
    )
    first = (
        ProcessStep.objects.filter(municipality__in=qs)
        .values("municipality_id")
        .annotate(first=Min(rank))
        .values_list("municipality_id", "first")
    )
    out: dict[int, tuple[int, str]] = {}
    for mid, value in first:
        if value is None or value >= 100:
            out[mid] = (DONE, "")
        else:
            out[mid] = (value // 10, in_progress if value % 10 == 0 else ProcessStep.Status.OPEN)
    return out


def _region_code(kind: str, ags: str, register_area: str | None) -> str | None:
    """As :func:`zwk.profiles.regions.region_code_for`, from plain values."""
    if kind == Municipality.Kind.QUARTIER:
        return register_code(ags, register_area) if register_area else None
    if kind == Municipality.Kind.LANDKREIS:
        return ags[:5]
    return ags


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


def zoom_level(rows: list[MapRow], *, land: str, kreis: str) -> str:
    if kreis or len(rows) <= POINT_LIMIT:
        return POINTS_LEVEL
    return KREISE_LEVEL if land else LAENDER_LEVEL


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


@login_required
@require_GET
def map_page(request):
    if not request.user.has_perm("accounts.view_office_area"):
        raise PermissionDenied
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
    rows = map_rows(**filters)
    level = zoom_level(rows, land=filters.get("land", ""), kreis=filters.get("kreis", ""))
    labels = state_labels()
    counts = dict.fromkeys(labels, 0)
    for r in rows:
        counts[r.state] += 1
    legend = [
        (state, mark_safe(office_map.legend_icon(state)), labels[state], counts[state])
        for state in labels
        if state != NO_STEPS or counts[state]
    ]
    stalled_count = sum(1 for r in rows if r.stalled)
    located = [r for r in rows if r.lon is not None]
    unlocated = [r for r in rows if r.lon is None]
    kept = [(k, v) for k, v in request.GET.items() if k not in ("seite", "land", "kreis") and v]
    base = reverse("office:map")

    def drill(code: str) -> str:
        extra = (
            [("land", code)] if level == LAENDER_LEVEL else [("land", code[:2]), ("kreis", code)]
        )
        return f"{base}?{urlencode(kept + extra)}"

    areas, page, svg, table = [], None, "", ""
    if level == POINTS_LEVEL:
        page = Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("seite"))
        svg, table = render_map(rows), table_rows(page.object_list)
    else:
        areas = areas_for(rows, level, drill)
        svg = render_areas(areas, level)
    area_states = [s for s in labels if s != NO_STEPS or counts[s]]
    page_query = urlencode([(k, v) for k, v in request.GET.items() if k != "seite" and v])
    return render(
        request,
        "office/map.html",
        {
            "form": form,
            "svg": mark_safe(svg),
            "rows": rows,
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
            "stalled_count": stalled_count,
            "stalled_weeks": office_selectors.stalled_weeks_default(),
            "located": len(located),
            "unlocated": unlocated[:UNLOCATED_LISTED],
            "unlocated_more": max(0, len(unlocated) - UNLOCATED_LISTED),
        },
        status=400 if form.errors else 200,
    )
