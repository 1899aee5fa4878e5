"""The Gemeinden of a Landkreis side by side (``/kommunen/<slug>/profil/gemeinden/``) and its
downloads. Thin: access, the cached overview of :mod:`zwk.profiles.kreis`, sorting, response.

Who sees it: those who work in the Landkreis (team, coordination, assigned consultants, the
office) – everyone else gets 404 like on every page of a Kommune, and so does a Kommune that
is no Landkreis. The office's view per Land (``zwk.office``) renders the same page through
:func:`render_page`.
"""

from __future__ import annotations

from html import escape

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from zwk.core import exports
from zwk.municipalities.access import municipality_for
from zwk.profiles import kreis
from zwk.profiles.charts import fmt


def _kreis(request, slug):
    municipality = municipality_for(request, slug)
    if not kreis.has_gemeinden_page(municipality):
        raise Http404
    return municipality


def _choice(request) -> tuple[str, bool, kreis.Indicator]:
    slug, descending = kreis.parse_sort(request.GET.get("sortierung"))
    by_slug = {i.slug: i for i in kreis.indicators()}
    indicator = by_slug.get(request.GET.get("karte") or "", by_slug[kreis.MAP_DEFAULT])
    return slug, descending, indicator


def render_page(
    request,
    *,
    overview: kreis.Overview,
    title: str,
    base_url: str,
    csv_url: str,
    xlsx_url: str,
    extra_query: dict | None = None,
    template_extra: dict | None = None,
    template: str = "profiles/kreis_gemeinden.html",
):
    """The page of ``overview`` (sortable table, map, downloads) – used per Kreis and per Land."""
    slug, descending, indicator = _choice(request)
    rows = kreis.sort_rows(overview.rows, slug, descending)
    fixed = dict(extra_query or {})

    def query(**params) -> str:
        return "?" + urlencode({**fixed, **{k: v for k, v in params.items() if v}})

    current = ("-" if descending else "") + slug if slug != "name" or descending else ""
    headers = []
    for key, label in (("name", _("Gemeinde")), *((i.slug, i.label) for i in kreis.indicators())):
        active = key == slug
        next_desc = not descending if active else False
        state = ("descending" if descending else "ascending") if active else "none"
        headers.append(
            {
                "key": key,
                "label": label,
                "aria_sort": state,
                "href": query(sortierung=("-" if next_desc else "") + key, karte=indicator.slug),
                "next": _("absteigend sortieren") if next_desc else _("aufsteigend sortieren"),
            }
        )
    kmap = kreis.render_map(rows, indicator, title=title)
    common = {
        "year": overview.common("year"),
        "basis": overview.common("basis"),
        "change_since": overview.common("change_since"),
        "age_year": overview.common("age_year"),
        "all_estimated": bool(overview.rows) and all(r.estimate for r in overview.rows),
        "projection_base": overview.common("projection_base"),
    }
    ctx = {
        "title": title,
        "overview": overview,
        "rows": rows,
        "tbody": mark_safe(_tbody(rows, common)),
        "headers": headers,
        "indicator": indicator,
        "indicators": kreis.indicators(),
        "map": kmap,
        "svg": mark_safe(kmap.svg),
        "legend": [
            (mark_safe(icon), c) for icon, c in zip(kmap.legend_svg, kmap.classes, strict=True)
        ],
        "sizes": [(mark_safe(kreis.size_icon(r)), v) for v, r in kmap.sizes],
        "sort": current,
        "fixed": fixed,
        "csv_url": csv_url + query(sortierung=current),
        "xlsx_url": xlsx_url + query(sortierung=current),
        "base_url": base_url,
        **common,
        "horizon": kreis.HORIZON,
        **(template_extra or {}),
    }
    return render(request, template, ctx)


def _cells(row: kreis.GemeindeRow, common: dict) -> list[tuple[str, str]]:
    """(value, note) per indicator column: the note names what differs from the header
    (Stichtag and basis, the year the change starts, an estimate)."""
    pct = 1
    out = []
    note = ""
    if row.year != common["year"] or row.basis != common["basis"]:
        note = f"31.12.{row.year}, {row.basis or _('Basis unbekannt')}"
    out.append((fmt(row.population, 0), note))
    note = ""
    if row.change_since and row.change_since != common["change_since"]:
        note = _("seit %(year)s") % {"year": row.change_since}
    out.append((_signed(row.change_pct, pct), note))
    age_note = ""
    if row.age_year is not None and row.age_year != common["age_year"]:
        age_note = str(row.age_year)
    if row.estimate and not common["all_estimated"]:
        age_note = (age_note + " " + _("Schätzung")).strip()
    out.append((fmt(row.median_age, 1), age_note))
    out.append((_percent(row.share_under_18), age_note))
    out.append((_percent(row.share_65_plus), age_note))
    note = ""
    if row.projected_low_pct is not None and row.projected_high_pct is not None:
        note = _("Spanne %(lo)s bis %(hi)s") % {
            "lo": _signed(row.projected_low_pct, pct),
            "hi": _signed(row.projected_high_pct, pct),
        }
    if row.projection_base is not None and row.projection_base != common["projection_base"]:
        note = (_("ab %(year)s") % {"year": row.projection_base} + "; " + note).strip("; ")
    out.append((_signed(row.projected_pct, pct), note))
    return out


def _tbody(rows, common: dict) -> str:
    """The table's rows as one string of escaped markup – a template loop over a Land's
    2,000 Gemeinden × 7 cells takes several times longer."""
    out = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{escape(value)}'
            + (f'<span class="cell-note">{escape(note)}</span>' if note else "")
            + "</td>"
            for value, note in _cells(row, common)
        )
        out.append(
            f'<tr id="{row.anchor}" tabindex="-1"><th scope="row">{escape(row.name)} '
            f'<span class="muted">{row.code}</span></th>{cells}</tr>'
        )
    return "".join(out)


def _percent(value) -> str:
    return "–" if value is None else f"{fmt(value, 1)} %"


def _signed(value, digits) -> str:
    if value is None:
        return "–"
    text = fmt(abs(value), digits)
    sign = "+" if value > 0 else "−" if value < 0 and text.strip("0,") else ""
    return f"{sign}{text} %"


def download(request, overview: kreis.Overview, filename: str, fmt: str):
    slug, descending, _indicator = _choice(request)
    rows = kreis.export_rows(kreis.sort_rows(overview.rows, slug, descending))
    if fmt == "xlsx":
        return exports.xlsx_response(filename, _("Gemeinden"), kreis.export_headers(), rows)
    return exports.csv_response(filename, kreis.export_headers(), rows)


@login_required
@require_GET
def gemeinden(request, slug):
    municipality = _kreis(request, slug)
    base = reverse("profiles:kreis_gemeinden", kwargs={"slug": slug})
    return render_page(
        request,
        overview=kreis.overview(municipality.ags[:5]),
        title=_("Gemeinden im %(name)s") % {"name": municipality.name},
        base_url=base,
        csv_url=reverse("profiles:kreis_csv", kwargs={"slug": slug}),
        xlsx_url=reverse("profiles:kreis_xlsx", kwargs={"slug": slug}),
        template_extra={
            "municipality": municipality,
            "import_url": reverse("profiles:import", kwargs={"slug": slug})
            if request.user.has_perm("accounts.view_office_area")
            else "",
        },
    )


@login_required
@require_GET
def gemeinden_csv(request, slug):
    municipality = _kreis(request, slug)
    overview = kreis.overview(municipality.ags[:5])
    return download(request, overview, f"gemeinden-{slug}", "csv")


@login_required
@require_GET
def gemeinden_xlsx(request, slug):
    municipality = _kreis(request, slug)
    overview = kreis.overview(municipality.ags[:5])
    return download(request, overview, f"gemeinden-{slug}", "xlsx")
