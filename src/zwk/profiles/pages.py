"""Shapes the profile page (and its exports) from selectors, engine results and charts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zwk.profiles import analysis, charts, gemeinden, typology_text
from zwk.profiles.models import StatisticsRelease
from zwk.profiles.selectors import Comparison, IndicatorRow, comparison

#: Service (``zwk.core.hooks.provide``) through which the Werkstattplan – an app above this one
#: – hands its measure effects to the scenario explorer ("Maßnahmen des Werkstattplans
#: einbeziehen"). The implementation (``zwk.plans.effect_provider.PlanEffects``) offers
#: ``offered(user, municipality) -> bool`` (the user may see the plan and it has effects that
#: move people) and ``extra_migration(municipality, population) -> array (H, 2, 101) | None``.
PLAN_EFFECTS = "profiles.plan_effects"

#: Plain-German explanations ("Was bedeutet das?") per indicator.
EXPLAIN = {
    "population": gettext_noop("So viele Menschen haben hier ihren Hauptwohnsitz."),
    "population_change_1y": gettext_noop(
        "Wächst oder schrumpft die Kommune? Positiv heißt: mehr Menschen als vor einem Jahr."
    ),
    "population_change_5y": gettext_noop(
        "Die Entwicklung über fünf Jahre glättet Schwankungen einzelner Jahre."
    ),
    "mean_age": gettext_noop("Je höher, desto älter ist die Bevölkerung im Schnitt."),
    "median_age": gettext_noop(
        "Die Hälfte der Menschen ist jünger, die andere Hälfte älter als dieses Alter."
    ),
    "youth_dependency_ratio": gettext_noop(
        "Wie viele junge Menschen auf 100 Menschen im Erwerbsalter kommen – wichtig für Kita und Schule."
    ),
    "old_age_dependency_ratio": gettext_noop(
        "Wie viele Ältere auf 100 Menschen im Erwerbsalter kommen. Ein hoher Wert bedeutet mehr Bedarf an Pflege und weniger Fachkräfte."
    ),
    "total_dependency_ratio": gettext_noop(
        "Junge und Ältere zusammen je 100 Menschen im Erwerbsalter."
    ),
    "share_under_18": gettext_noop("Anteil der Kinder und Jugendlichen an allen Einwohnern."),
    "share_18_to_64": gettext_noop("Anteil der Menschen im erwerbsfähigen Alter."),
    "share_65_to_79": gettext_noop("Anteil der „jungen Alten“ – oft engagiert im Ehrenamt."),
    "share_80_plus": gettext_noop(
        "Anteil der Hochbetagten – sie brauchen häufiger Pflege und Unterstützung."
    ),
    "oldest_old_share": gettext_noop("Wie viele der Älteren schon 80 oder älter sind."),
    "natural_balance_per_1000": gettext_noop(
        "Geburten minus Sterbefälle je 1.000 Einwohner. Negativ heißt: mehr Sterbefälle als Geburten."
    ),
    "net_migration_per_1000": gettext_noop(
        "Zuzüge minus Fortzüge je 1.000 Einwohner. Positiv heißt: mehr Menschen ziehen zu als weg."
    ),
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
    "kita_0_2": gettext_noop("Kinder 0–2 Jahre (Krippe)"),
    "kita_3_5": gettext_noop("Kinder 3–5 Jahre (Kindergarten)"),
    "pupils_6_9": gettext_noop("Schulkinder 6–9 Jahre (Grundschule)"),
    "pupils_10_15": gettext_noop("Schulkinder 10–15 Jahre (Sekundarstufe I)"),
    "age_80_plus": gettext_noop("Menschen ab 80 Jahren"),
    "care_needs": gettext_noop("Erwartete Pflegebedürftige"),
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


# --- sections -----------------------------------------------------------------------------


@dataclass
class Indicator:
    """One indicator as the page shows it: formatted value, trend arrow, references."""

    row: IndicatorRow
    digits: int
    value: str
    trend: str
    arrow: str
    arrow_label: str
    explain: str
    refs: list[tuple[str, str, int | None]]  # (label, formatted value, year of the value)


@dataclass
class IndicatorSection:
    """„Auf einen Blick“ and „Kennzahlen im Vergleich“."""

    indicators: list[Indicator]
    headlines: list[Indicator]
    table: Table

    @property
    def shown_refs(self) -> list[int]:
        """Comparison columns with a value in at least one row (a column empty on every row
        is left out; ``missing_refs`` names it under the table)."""
        if not self.indicators:
            return []
        n = len(self.indicators[0].refs)
        return [j for j in range(n) if any(i.refs[j][1] != "–" for i in self.indicators)]

    @property
    def missing_refs(self) -> list[str]:
        if not self.indicators:
            return []
        shown = set(self.shown_refs)
        return [str(r[0]) for j, r in enumerate(self.indicators[0].refs) if j not in shown]

    @property
    def ref_labels(self) -> list[str]:
        return [self.indicators[0].refs[j][0] for j in self.shown_refs] if self.indicators else []

    @property
    def rows(self) -> list[tuple[Indicator, list]]:
        """(indicator, its shown comparison values) for the table."""
        shown = self.shown_refs
        return [(i, [i.refs[j] for j in shown]) for i in self.indicators]

    @property
    def population(self) -> Indicator | None:
        return next((i for i in self.indicators if i.row.key == "population"), None)


@dataclass
class PopulationSection:
    """Observed inhabitants at 31.12. of each year (a table; the chart is the projection's)."""

    table: Table | None


@dataclass
class ProjectionSection:
    """The scenario explorer's result: trend, pyramid, functional age groups, demand."""

    can_project: bool
    scenario: analysis.ScenarioResult | None = None
    trend: charts.Chart | None = None
    pyramid: charts.Chart | None = None
    age_groups: charts.Chart | None = None
    demand_table: Table | None = None

    @property
    def charts(self) -> list[charts.Chart]:
        return [c for c in (self.trend, self.pyramid, self.age_groups) if c is not None]


@dataclass
class ComparisonSection:
    """Bars against Kreis, Land, Bund, peers and the size class; births, deaths, moves."""

    bars: list[charts.Chart]
    size_label: str
    size_count: int
    movements: charts.Chart | None

    @property
    def has_movements(self) -> bool:
        return self.movements is not None


@dataclass
class TypologySection:
    """The Demografietyp with its explanation and the most similar Kommunen."""

    type: object | None  # demography.typology.DemographicType
    method: str
    not_used: str
    peers: list  # demography.typology.Peer
    table: Table | None
    #: the type and its peers in plain German for the page (typology_text)
    explanation: str = ""
    peer_rows: list = field(default_factory=list)

    @property
    def has_other_levels(self) -> bool:
        return any(p.level_label for p in self.peer_rows)


@dataclass
class SourcesSection:
    """The data deliveries behind the page and the licence note."""

    releases: list[StatisticsRelease]
    licence: str

    @property
    def has_official(self) -> bool:
        return any(r.licence for r in self.releases)


@dataclass
class ProfilePage:
    """Everything the profile page, its exports and the PDF show, section by section."""

    comparison: Comparison
    params: analysis.ScenarioParams
    indicators: IndicatorSection
    population: PopulationSection
    projection: ProjectionSection
    comparisons: ComparisonSection
    typology: TypologySection
    sources: SourcesSection
    #: labelled estimates, population bases, interval band, integration indicators
    gemeinde: gemeinden.GemeindeSection | None = None

    @property
    def has_data(self) -> bool:
        return bool(self.comparison.rows)

    @property
    def chart_list(self) -> list[charts.Chart]:
        """All charts in page order (the PDF shows them in this order)."""
        c = self.comparisons
        return self.projection.charts + c.bars + ([c.movements] if c.movements else [])

    @property
    def tables(self) -> list[Table]:
        """Every table of the page in export order: one CSV each, one sheet each."""
        found = [
            self.indicators.table,
            self.population.table,
            self.projection.demand_table,
            *(Table(f"diagramm-{c.id}", c.title, c.headers, c.rows) for c in self.chart_list),
            self.typology.table,
        ]
        return [t for t in found if t is not None]

    def table(self, slug: str) -> Table | None:
        return next((t for t in self.tables if t.slug == slug), None)


# --- builders -----------------------------------------------------------------------------


def _arrow(trend, digits):
    if trend is None:
        return "", ""
    if abs(trend) < 0.05 * (10 ** (-digits + 1)):
        return "→", _("gleichbleibend")
    return ("↑", _("steigend")) if trend > 0 else ("↓", _("fallend"))


def _indicator(row: IndicatorRow) -> Indicator:
    digits = DIGITS.get(row.key, 1)
    arrow, arrow_label = _arrow(row.trend, digits)
    return Indicator(
        row=row,
        digits=digits,
        value=charts.fmt(row.value, digits),
        trend=charts.fmt(row.trend, digits) if row.trend is not None else "",
        arrow=arrow,
        arrow_label=arrow_label,
        explain=_(EXPLAIN[row.key]) if row.key in EXPLAIN else "",
        refs=[
            (_("Kreis"), charts.fmt(row.kreis, digits), row.kreis_year),
            (_("Land"), charts.fmt(row.land, digits), row.land_year),
            (_("Deutschland"), charts.fmt(row.bund, digits), row.bund_year),
            (_("ähnliche Kommunen"), charts.fmt(row.peers, digits), None),
            (_("gleiche Größenklasse"), charts.fmt(row.size_class, digits), None),
        ],
    )


def indicator_section(comp: Comparison) -> IndicatorSection:
    indicators = [_indicator(row) for row in comp.rows]
    headers = [
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
    ]
    rows = [
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
    ]
    return IndicatorSection(
        indicators=indicators,
        headlines=[i for i in indicators if i.row.key in HEADLINE_KEYS],
        table=Table("kennzahlen", _("Kennzahlen im Vergleich"), headers, rows),
    )


def population_section(comp: Comparison) -> PopulationSection:
    own = comp.own
    if not (own and own.has_data):
        return PopulationSection(table=None)
    rows = [[y, own.totals[y]] for y in own.years]
    return PopulationSection(
        Table("bevoelkerung", _("Bevölkerung am 31.12."), [_("Jahr"), _("Einwohner")], rows)
    )


def _series(result, hist_years: list[int]) -> tuple[list, list | None, list | None]:
    """Projected, low and high totals, padded with None over the observed years."""
    pad = [None] * len(hist_years)

    def of(projection):
        return pad + [float(v) for v in projection.totals[:, 0]] if projection else None

    return of(result.main), of(result.low), of(result.high)


def _trend_chart(own, result) -> charts.Chart:
    proj_years = [int(y) for y in result.main.years]
    hist_years = [y for y in own.years if y < proj_years[0]]
    all_years = hist_years + proj_years
    projected, low, high = _series(result, hist_years)
    band_label, low, high, band_text = gemeinden.band(result, hist_years, low, high)
    desc = _(
        "Einwohnerzahl %(first)s bis %(last)s: beobachtet bis %(base)s, danach "
        "vorausberechnet mit den gewählten Annahmen; %(band)s. "
        "%(start)s Einwohner %(base)s, %(end)s im Jahr %(last)s."
    ) % {
        "band": band_text,
        "first": all_years[0],
        "last": all_years[-1],
        "base": proj_years[0],
        "start": charts.fmt(projected[len(hist_years)], 0),
        "end": charts.fmt(projected[-1], 0),
    }
    return charts.line_chart(
        "trend",
        _("Bevölkerung und Vorausberechnung"),
        desc,
        all_years,
        [
            *gemeinden.observed_series(own, all_years),
            (_("Vorausberechnung"), projected),
        ],
        band=(band_label, low, high) if low else None,
        unit=_("Personen"),
        marker_year=proj_years[0],
    )


def _pyramid_chart(pop, result) -> charts.Chart:
    last = int(result.main.years[-1])
    years = {"now": pop.year, "later": last}
    return charts.pyramid(
        "pyramide",
        _("Altersaufbau %(now)s und %(later)s") % years,
        _(
            "Bevölkerungspyramide in Fünf-Jahres-Gruppen, Männer links, Frauen rechts. "
            "Balken: Bestand am 31.12.%(now)s; gestrichelte Linie: Vorausberechnung "
            "für %(later)s."
        )
        % years,
        pop.counts[0].tolist(),
        result.main.single_years()[-1, 0].tolist(),
        pop.year,
        last,
    )


def _age_groups_chart(result) -> charts.Chart:
    proj_years = [int(y) for y in result.main.years]
    return charts.line_chart(
        "altersgruppen",
        _("Funktionale Altersgruppen"),
        _(
            "Vorausberechnete Zahl der Kinder im Krippen-, Kindergarten- und "
            "Schulalter sowie der Menschen ab 80 Jahren, %(first)s bis %(last)s."
        )
        % {"first": proj_years[0], "last": proj_years[-1]},
        proj_years,
        [
            (_(DEMAND_LABELS[k]), [float(v) for v in result.demand[k][:, 0]])
            for k in FUNCTIONAL_SHOWN
        ],
        unit=_("Personen"),
    )


def _demand_table(result) -> Table:
    proj_years = [int(y) for y in result.main.years]
    step_years = [y for y in proj_years if (y - proj_years[0]) % 5 == 0]
    idx = [proj_years.index(y) for y in step_years]
    return Table(
        "planungsbedarf",
        _("Planungsbedarf (Vorausberechnung)"),
        [_("Gruppe"), *[str(y) for y in step_years]],
        [
            [_(DEMAND_LABELS[k]), *[round(float(result.demand[k][i, 0])) for i in idx]]
            for k in DEMAND_LABELS
        ],
    )


def projection_section(
    comp: Comparison, params, *, band=True, plan_extra=None
) -> ProjectionSection:
    """``plan_extra``: callable(population) → extra persons (H, 2, 101) of the Werkstattplan's
    measures or None; asked only when ``params.plan_effects`` (the view passes it only to
    those who may see the plan, see :data:`PLAN_EFFECTS`)."""
    own = comp.own
    pop = own.population() if own else None
    if pop is None:
        return ProjectionSection(can_project=False)
    extra = plan_extra(pop) if params.plan_effects and plan_extra is not None else None
    version = getattr(comp.typology, "version", "") or None
    result = analysis.history_scenario(own, params, version) or analysis.project_scenario(
        pop, params, band=band, plan_extra=extra
    )
    return ProjectionSection(
        can_project=True,
        scenario=result,
        trend=_trend_chart(own, result),
        pyramid=_pyramid_chart(pop, result),
        age_groups=_age_groups_chart(result),
        demand_table=_demand_table(result),
    )


def _comparison_bars(municipality, comp: Comparison) -> list[charts.Chart]:
    labels = [municipality.name]
    ref_names = []
    for role, label in (("kreis", _("Kreis")), ("land", _("Land")), ("bund", _("Deutschland"))):
        rd = comp.refs.get(role)
        if rd is not None and rd.has_data:
            ref_names.append((role, f"{label}: {rd.name}"))
    labels += [n for _r, n in ref_names] + [_("ähnliche Kommunen (Mittel)")]
    if comp.size_label:
        labels.append(_("gleiche Größenklasse (Mittel)"))
    bars = []
    for key in ("old_age_dependency_ratio", "share_under_18", "share_80_plus", "mean_age"):
        row = next((r for r in comp.rows if r.key == key), None)
        if row is None:
            continue
        values = [row.value] + [getattr(row, role) for role, _n in ref_names] + [row.peers]
        if comp.size_label:
            values.append(row.size_class)
        bars.append(
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
    return bars


def _movements_chart(own) -> charts.Chart | None:
    moves = own.movements if own else {}
    if not moves:
        return None
    years = sorted(moves)
    natural = [
        (moves[y]["births"] - moves[y]["deaths"])
        if "births" in moves[y] and "deaths" in moves[y]
        else None
        for y in years
    ]
    migration = [moves[y].get("net_migration") for y in years]
    return charts.line_chart(
        "bewegungen",
        _("Natürlicher Saldo und Wanderungssaldo"),
        _("Geburten minus Sterbefälle und Zuzüge minus Fortzüge je Jahr."),
        years,
        [(_("natürlicher Saldo"), natural), (_("Wanderungssaldo"), migration)],
        unit=_("Personen"),
    )


def comparison_section(municipality, comp: Comparison) -> ComparisonSection:
    return ComparisonSection(
        bars=_comparison_bars(municipality, comp),
        size_label=comp.size_label,
        size_count=len(comp.size_data or []),
        movements=_movements_chart(comp.own),
    )


def typology_section(comp: Comparison) -> TypologySection:
    typ, own = comp.typology, comp.own
    known = typ is not None and own is not None and own.code in typ.typology.codes
    table = None
    if comp.peers:
        table = Table(
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
    dtype = typ.typology.type_of(own.code) if known else None
    return TypologySection(
        type=dtype,
        method=typology_text.method_text(typ.typology) if known else "",
        not_used=typ.typology.not_used if known else "",
        peers=comp.peers,
        table=table,
        explanation=typology_text.type_explanation(dtype) if dtype else "",
        peer_rows=typology_text.peer_rows(comp.peers, own.code if own else None),
    )


def sources_section(comp: Comparison) -> SourcesSection:
    release_ids = set()
    for rd in [comp.own, *comp.refs.values()]:
        if rd is not None:
            release_ids |= rd.release_ids
    releases = StatisticsRelease.objects.filter(pk__in=release_ids).order_by("table_code")
    return SourcesSection(releases=list(releases), licence=LICENCE)


def build(
    municipality,
    params: analysis.ScenarioParams | None = None,
    *,
    band=True,
    plan_extra=None,
) -> ProfilePage:
    """Everything the profile page, the exports and the PDF show (``plan_extra``: see
    :func:`projection_section`)."""
    params = params or analysis.ScenarioParams()
    comp = comparison(municipality)
    gemeinden.label(comp)  # population bases and estimate labels of the own region
    projection = projection_section(comp, params, band=band, plan_extra=plan_extra)
    return ProfilePage(
        comparison=comp,
        params=params,
        indicators=indicator_section(comp),
        population=population_section(comp),
        projection=projection,
        comparisons=comparison_section(municipality, comp),
        typology=typology_section(comp),
        sources=sources_section(comp),
        gemeinde=gemeinden.section(comp, projection),
    )
