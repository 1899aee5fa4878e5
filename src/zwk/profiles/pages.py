"""Shapes the profile page (and its exports) from selectors, engine results and charts."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from zwk.profiles import analysis, charts
from zwk.profiles.models import StatisticsRelease
from zwk.profiles.selectors import comparison

#: Plain-German explanations ("Was bedeutet das?") per indicator.
EXPLAIN = {
    "population": "So viele Menschen haben hier ihren Hauptwohnsitz.",
    "population_change_1y": "Wächst oder schrumpft die Kommune? Positiv heißt: mehr Menschen als vor einem Jahr.",
    "population_change_5y": "Die Entwicklung über fünf Jahre glättet Schwankungen einzelner Jahre.",
    "mean_age": "Je höher, desto älter ist die Bevölkerung im Schnitt.",
    "median_age": "Die Hälfte der Menschen ist jünger, die andere Hälfte älter als dieses Alter.",
    "youth_dependency_ratio": "Wie viele junge Menschen auf 100 Menschen im Erwerbsalter kommen – wichtig für Kita und Schule.",
    "old_age_dependency_ratio": "Wie viele Ältere auf 100 Menschen im Erwerbsalter kommen. Ein hoher Wert bedeutet mehr Bedarf an Pflege und weniger Fachkräfte.",
    "total_dependency_ratio": "Junge und Ältere zusammen je 100 Menschen im Erwerbsalter.",
    "share_under_18": "Anteil der Kinder und Jugendlichen an allen Einwohnern.",
    "share_18_to_64": "Anteil der Menschen im erwerbsfähigen Alter.",
    "share_65_to_79": "Anteil der „jungen Alten“ – oft engagiert im Ehrenamt.",
    "share_80_plus": "Anteil der Hochbetagten – sie brauchen häufiger Pflege und Unterstützung.",
    "oldest_old_share": "Wie viele der Älteren schon 80 oder älter sind.",
    "natural_balance_per_1000": "Geburten minus Sterbefälle je 1.000 Einwohner. Negativ heißt: mehr Sterbefälle als Geburten.",
    "net_migration_per_1000": "Zuzüge minus Fortzüge je 1.000 Einwohner. Positiv heißt: mehr Menschen ziehen zu als weg.",
}
HEADLINE_KEYS = (
    "population",
    "population_change_5y",
    "mean_age",
    "old_age_dependency_ratio",
    "share_under_18",
    "share_80_plus",
)
DIGITS = {"population": 0}
DEMAND_LABELS = {
    "kita_0_2": "Kinder 0–2 Jahre (Krippe)",
    "kita_3_5": "Kinder 3–5 Jahre (Kindergarten)",
    "pupils_6_9": "Schulkinder 6–9 Jahre (Grundschule)",
    "pupils_10_15": "Schulkinder 10–15 Jahre (Sekundarstufe I)",
    "age_80_plus": "Menschen ab 80 Jahren",
    "care_needs": "Erwartete Pflegebedürftige",
}
FUNCTIONAL_SHOWN = ("kita_0_2", "kita_3_5", "pupils_6_9", "pupils_10_15", "age_80_plus")
LICENCE = (
    "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0), "
    "www.govdata.de/dl-de/by-2-0"
)


@dataclass
class Table:
    """A table shown on the page and exported as CSV/XLSX."""

    slug: str
    title: str
    headers: list[str]
    rows: list[list]


def _arrow(trend, digits):
    if trend is None:
        return "", ""
    if abs(trend) < 0.05 * (10 ** (-digits + 1)):
        return "→", _("gleichbleibend")
    return ("↑", _("steigend")) if trend > 0 else ("↓", _("fallend"))


def build(municipality, params: analysis.ScenarioParams | None = None, *, band=True) -> dict:
    """Everything the profile page, the exports and the PDF show."""
    params = params or analysis.ScenarioParams()
    comp = comparison(municipality)
    own = comp.own
    ctx: dict = {"comparison": comp, "params": params, "has_data": bool(comp.rows)}
    indicators = []
    for row in comp.rows:
        digits = DIGITS.get(row.key, 1)
        arrow, arrow_label = _arrow(row.trend, digits)
        indicators.append(
            {
                "row": row,
                "digits": digits,
                "value": charts.fmt(row.value, digits),
                "trend": charts.fmt(row.trend, digits) if row.trend is not None else "",
                "arrow": arrow,
                "arrow_label": arrow_label,
                "explain": EXPLAIN.get(row.key, ""),
                "refs": [
                    (_("Kreis"), charts.fmt(row.kreis, digits), row.kreis_year),
                    (_("Land"), charts.fmt(row.land, digits), row.land_year),
                    (_("Deutschland"), charts.fmt(row.bund, digits), row.bund_year),
                    (_("ähnliche Kommunen"), charts.fmt(row.peers, digits), None),
                    (_("gleiche Größenklasse"), charts.fmt(row.size_class, digits), None),
                ],
            }
        )
    ctx["indicators"] = indicators
    ctx["headlines"] = [i for i in indicators if i["row"].key in HEADLINE_KEYS]
    tables: list[Table] = [
        Table(
            "kennzahlen",
            _("Kennzahlen im Vergleich"),
            [
                _("Kennzahl"),
                _("Jahr"),
                _("Wert"),
                _("Einheit"),
                _("Veränderung zum Vorjahr"),
                _("Kreis"),
                _("Land"),
                _("Deutschland"),
                _("ähnliche Kommunen"),
                _("gleiche Größenklasse"),
                _("Quelle"),
            ],
            [
                [
                    r.name,
                    r.year,
                    r.value,
                    r.unit,
                    r.trend,
                    r.kreis,
                    r.land,
                    r.bund,
                    r.peers,
                    r.size_class,
                    r.source,
                ]
                for r in comp.rows
            ],
        )
    ]
    chart_list: list[charts.Chart] = []
    pop = own.population() if own else None
    ctx["can_project"] = pop is not None
    if own and own.has_data:
        years = own.years
        trend_rows = [[y, own.totals[y]] for y in years]
        tables.append(
            Table(
                "bevoelkerung", _("Bevölkerung am 31.12."), [_("Jahr"), _("Einwohner")], trend_rows
            )
        )
    if pop is not None:
        result = analysis.project_scenario(pop, params, band=band)
        ctx["scenario"] = result
        main = result.main
        proj_years = [int(y) for y in main.years]
        hist_years = [y for y in own.years if y < proj_years[0]]
        all_years = hist_years + proj_years
        observed = [own.totals.get(y) for y in all_years]
        projected = [None] * len(hist_years) + [float(v) for v in main.totals[:, 0]]
        low = (
            [None] * len(hist_years) + [float(v) for v in result.low.totals[:, 0]]
            if result.low
            else None
        )
        high = (
            [None] * len(hist_years) + [float(v) for v in result.high.totals[:, 0]]
            if result.high
            else None
        )
        chart_list.append(
            charts.line_chart(
                "trend",
                _("Bevölkerung und Vorausberechnung"),
                _(
                    "Einwohnerzahl %(first)s bis %(last)s: beobachtet bis %(base)s, danach "
                    "vorausberechnet mit den gewählten Annahmen; das Band reicht von niedriger "
                    "bis hoher Zuwanderung. %(start)s Einwohner %(base)s, %(end)s im Jahr %(last)s."
                )
                % {
                    "first": all_years[0],
                    "last": all_years[-1],
                    "base": proj_years[0],
                    "start": charts.fmt(projected[len(hist_years)], 0),
                    "end": charts.fmt(projected[-1], 0),
                },
                all_years,
                [(_("beobachtet"), observed), (_("Vorausberechnung"), projected)],
                band=(_("Spanne Zuwanderung niedrig–hoch"), low, high) if low else None,
                unit=_("Personen"),
                marker_year=proj_years[0],
            )
        )
        later = main.single_years()[-1, 0]
        chart_list.append(
            charts.pyramid(
                "pyramide",
                _("Altersaufbau %(now)s und %(later)s")
                % {"now": pop.year, "later": proj_years[-1]},
                _(
                    "Bevölkerungspyramide in Fünf-Jahres-Gruppen, Männer links, Frauen rechts. "
                    "Balken: Bestand am 31.12.%(now)s; gestrichelte Linie: Vorausberechnung "
                    "für %(later)s."
                )
                % {"now": pop.year, "later": proj_years[-1]},
                pop.counts[0].tolist(),
                later.tolist(),
                pop.year,
                proj_years[-1],
            )
        )
        demand = result.demand
        chart_list.append(
            charts.line_chart(
                "altersgruppen",
                _("Funktionale Altersgruppen"),
                _(
                    "Vorausberechnete Zahl der Kinder im Krippen-, Kindergarten- und "
                    "Schulalter sowie der Menschen ab 80 Jahren, %(first)s bis %(last)s."
                )
                % {"first": proj_years[0], "last": proj_years[-1]},
                proj_years,
                [(DEMAND_LABELS[k], [float(v) for v in demand[k][:, 0]]) for k in FUNCTIONAL_SHOWN],
                unit=_("Personen"),
            )
        )
        step_years = [y for y in proj_years if (y - proj_years[0]) % 5 == 0]
        idx = [proj_years.index(y) for y in step_years]
        tables.append(
            Table(
                "planungsbedarf",
                _("Planungsbedarf (Vorausberechnung)"),
                [_("Gruppe"), *[str(y) for y in step_years]],
                [
                    [DEMAND_LABELS[k], *[round(float(demand[k][i, 0])) for i in idx]]
                    for k in DEMAND_LABELS
                ],
            )
        )
        ctx["demand_table"] = tables[-1]
    # comparison bars
    labels = [municipality.name]
    ref_names = []
    for role, label in (("kreis", _("Kreis")), ("land", _("Land")), ("bund", _("Deutschland"))):
        rd = comp.refs.get(role)
        if rd is not None and rd.has_data:
            ref_names.append((role, f"{label}: {rd.name}"))
    labels += [n for _r, n in ref_names] + [_("ähnliche Kommunen (Mittel)")]
    if comp.size_label:
        labels.append(_("gleiche Größenklasse (Mittel)"))
    for key in ("old_age_dependency_ratio", "share_under_18", "share_80_plus", "mean_age"):
        row = next((r for r in comp.rows if r.key == key), None)
        if row is None:
            continue
        values = [row.value] + [getattr(row, role) for role, _n in ref_names] + [row.peers]
        if comp.size_label:
            values.append(row.size_class)
        chart_list.append(
            charts.bar_chart(
                f"vergleich-{key}",
                _("%(name)s im Vergleich (%(year)s)") % {"name": row.name, "year": row.year},
                _("%(name)s der Kommune und der Vergleichsgebiete, in %(unit)s.")
                % {"name": row.name, "unit": row.unit},
                labels,
                values,
                unit=row.unit,
            )
        )
    # natural balance and migration
    moves = own.movements if own else {}
    if moves:
        m_years = sorted(moves)
        nat = [
            (moves[y].get("births") - moves[y].get("deaths"))
            if "births" in moves[y] and "deaths" in moves[y]
            else None
            for y in m_years
        ]
        mig = [moves[y].get("net_migration") for y in m_years]
        chart_list.append(
            charts.line_chart(
                "bewegungen",
                _("Natürlicher Saldo und Wanderungssaldo"),
                _("Geburten minus Sterbefälle und Zuzüge minus Fortzüge je Jahr."),
                m_years,
                [(_("natürlicher Saldo"), nat), (_("Wanderungssaldo"), mig)],
                unit=_("Personen"),
            )
        )
    ctx["has_movements"] = bool(moves)
    ctx["charts"] = {c.id: c for c in chart_list}
    ctx["chart_list"] = chart_list
    for c in chart_list:
        tables.append(Table(f"diagramm-{c.id}", c.title, c.headers, c.rows))
    # typology
    typ = comp.typology
    ctx["typology"] = None
    if typ is not None and own is not None and own.code in typ.typology.codes:
        ctx["typology"] = typ.typology.type_of(own.code)
        ctx["typology_method"] = typ.typology.method
        ctx["typology_not_used"] = typ.typology.not_used
    ctx["peers"] = comp.peers
    ctx["size_label"] = comp.size_label
    ctx["size_count"] = len(comp.size_data or [])
    if comp.peers:
        tables.append(
            Table(
                "aehnliche-kommunen",
                _("Ähnliche Kommunen"),
                [_("Schlüssel"), _("Name"), _("Abstand"), _("Größte Unterschiede")],
                [
                    [
                        p.code,
                        p.name,
                        round(p.distance, 2),
                        "; ".join(
                            f"{d.label}: {charts.fmt(d.own)} / {charts.fmt(d.peer)}"
                            for d in p.differences
                        ),
                    ]
                    for p in comp.peers
                ],
            )
        )
    # sources
    release_ids = set()
    for rd in [own, *comp.refs.values()]:
        if rd is not None:
            release_ids |= rd.release_ids
    releases = list(StatisticsRelease.objects.filter(pk__in=release_ids).order_by("table_code"))
    ctx["releases"] = releases
    ctx["licence"] = LICENCE
    ctx["has_official"] = any(r.licence for r in releases)
    ctx["tables"] = tables
    return ctx
