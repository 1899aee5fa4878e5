"""Data-driven SWOT suggestions: plain rules over the Kommunalprofil's indicators.

``suggest(rows)`` is a pure function (no database): indicator rows in, suggestions out. Each
rule looks at one indicator, states its threshold in plain German and explains with the
Kommune's own figures why it fires. A rule whose value (or whose reference level, for
comparisons with the Land) is missing does not fire – no suggestion is better than a guessed
one. The rules and thresholds are documented for users in ``docs/situationsanalyse.md``.

Suggestion keys are stable (``<rule id>``), so that a rejection or an acceptance is
remembered per Kommune even when newer statistics change the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwk.profiles.selectors import IndicatorRow

STRENGTH, WEAKNESS, OPPORTUNITY, THREAT = "strength", "weakness", "opportunity", "threat"
CATEGORY_LABELS = {
    STRENGTH: gettext_lazy("Stärke"),
    WEAKNESS: gettext_lazy("Schwäche"),
    OPPORTUNITY: gettext_lazy("Chance"),
    THREAT: gettext_lazy("Risiko"),
}


@dataclass(frozen=True)
class Suggestion:
    key: str
    category: str  # SwotItem.Category value
    text: str  # the proposed SWOT statement
    reason: str  # why, with the Kommune's figures
    threshold: str  # the rule's threshold in plain German
    indicator_key: str
    year: int

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS[self.category])


@dataclass(frozen=True)
class Rule:
    key: str
    indicator: str  # engine registry key, or a substring for families of keys
    category: str
    text: object  # lazy German statement
    threshold: object  # lazy German explanation of the threshold
    fires: Callable[[IndicatorRow], bool]
    needs_land: bool = False
    # True: ``indicator`` is part of the key (a family such as "family_migration" matches
    # "family_migration_per_1000" and a four-year-average variant); False: exact key.
    contains: bool = False


def _num(value: float, digits: int = 1) -> str:
    """German number format without locale dependence (1.234,5)."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def _signed(value: float, digits: int = 1) -> str:
    return ("+" if value > 0 else "") + _num(value, digits)


# Thresholds as named constants: tests check the edges, the documentation quotes them.
FAR_ABOVE_LAND = 1.10  # at least 10 % above the Land's level
FAR_BELOW_LAND = 0.90  # at least 10 % below the Land's level
ABOVE_LAND = 1.05  # at least 5 % above the Land's level
DECLINE_5Y = -3.0  # % population change over 5 years
GROWTH_5Y = 3.0
MEDIAN_AGE_GAP = 3.0  # years above the Land
MEDIAN_AGE_RISE = 0.5  # years within one year
EDUCATION_OUTFLOW = -20.0  # per 1,000 of the 18- to 24-year-olds
OLD_AGE_INFLOW = 5.0  # per 1,000 of the 65+
NATURAL_DEFICIT = -5.0  # per 1,000 inhabitants


def _vs_land(factor: float, above: bool) -> Callable[[IndicatorRow], bool]:
    def check(row: IndicatorRow) -> bool:
        if row.land is None or row.land <= 0:
            return False
        # Compare the ratio, not value against land × factor: the quotient of two decimal
        # figures rounds to the same double as the factor at the edge (44 / 40 == 1.1, while
        # 40 * 1.1 == 44.000000000000007).
        ratio = row.value / row.land
        return ratio >= factor if above else ratio <= factor

    return check


RULES: tuple[Rule, ...] = (
    Rule(
        "altenquotient-hoch",
        "old_age_dependency_ratio",
        THREAT,
        gettext_lazy(
            "Fachkräfte und Pflege: Viele Ältere stehen wenigen Menschen im Erwerbsalter gegenüber."
        ),
        gettext_lazy("Altenquotient mindestens 10 % über dem Wert des Landes."),
        _vs_land(FAR_ABOVE_LAND, above=True),
        needs_land=True,
    ),
    Rule(
        "altenquotient-niedrig",
        "old_age_dependency_ratio",
        STRENGTH,
        gettext_lazy("Vergleichsweise junge Bevölkerung im erwerbsfähigen Alter."),
        gettext_lazy("Altenquotient mindestens 10 % unter dem Wert des Landes."),
        _vs_land(FAR_BELOW_LAND, above=False),
        needs_land=True,
    ),
    Rule(
        "jugendquotient-hoch",
        "youth_dependency_ratio",
        STRENGTH,
        gettext_lazy("Viele Kinder und Jugendliche: Die Kommune hat Nachwuchs."),
        gettext_lazy("Jugendquotient mindestens 5 % über dem Wert des Landes."),
        _vs_land(ABOVE_LAND, above=True),
        needs_land=True,
    ),
    Rule(
        "jugendquotient-niedrig",
        "youth_dependency_ratio",
        WEAKNESS,
        gettext_lazy("Wenig Nachwuchs: Kita- und Schulplätze sowie Vereine verlieren Kinder."),
        gettext_lazy("Jugendquotient mindestens 10 % unter dem Wert des Landes."),
        _vs_land(FAR_BELOW_LAND, above=False),
        needs_land=True,
    ),
    Rule(
        "familienwanderung-positiv",
        "family_migration",
        STRENGTH,
        gettext_lazy("Attraktiv für Familien: Es ziehen mehr Familien zu als weg."),
        gettext_lazy("Familienwanderung größer als 0 (mehr Zuzüge als Fortzüge)."),
        lambda row: row.value > 0,
        contains=True,
    ),
    Rule(
        "familienwanderung-negativ",
        "family_migration",
        WEAKNESS,
        gettext_lazy("Familien ziehen weg: Es ziehen mehr Familien fort als zu."),
        gettext_lazy("Familienwanderung kleiner als 0 (mehr Fortzüge als Zuzüge)."),
        lambda row: row.value < 0,
        contains=True,
    ),
    Rule(
        "bevoelkerung-schrumpft",
        "population_change_5y",
        THREAT,
        gettext_lazy(
            "Schrumpfung: Schulen, Läden, Busverbindungen und Vereine werden schwerer ausgelastet."
        ),
        gettext_lazy("Bevölkerung in den letzten 5 Jahren um mehr als 3 % zurückgegangen."),
        lambda row: row.value < DECLINE_5Y,
    ),
    Rule(
        "bevoelkerung-waechst",
        "population_change_5y",
        OPPORTUNITY,
        gettext_lazy("Wachstum: Zuzug bringt neue Menschen, Ideen und Engagement in die Kommune."),
        gettext_lazy("Bevölkerung in den letzten 5 Jahren um mehr als 3 % gewachsen."),
        lambda row: row.value > GROWTH_5Y,
    ),
    Rule(
        "hochaltrige-pflegebedarf",
        "oldest_old_share",
        THREAT,
        gettext_lazy("Pflegebedarf: Der Anteil Hochaltriger (80+) unter den Älteren ist hoch."),
        gettext_lazy("Hochaltrigenanteil mindestens 10 % über dem Wert des Landes."),
        _vs_land(FAR_ABOVE_LAND, above=True),
        needs_land=True,
    ),
    Rule(
        "hochaltrige-seniorenwirtschaft",
        "oldest_old_share",
        OPPORTUNITY,
        gettext_lazy(
            "Seniorenwirtschaft: Angebote für Hochaltrige (Alltagshilfen, Wohnen, Pflege) "
            "schaffen Arbeitsplätze vor Ort."
        ),
        gettext_lazy("Hochaltrigenanteil mindestens 10 % über dem Wert des Landes."),
        _vs_land(FAR_ABOVE_LAND, above=True),
        needs_land=True,
    ),
    Rule(
        "medianalter-ueber-land",
        "median_age",
        WEAKNESS,
        gettext_lazy("Alte Altersstruktur: Die Bevölkerung ist deutlich älter als im Land."),
        gettext_lazy("Medianalter mindestens 3 Jahre über dem Wert des Landes."),
        lambda row: row.land is not None and row.value - row.land >= MEDIAN_AGE_GAP,
        needs_land=True,
    ),
    Rule(
        "medianalter-steigt-schnell",
        "median_age",
        WEAKNESS,
        gettext_lazy("Schnelle Alterung: Das Medianalter steigt stark von Jahr zu Jahr."),
        gettext_lazy("Medianalter gegenüber dem Vorjahr um mindestens 0,5 Jahre gestiegen."),
        lambda row: row.trend is not None and row.trend >= MEDIAN_AGE_RISE,
    ),
    Rule(
        "bildungswanderung-abfluss",
        "education_migration",
        WEAKNESS,
        gettext_lazy("Junge Erwachsene gehen zur Ausbildung oder zum Studium weg."),
        gettext_lazy("Bildungswanderung bei −20 je 1.000 oder darunter."),
        lambda row: row.value <= EDUCATION_OUTFLOW,
        contains=True,
    ),
    Rule(
        "berufseinstieg-zuzug",
        "career_start_migration",
        STRENGTH,
        gettext_lazy("Attraktiv für den Berufseinstieg: Junge Erwerbstätige ziehen zu."),
        gettext_lazy("Berufseinstiegswanderung größer als 0."),
        lambda row: row.value > 0,
        contains=True,
    ),
    Rule(
        "alterswanderung-zuzug",
        "old_age_migration",
        OPPORTUNITY,
        gettext_lazy(
            "Ältere ziehen zu: Potenzial für Ehrenamt, Nachbarschaftshilfe und Seniorenwirtschaft."
        ),
        gettext_lazy("Alterswanderung bei +5 je 1.000 oder darüber."),
        lambda row: row.value >= OLD_AGE_INFLOW,
        contains=True,
    ),
    Rule(
        "sterbeueberschuss",
        "natural_balance_per_1000",
        THREAT,
        gettext_lazy(
            "Sterbeüberschuss: Ohne Zuzug nimmt die Bevölkerung ab, Nachwuchs fehlt auch "
            "in Vereinen und Betrieben."
        ),
        gettext_lazy("Natürlicher Saldo bei −5 je 1.000 Einwohner oder darunter."),
        lambda row: row.value <= NATURAL_DEFICIT,
    ),
)
RULES_BY_KEY = {rule.key: rule for rule in RULES}
# Keys that may be rejected or restored; anything else in a URL is a 404.
KNOWN_KEYS = frozenset(RULES_BY_KEY)


def _matches(rule: Rule, row: IndicatorRow) -> bool:
    return rule.indicator in row.key if rule.contains else rule.indicator == row.key


def _reason(rule: Rule, row: IndicatorRow) -> str:
    parts = [
        _("%(name)s %(year)s: %(value)s %(unit)s")
        % {"name": row.name, "year": row.year, "value": _num(row.value), "unit": row.unit}
    ]
    if row.land is not None:
        parts.append(_("Land: %(land)s") % {"land": _num(row.land)})
    if rule.key == "medianalter-steigt-schnell" and row.trend is not None:
        parts.append(_("Veränderung zum Vorjahr: %(trend)s Jahre") % {"trend": _signed(row.trend)})
    return "; ".join(parts) + "."


def suggest(rows: list[IndicatorRow]) -> list[Suggestion]:
    """The suggestions the rules derive from ``rows``, in rule order, each key at most once."""
    out: dict[str, Suggestion] = {}
    for rule in RULES:
        for row in rows:
            if rule.key in out or not _matches(rule, row) or row.value is None:
                continue
            if rule.needs_land and row.land is None:
                continue
            if not rule.fires(row):
                continue
            out[rule.key] = Suggestion(
                key=rule.key,
                category=rule.category,
                text=str(rule.text),
                reason=_reason(rule, row),
                threshold=str(rule.threshold),
                indicator_key=row.key,
                year=row.year,
            )
    return list(out.values())
