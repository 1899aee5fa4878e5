"""What the profile of a real Gemeinde adds to the page: labelled estimates, population
bases with their breaks, the interval band of the projection and integration indicators
(foreigners' share from the Zensus 2011, migration from and to abroad of the Kreis)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zwk.profiles import charts, estimates, figures
from zwk.profiles.estimates import EstimateNote, basis_label

INTERVAL_LABEL = gettext_noop("Spanne aus eigenen Rückrechnungen (etwa 80 %)")
#: Indicators that come from totals and movements, not from the ages: official also in a
#: year whose ages are estimated.
NOT_FROM_AGES = {
    "population",
    "population_change_1y",
    "population_change_5y",
    "population_change_10y",
    "natural_balance_per_1000",
    "net_migration_per_1000",
}


def observed_series(own, years: list[int]) -> list[tuple[str, list]]:
    """Observed totals as one line per population basis: a change of basis (e.g. 2010 →
    2011, Zensus 2011) starts a new line, so levels of two bases are never joined."""
    keys = [own.bases.get(y, "") if y in own.totals else None for y in years]
    used = [k for k in dict.fromkeys(keys) if k is not None]
    if len(used) <= 1:
        return [(_("beobachtet"), [own.totals.get(y) for y in years])]
    return [
        (
            _("beobachtet (%(basis)s)") % {"basis": basis_label(key) or _("Basis unbekannt")},
            [own.totals.get(y) if k == key else None for y, k in zip(years, keys, strict=True)],
        )
        for key in used
    ]


def band(result, hist_years: list[int], low, high) -> tuple[str, list | None, list | None, str]:
    """(label, low, high, sentence) of the trend chart's band: the empirical interval of the
    engine's backtests where it is available, otherwise low to high migration."""
    if getattr(result, "interval", None):
        pad = [None] * len(hist_years)
        lo, hi = result.interval
        return (
            _(INTERVAL_LABEL),
            pad + lo,
            pad + hi,
            _(
                "das Band zeigt, wie weit Vorausberechnungen gleich großer Gemeinden in "
                "Rückrechnungen auf amtliche Daten danebenlagen (etwa 80 % lagen darin)"
            ),
        )
    return (
        _("Spanne Zuwanderung niedrig–hoch"),
        low,
        high,
        _("das Band reicht von niedriger bis hoher Zuwanderung"),
    )


@dataclass
class BasisSpan:
    first: int
    last: int
    label: str


@dataclass
class IntegrationRow:
    label: str
    region: str
    value: str
    note: str


@dataclass
class GemeindeSection:
    """Estimates, bases and integration indicators of the page (empty lists: nothing)."""

    estimates: list[EstimateNote] = field(default_factory=list)
    bases: list[BasisSpan] = field(default_factory=list)
    interval: bool = False
    integration: list[IntegrationRow] = field(default_factory=list)
    #: indicator keys whose shown value rests on estimated ages
    estimated_keys: set[str] = field(default_factory=set)

    @property
    def estimated_years(self) -> set[int]:
        return {e.year for e in self.estimates}

    @property
    def has_break(self) -> bool:
        return len(self.bases) > 1


def _spans(own) -> list[BasisSpan]:
    spans = []
    for key, group in itertools.groupby(own.years, key=lambda y: own.bases.get(y, "")):
        years = list(group)
        spans.append(BasisSpan(years[0], years[-1], basis_label(key) or _("Basis unbekannt")))
    return spans


def _integration(comp) -> list[IntegrationRow]:
    own = comp.own
    regions = [("own", own)] + [(role, comp.refs.get(role)) for role in ("kreis", "land", "bund")]
    regions = [(role, rd) for role, rd in regions if rd is not None]
    shares = figures.foreigner_shares([rd.code for _role, rd in regions])
    rows = []
    for _role, rd in regions:
        share = shares.get(rd.code)
        if share is None:
            continue
        rows.append(
            IntegrationRow(
                _("Ausländeranteil"),
                rd.name,
                f"{charts.fmt(share.percent, 1)} %",
                _("Zensus %(date)s (%(basis)s): %(n)s von %(total)s Einwohnern")
                % {
                    "date": share.date.strftime("%d.%m.%Y"),
                    "basis": basis_label(share.basis),
                    "n": charts.fmt(share.foreigners, 0),
                    "total": charts.fmt(share.population, 0),
                },
            )
        )
    for _role, rd in regions:
        years = [y for y, m in rd.movements.items() if "migration_in_abroad" in m]
        if not years:
            continue
        y = max(years)
        moves = rd.movements[y]
        inflow, outflow = moves["migration_in_abroad"], moves.get("migration_out_abroad")
        pop = rd.totals.get(y)
        net = None if outflow is None else inflow - outflow
        per_1000 = (
            "; " + _("je 1.000 Einwohner %(v)s") % {"v": charts.fmt(1000 * net / pop, 1)}
            if net and pop
            else ""
        )
        rows.append(
            IntegrationRow(
                _("Wanderungen mit dem Ausland %(year)s") % {"year": y},
                rd.name,
                _("Zuzüge %(i)s, Fortzüge %(o)s, Saldo %(n)s")
                % {
                    "i": charts.fmt(inflow, 0),
                    "o": charts.fmt(outflow, 0),
                    "n": charts.fmt(net, 0),
                },
                _("Wanderungsstatistik 12711, Zu- und Fortzüge über die Gemeindegrenzen")
                + per_1000,
            )
        )
    return rows


def label(comp) -> None:
    """Bases and estimate labels of the page's own region (before the charts are built)."""
    estimates.label(comp.own)


def section(comp, projection=None) -> GemeindeSection:
    own = comp.own
    if own is None or not own.has_data:
        return GemeindeSection()
    scenario = getattr(projection, "scenario", None)
    return GemeindeSection(
        estimates=[own.estimates[y] for y in sorted(own.estimates)],
        bases=_spans(own),
        interval=bool(scenario is not None and scenario.interval),
        integration=_integration(comp),
        estimated_keys={
            r.key for r in comp.rows if r.year in own.estimates and r.key not in NOT_FROM_AGES
        },
    )
