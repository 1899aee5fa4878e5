"""Demographic effects of measures: the catalogue, their arithmetic and "mit Plan / ohne Plan".

A measure may carry effects from a small documented set (:data:`CATALOGUE`, model
:class:`~zwk.plans.models.MeasureEffect`):

* **Neubaugebiet** – ``W`` new dwellings per year from a year on, for some years. Extra
  in-migration per year ``W · b · q · p_{s,x}`` with Belegungsdichte ``b``,
  Neubaubezugsquote ``q`` and the age profile ``p`` of people moving into new builds (the
  engine's housing model, ``demography.housing``).
* **Zuzüge / Fortzüge** – ``N`` extra persons per year in an age group (negative: fewer), or
  ``k`` % fewer out-movers of the group: ``k/100 · F`` with the group's out-movers per year
  ``F`` (given by the Kommune, else ``Σ_x u_x · P_x`` with rounded default out-migration
  rates ``u`` by age and today's stock ``P``). Persons are spread over the group's ages and
  sexes like today's stock.
* **Seniorenwohnen** – ``U`` flats per year with ``b_s`` persons; the share ``q_s`` comes
  from outside (in-migration around age 78); the others move within the Kommune and free
  ``U · (1 − q_s)`` dwellings, which are taken again like new dwellings (``b · q · p``) –
  the Umzugskette. Moves inside the Kommune change its total only through this chain.
* **Plätze** – places in Kita, Tagespflege or Pflegeheim change the supply, not the
  population; demand is the projected age group times a rounded usage rate.

All effects of a plan add up in **one** projection run ("mit Plan") next to the Basis run
("ohne Plan"); no demographic arithmetic here beyond arranging the extra migration array –
the projection is the engine's (through ``zwk.profiles.analysis``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext

from zwk.plans.models import MeasureEffect
from zwk.profiles import analysis
from zwk.profiles.regions import region_code_for

HORIZON = analysis.HORIZON
N_AGES = 101
Kind, Facility, Profile = MeasureEffect.Kind, MeasureEffect.Facility, MeasureEffect.Profile


@dataclass(frozen=True)
class Parameter:
    name: str
    default: str
    range: str


@dataclass(frozen=True)
class EffectType:
    kind: str
    label: str
    explanation: str
    parameters: tuple[Parameter, ...]
    source: str


CATALOGUE = (
    EffectType(
        Kind.HOUSING,
        Kind.HOUSING.label,
        _l(
            "Neue Wohnungen bringen neue Einwohnerinnen und Einwohner. Nicht alle kommen von "
            "außerhalb: Wer innerhalb der Kommune umzieht, ändert ihre Einwohnerzahl nicht. "
            "Einziehende in Neubauten sind meist junge Familien."
        ),
        (
            Parameter(_l("Wohnungen je Jahr"), "–", _l("1 bis 2 000")),
            Parameter(_l("Personen je Wohnung (Belegungsdichte)"), "2,2", _l("1,5 bis 3,0")),
            Parameter(_l("Anteil von außerhalb (Neubaubezugsquote)"), "50 %", _l("30 bis 70 %")),
        ),
        _l(
            "Verfahren der kleinräumigen Bevölkerungsprognose der Städtestatistik "
            "(KOSIS-Verbund, SIKURS); Belegungsdichte nach Mikrozensus (Bestand etwa "
            "2,0 Personen je Haushalt, Neubau größer). Annahmen – bitte durch örtliche Werte "
            "ersetzen."
        ),
    ),
    EffectType(
        Kind.MIGRATION,
        Kind.MIGRATION.label,
        _l(
            "Eine Maßnahme kann Menschen einer Altersgruppe halten oder anziehen, zum Beispiel "
            "Rückkehrerinnen und Rückkehrer mit 25 bis 34 Jahren. Angabe in Personen je Jahr "
            "oder als Prozent weniger Fortzüge der Altersgruppe."
        ),
        (
            Parameter(_l("Personen je Jahr"), "–", _l("−200 bis 200")),
            Parameter(_l("weniger Fortzüge"), "–", _l("bis 30 % realistisch")),
            Parameter(
                _l("Fortzugsrate je Jahr (ohne eigene Angabe)"),
                _l("18–24: 12 %, 25–29: 10 %, 30–44: 6 %, unter 18: 4 %, 45–64: 3 %, 65+: 2 %"),
                "–",
            ),
        ),
        _l(
            "Gerundete Richtwerte der Wanderungsstatistik (Fortzüge über die Gemeindegrenze je "
            "Einwohner nach Alter). Besser: die Fortzüge der Altersgruppe aus dem "
            "Melderegister angeben."
        ),
    ),
    EffectType(
        Kind.SENIOR,
        Kind.SENIOR.label,
        _l(
            "Ältere Menschen ziehen in barrierefreie Wohnungen. Wer aus der Kommune kommt, "
            "macht eine Familienwohnung frei; diese wird wie eine neue Wohnung bezogen "
            "(Umzugskette). Wer von außerhalb kommt, ist ein zusätzlicher Zuzug."
        ),
        (
            Parameter(_l("Wohnungen je Jahr"), "–", _l("1 bis 200")),
            Parameter(_l("Personen je Wohnung"), "1,3", _l("1,0 bis 2,0")),
            Parameter(_l("Anteil von außerhalb"), "20 %", _l("0 bis 50 %")),
        ),
        _l(
            "Annahmen aus Wohnungsmarktstudien zum Seniorenwohnen (überwiegend "
            "Einpersonenhaushalte, meist aus dem Ort); freigewordene Wohnungen wie Neubau "
            "(KOSIS/SIKURS). Bitte durch örtliche Werte ersetzen."
        ),
    ),
    EffectType(
        Kind.PLACES,
        Kind.PLACES.label,
        _l(
            "Neue Plätze ändern das Angebot, nicht die Bevölkerung. Der Bedarf ist die "
            "vorausberechnete Altersgruppe mal einer üblichen Nutzungsquote."
        ),
        (
            Parameter(_l("Plätze"), "–", _l("1 bis 10 000")),
            Parameter(_l("Nutzungsquote Krippe (unter 3)"), "36 %", _l("30 bis 50 %")),
            Parameter(_l("Nutzungsquote Kindergarten (3–5)"), "92 %", _l("85 bis 98 %")),
            Parameter(_l("Tagespflege je Pflegebedürftige"), "4 %", _l("2 bis 6 %")),
            Parameter(_l("Pflegeheim je Pflegebedürftige"), "16 %", _l("12 bis 20 %")),
        ),
        _l(
            "Kindertagesbetreuung: Betreuungsquoten 2023 (Statistisches Bundesamt, "
            "Kinder- und Jugendhilfestatistik), gerundet. Pflege: Pflegestatistik 2021 "
            "(Statistisches Bundesamt), Anteil vollstationär und teilstationär versorgter "
            "Pflegebedürftiger, gerundet."
        ),
    ),
)
CATALOGUE_BY_KIND = {t.kind: t for t in CATALOGUE}

# Rounded out-migration rates per person and year by age (lower bounds), see CATALOGUE.
OUT_RATES = ((0, 0.04), (18, 0.12), (25, 0.10), (30, 0.06), (45, 0.03), (65, 0.02))
# Mover profiles of new builds: (mean age of adults, share of children, share of seniors).
PROFILES = {
    Profile.FAMILIES: (34.0, 0.30, 0.10),
    Profile.YOUNG: (27.0, 0.05, 0.02),
    Profile.MIXED: (42.0, 0.20, 0.25),
}
SENIOR_OCCUPANCY, SENIOR_EXTERNAL = 1.3, 0.2
# Facility → (demand key of the engine, usage rate, German name of the places).
FACILITIES = {
    Facility.KITA_U3: ("kita_0_2", 0.36, _l("Krippenplätze")),
    Facility.KITA: ("kita_3_5", 0.92, _l("Kindergartenplätze")),
    Facility.DAYCARE: ("care_needs", 0.04, _l("Tagespflegeplätze")),
    Facility.NURSING: ("care_needs", 0.16, _l("Pflegeheimplätze")),
}
LIMITS = {Kind.HOUSING: (1, 2000), Kind.SENIOR: (1, 200), Kind.PLACES: (1, 10000)}


def out_rates_by_age() -> np.ndarray:
    rates = np.zeros(N_AGES)
    for lower, rate in OUT_RATES:
        rates[lower:] = rate
    return rates


def _f(value, default: float) -> float:
    return float(value) if value is not None else default


def _senior_profile() -> np.ndarray:
    ages = np.arange(N_AGES, dtype=np.float64)
    shape = np.where(ages >= 65, np.exp(-0.5 * ((ages - 78.0) / 7.0) ** 2), 0.0)
    both = np.stack([shape * 0.4, shape * 0.6])
    return both / both.sum()


def _group_shares(stock: np.ndarray, age_from: int, age_to: int) -> np.ndarray:
    """(2, 101) weights summing to 1 over the ages of the group, like today's stock."""
    mask = np.zeros(N_AGES)
    mask[age_from : age_to + 1] = 1.0
    weights = stock * mask[None]
    total = weights.sum()
    if total <= 0:
        weights = np.broadcast_to(mask, (2, N_AGES)).copy()
        total = weights.sum()
    return weights / total


@dataclass
class Base:
    """The Kommune's starting stock (2, 101) at 31.12. of ``year``."""

    year: int
    stock: np.ndarray
    pop: object  # analysis.Population
    name: str = ""

    @property
    def last_year(self) -> int:
        return self.year + HORIZON


def base_for(municipality) -> Base | None:
    """The latest stock by single years of the Kommune (None: no data)."""
    code = region_code_for(municipality)
    if not code:
        return None
    rd = analysis.load_regions([code]).get(code)
    pop = rd.population() if rd is not None else None
    if pop is None:
        return None
    return Base(pop.year, np.asarray(pop.counts[0], dtype=np.float64), pop, rd.name)


def basis_run(pop):
    """The Basis projection ("ohne Plan") of ``pop``, cached per region, base year and stock
    (it changes with neither effects nor checks; a new stock is a new key)."""
    digest = hashlib.sha1(np.ascontiguousarray(pop.counts).tobytes()).hexdigest()[:16]
    key = f"plans:basis:{pop.codes[0]}:{pop.year}:{digest}"
    run = cache.get(key)
    if run is None:
        run = analysis.project_with_extra(pop, None)
        cache.set(key, run, 3600)
    return run


def yearly(effect, base: Base, horizon: int = HORIZON) -> np.ndarray:
    """Mask (H,) of the projection years in which ``effect`` acts."""
    years = np.arange(base.year + 1, base.year + horizon + 1)
    start, stop = effect.start_year, effect.start_year + max(effect.years, 1)
    return ((years >= start) & (years < stop)).astype(np.float64)


def persons_per_year(effect, base: Base) -> np.ndarray:
    """Extra persons (2, 101) that ``effect`` brings in one year it acts (zeros for places)."""
    amount = float(effect.amount)
    if effect.kind == Kind.HOUSING:
        occupancy, external = analysis.housing_defaults()
        b = _f(effect.occupancy, occupancy)
        q = _f(effect.external_share, external * 100) / 100
        mean, child, senior = PROFILES.get(effect.profile, PROFILES[Profile.FAMILIES])
        profile = analysis.new_build_movers(adult_mean=mean, child_share=child, senior_share=senior)
        return amount * b * q * profile
    if effect.kind == Kind.MIGRATION:
        age_from, age_to = effect.age_from or 0, min(effect.age_to or 100, 100)
        shares = _group_shares(base.stock, age_from, age_to)
        if effect.is_percent:
            return amount / 100 * outflow(effect, base) * shares
        return amount * shares
    if effect.kind == Kind.SENIOR:
        b_s = _f(effect.occupancy, SENIOR_OCCUPANCY)
        q_s = _f(effect.external_share, SENIOR_EXTERNAL * 100) / 100
        occupancy, external = analysis.housing_defaults()
        freed = amount * (1 - q_s)
        return amount * b_s * q_s * _senior_profile() + freed * occupancy * external * (
            analysis.new_build_movers()
        )
    return np.zeros((2, N_AGES))


def outflow(effect, base: Base) -> float:
    """Out-movers of the effect's age group per year: the Kommune's figure, else the default
    rates times today's stock."""
    if effect.base_outflow is not None:
        return float(effect.base_outflow)
    age_from, age_to = effect.age_from or 0, min(effect.age_to or 100, 100)
    rates = out_rates_by_age()
    return float((base.stock[:, age_from : age_to + 1] * rates[age_from : age_to + 1]).sum())


def extra_migration(effects, base: Base, horizon: int = HORIZON) -> np.ndarray | None:
    """All effects together: extra persons (H, 2, 101) by projection year; None if none."""
    extra = np.zeros((horizon, 2, N_AGES))
    any_effect = False
    for e in effects:
        if e.kind == Kind.PLACES:
            continue
        any_effect = True
        extra += yearly(e, base, horizon)[:, None, None] * persons_per_year(e, base)[None]
    return extra if any_effect else None


# --- validation ------------------------------------------------------------------------------


def validate(effect, base: Base | None) -> None:
    """German ``ValidationError`` (by field) for an effect that cannot be computed."""
    errors: dict[str, str] = {}
    if base is None:
        raise ValidationError(
            _(
                "Für diese Kommune liegen keine Einwohnerzahlen nach Alter vor. Bitte zuerst "
                "das Kommunalprofil mit Daten füllen."
            )
        )
    first, last = base.year + 1, base.last_year
    if effect.start_year is None or not first <= effect.start_year <= last:
        errors["start_year"] = _(
            "Das Jahr muss zwischen %(first)s und %(last)s liegen – so weit reicht die "
            "Vorausberechnung."
        ) % {"first": first, "last": last}
    elif effect.start_year + max(effect.years or 1, 1) - 1 > last:
        errors["years"] = _(
            "Die Wirkung reicht über das Ende der Vorausberechnung (%(last)s) hinaus. Bitte "
            "die Dauer kürzen."
        ) % {"last": last}
    if effect.years is not None and effect.years < 1:
        errors["years"] = _("Die Dauer muss mindestens 1 Jahr sein.")
    amount = effect.amount if effect.amount is not None else Decimal(0)
    low, high = LIMITS.get(effect.kind, (-10000, 10000))
    if effect.kind == Kind.MIGRATION:
        if effect.age_from is None or effect.age_to is None:
            errors["age_from"] = _("Bitte die Altersgruppe angeben (von … bis).")
        elif effect.age_from > effect.age_to or effect.age_to > 100:
            errors["age_to"] = _("„Alter bis“ muss zwischen „Alter von“ und 100 liegen.")
        if effect.is_percent and not -100 <= amount <= 100:
            errors["amount"] = _("Prozentangaben müssen zwischen −100 und 100 liegen.")
        elif amount == 0:
            errors["amount"] = _("Bitte eine Zahl ungleich 0 angeben.")
    elif not low <= amount <= high:
        errors["amount"] = _("Die Menge muss zwischen %(low)s und %(high)s liegen.") % {
            "low": low,
            "high": high,
        }
    if effect.kind == Kind.PLACES and not effect.facility:
        errors["facility"] = _("Bitte die Art der Plätze wählen.")
    if effect.occupancy is not None and not Decimal("0.5") <= effect.occupancy <= 6:
        errors["occupancy"] = _("Personen je Wohnung: bitte einen Wert zwischen 0,5 und 6.")
    if effect.external_share is not None and not 0 <= effect.external_share <= 100:
        errors["external_share"] = _("Der Anteil muss zwischen 0 und 100 % liegen.")
    if errors:
        raise ValidationError(errors)


def check_no_negative_cohort(effects, base: Base) -> None:
    """Refuse effects that would take more people out of an age group than live there."""
    run = analysis.project_with_extra(base.pop, extra_migration(effects, base))
    unrealised = np.asarray(run.main.unrealised_migration)[:, 0]  # (H, 2)
    if unrealised.sum() > 0.5:
        t = int(np.argmax(unrealised.sum(axis=1) > 0.5 / HORIZON))
        raise ValidationError(
            {
                "amount": _(
                    "Mit dieser Wirkung würden im Jahr %(year)s mehr Menschen einer Altersgruppe "
                    "fortziehen, als dort leben. Bitte eine kleinere Zahl angeben."
                )
                % {"year": base.year + 1 + t}
            }
        )


# --- "mit Plan / ohne Plan" -----------------------------------------------------------------

GROUPS = (
    ("0-2", 0, 2),
    ("3-5", 3, 5),
    ("6-9", 6, 9),
    ("10-15", 10, 15),
    ("16-24", 16, 24),
    ("25-44", 25, 44),
    ("45-64", 45, 64),
    ("65-79", 65, 79),
    ("80+", 80, 100),
)
DEMAND = (
    ("kita_0_2", _l("Kinder im Krippenalter (0–2)")),
    ("kita_3_5", _l("Kinder im Kindergartenalter (3–5)")),
    ("pupils_6_9", _l("Kinder im Grundschulalter (6–9)")),
    ("pupils_10_15", _l("Kinder und Jugendliche, Sekundarstufe I (10–15)")),
    ("age_80_plus", _l("Hochbetagte (80+)")),
    ("care_needs", _l("Pflegebedürftige (erwartet)")),
)


@dataclass
class Figure:
    """A figure in year ``year`` without and with the plan, with the 80 % interval of each
    (the engine's interval of the total, applied proportionally)."""

    label: str
    without: float
    with_plan: float
    without_low: float
    without_high: float
    with_low: float
    with_high: float

    @property
    def difference(self) -> float:
        return self.with_plan - self.without


@dataclass
class Horizon:
    year: int
    rows: list[Figure]
    demand: list[Figure]


@dataclass
class SupplyLine:
    facility: str
    name: str
    year: int
    demand_without: float
    demand_with: float
    supply_without: float
    supply_with: float

    @property
    def gap_without(self) -> int:
        return round(self.demand_without - self.supply_without)

    @property
    def gap_with(self) -> int:
        return round(self.demand_with - self.supply_with)

    @property
    def sentence(self) -> str:
        """e.g. "2032 fehlen voraussichtlich 18 Krippenplätze, mit Plan 4." """
        values = {"year": self.year, "name": self.name}
        if self.gap_without > 0:
            first = _("%(year)s fehlen voraussichtlich %(n)s %(name)s") % {
                **values,
                "n": self.gap_without,
            }
        else:
            first = _("%(year)s reichen die %(name)s voraussichtlich aus (%(n)s frei)") % {
                **values,
                "n": -self.gap_without,
            }
        if self.gap_with > 0:
            second = _("mit Plan %(n)s") % {"n": self.gap_with}
        else:
            second = _("mit Plan reichen sie (%(n)s frei)") % {"n": -self.gap_with}
        return f"{first}, {second}."


@dataclass
class PlanPaths:
    base_year: int
    years: list[int]
    totals_without: list[float]
    totals_with: list[float]
    low_without: list[float]
    high_without: list[float]
    low_with: list[float]
    high_with: list[float]
    demand_without: dict[str, list[float]]
    demand_with: dict[str, list[float]]
    horizons: list[Horizon]
    supply: list[SupplyLine] = field(default_factory=list)
    effects: int = 0
    residual: float = 0.0


def _ratio(run, t: int, which: str) -> float:
    main = run.main
    total = float(main.totals[t, 0])
    bound = getattr(main, which)
    if bound is None or total <= 0:
        return 1.0
    return float(bound[t, 0]) / total


def _figure(label, t, v_without, v_with, run_without, run_with) -> Figure:
    return Figure(
        str(label),
        v_without,
        v_with,
        v_without * _ratio(run_without, t, "total_low"),
        v_without * _ratio(run_without, t, "total_high"),
        v_with * _ratio(run_with, t, "total_low"),
        v_with * _ratio(run_with, t, "total_high"),
    )


def _horizon(t: int, year: int, run_without, run_with) -> Horizon:
    single_without = run_without.main.single_years()[t, 0].sum(axis=0)
    single_with = run_with.main.single_years()[t, 0].sum(axis=0)
    rows = [
        _figure(
            _("Einwohnerinnen und Einwohner"),
            t,
            float(single_without.sum()),
            float(single_with.sum()),
            run_without,
            run_with,
        )
    ]
    for label, lo, hi in GROUPS:
        rows.append(
            _figure(
                _("%(group)s Jahre") % {"group": label},
                t,
                float(single_without[lo : hi + 1].sum()),
                float(single_with[lo : hi + 1].sum()),
                run_without,
                run_with,
            )
        )
    demand = [
        _figure(
            label,
            t,
            float(run_without.demand[key][t, 0]),
            float(run_with.demand[key][t, 0]),
            run_without,
            run_with,
        )
        for key, label in DEMAND
    ]
    return Horizon(year, rows, demand)


def supply_lines(effects, base: Base, run_without, run_with, year: int) -> list[SupplyLine]:
    """Supply against demand in ``year`` for each facility whose places today are known."""
    t = year - base.year
    out = []
    for facility, (key, rate, name) in FACILITIES.items():
        mine = [e for e in effects if e.kind == Kind.PLACES and e.facility == facility]
        known = [e.existing_places for e in mine if e.existing_places is not None]
        if not known:
            continue
        existing = float(max(known))
        created = sum(float(e.amount) for e in mine if e.start_year <= year)
        out.append(
            SupplyLine(
                facility,
                str(name),
                year,
                float(run_without.demand[key][t, 0]) * rate,
                float(run_with.demand[key][t, 0]) * rate,
                existing,
                existing + created,
            )
        )
    return out


def plan_paths(effects, base: Base) -> PlanPaths:
    """ "Ohne Plan" (Basis) and "mit Plan" (all effects in one run)."""
    effects = list(effects)
    run_without = basis_run(base.pop)
    extra = extra_migration(effects, base)
    run_with = run_without if extra is None else analysis.project_with_extra(base.pop, extra)
    years = [int(y) for y in run_without.main.years]

    def col(run, attr):
        arr = getattr(run.main, attr)
        src = run.main.totals if arr is None else arr
        return [float(v) for v in src[:, 0]]

    horizons = [
        _horizon(step, base.year + step, run_without, run_with)
        for step in (10, 20)
        if step <= HORIZON
    ]
    residual = float(np.abs(run_with.main.accounting_residual()).max())
    return PlanPaths(
        base_year=base.year,
        years=years,
        totals_without=col(run_without, "totals"),
        totals_with=col(run_with, "totals"),
        low_without=col(run_without, "total_low"),
        high_without=col(run_without, "total_high"),
        low_with=col(run_with, "total_low"),
        high_with=col(run_with, "total_high"),
        demand_without={k: [float(v) for v in run_without.demand[k][:, 0]] for k, _l in DEMAND},
        demand_with={k: [float(v) for v in run_with.demand[k][:, 0]] for k, _l in DEMAND},
        horizons=horizons,
        supply=supply_lines(effects, base, run_without, run_with, base.year + 10),
        effects=len(effects),
        residual=residual,
    )


def plan_effects(plan):
    """The effects of all measures of ``plan`` (one query)."""
    return list(
        MeasureEffect.objects.filter(measure__plan=plan)
        .select_related("measure")
        .order_by("measure__title", "start_year", "pk")
    )


# --- Zwischenbilanz: which path is reality closer to? ------------------------------------------


@dataclass
class RealityRow:
    label: str
    unit: str
    decimals: int
    observed: float | None
    without: float | None
    with_plan: float | None

    @property
    def closer(self) -> str:
        """ "mit", "ohne" or "gleich" (no difference between the paths, or no figure)."""
        if None in (self.observed, self.without, self.with_plan):
            return "gleich"
        gap_without = abs(self.observed - self.without)
        gap_with = abs(self.observed - self.with_plan)
        if abs(gap_without - gap_with) < 10 ** (-self.decimals) / 2:
            return "gleich"
        return "mit" if gap_with < gap_without else "ohne"

    @property
    def reading(self) -> str:
        return {
            "mit": _("näher am Weg mit Plan"),
            "ohne": _("näher am Weg ohne Plan"),
            "gleich": _("beide Wege gleich nah"),
        }[self.closer]


@dataclass
class RealityCheck:
    baseline_year: int
    latest_year: int
    rows: list[RealityRow]

    @property
    def years(self) -> int:
        return self.latest_year - self.baseline_year

    @property
    def caveat(self) -> str:
        return _(
            "Nach %(n)s Jahr(en) sagt dieser Vergleich wenig: Wirkungen von Maßnahmen zeigen "
            "sich oft erst nach Jahren, und Zufall, Zählweise und einzelne große Zu- oder "
            "Fortzüge bewegen kleine Zahlen stark."
        ) % {"n": self.years}


def effects_projector(items):
    """A projector for the Zwischenbilanz's projection check that adds the plan's effects."""
    items = list(items)

    def projector(pop, year: int) -> np.ndarray:
        base = Base(pop.year, np.asarray(pop.counts[0], dtype=np.float64), pop)
        horizon = year - pop.year
        run = analysis.project_with_extra(
            pop, extra_migration(items, base, horizon), horizon=horizon
        )
        return run.main.population(year).counts[0]

    return projector


def reality_check(plan, items=None) -> RealityCheck | None:
    """Newer statistics against both paths, per figure of the projection check (None: no
    effects, or nothing newer than the baseline year)."""
    from zwk.plans.review.projection_check import projection_check

    items = plan_effects(plan) if items is None else list(items)
    if not any(e.kind != Kind.PLACES for e in items):
        return None
    without = projection_check(plan.municipality, plan)
    if not without.ok:
        return None
    with_plan = projection_check(
        plan.municipality,
        plan,
        baseline_year=without.baseline_year,
        projector=effects_projector(items),
    )
    rows = [
        RealityRow(a.label, a.unit, a.decimals, a.observed, a.expected, b.expected)
        for a, b in zip(without.rows, with_plan.rows, strict=True)
    ]
    return RealityCheck(without.baseline_year, without.latest_year, rows)


# --- plain German for the PDF and the plan versions -----------------------------------------


def _n(value) -> str:
    """A number in German format: whole numbers with a thousands point, others with one
    decimal (comma)."""
    value = float(value)
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _period(effect) -> str:
    years = max(effect.years or 1, 1)
    return ngettext("ab %(start)s ein Jahr lang", "ab %(start)s %(n)s Jahre lang", years) % {
        "start": effect.start_year,
        "n": years,
    }


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe(effect) -> str:
    """One sentence in plain German: what ``effect`` assumes and what it means per year."""
    amount = float(effect.amount)
    period = _period(effect)
    occupancy, external = analysis.housing_defaults()
    if effect.kind == Kind.HOUSING:
        b = _f(effect.occupancy, occupancy)
        q = _f(effect.external_share, external * 100)
        return _(
            "Neubaugebiet: %(period)s je %(n)s neue Wohnungen; bei %(b)s Personen je Wohnung "
            "und %(q)s %% Zuzug von außerhalb etwa %(p)s Einwohnerinnen und Einwohner mehr je "
            "Jahr (%(profile)s)."
        ) % {
            "period": period,
            "n": _n(amount),
            "b": _n(b),
            "q": _n(q),
            "p": _n(amount * b * q / 100),
            "profile": effect.get_profile_display(),
        }
    if effect.kind == Kind.MIGRATION:
        ages = {"a": effect.age_from, "b": effect.age_to}
        if effect.is_percent:
            text = _("%(period)s %(k)s %% weniger Fortzüge der %(a)s- bis %(b)s-Jährigen") % {
                "period": _upper_first(period),
                "k": _n(abs(amount)),
                **ages,
            }
            if amount < 0:
                text = _("%(period)s %(k)s %% mehr Fortzüge der %(a)s- bis %(b)s-Jährigen") % {
                    "period": _upper_first(period),
                    "k": _n(abs(amount)),
                    **ages,
                }
            if effect.base_outflow is not None:
                text += " " + _("(bei heute %(f)s Fortzügen je Jahr)") % {
                    "f": _n(effect.base_outflow)
                }
            return text + "."
        more = amount > 0
        return (
            _("%(period)s je Jahr %(n)s Personen im Alter von %(a)s bis %(b)s Jahren mehr.")
            if more
            else _("%(period)s je Jahr %(n)s Personen im Alter von %(a)s bis %(b)s Jahren weniger.")
        ) % {"period": _upper_first(period), "n": _n(abs(amount)), **ages}
    if effect.kind == Kind.SENIOR:
        b_s = _f(effect.occupancy, SENIOR_OCCUPANCY)
        q_s = _f(effect.external_share, SENIOR_EXTERNAL * 100)
        persons = amount * b_s * q_s / 100 + amount * (1 - q_s / 100) * occupancy * external
        return _(
            "Seniorenwohnen: %(period)s je %(n)s Wohnungen mit %(b)s Personen je Wohnung; "
            "%(q)s %% ziehen von außerhalb zu, die übrigen machen Wohnungen in der Kommune "
            "frei, die neu bezogen werden – zusammen etwa %(p)s Einwohnerinnen und Einwohner "
            "mehr je Jahr."
        ) % {"period": period, "n": _n(amount), "b": _n(b_s), "q": _n(q_s), "p": _n(persons)}
    name = FACILITIES.get(effect.facility, (None, None, effect.get_facility_display()))[2]
    text = _("Ab %(start)s %(n)s neue %(name)s") % {
        "start": effect.start_year,
        "n": _n(amount),
        "name": name,
    }
    if effect.existing_places is not None:
        text += " " + _("(heute %(n)s)") % {"n": _n(effect.existing_places)}
    return text + ". " + _("Das ändert das Angebot, nicht die Einwohnerzahl.")


SUMMARY_KEYS = (
    ("kita_0_2", _l("Kinder im Krippenalter (0–2)")),
    ("kita_3_5", _l("Kinder im Kindergartenalter (3–5)")),
    ("age_80_plus", _l("Hochbetagte (80+)")),
    ("care_needs", _l("Pflegebedürftige (erwartet)")),
)


def summary(items, base: Base | None) -> dict | None:
    """The plan's effects as plain JSON (strings and whole numbers): a sentence per effect
    and – with data – a small "ohne / mit Plan" table at 10 and 20 years and the supply
    sentences. Stored in plan versions (as it was) and shown in the Werkstattplan PDF."""
    items = list(items)
    if not items:
        return None
    out: dict = {
        "effects": [{"measure": e.measure.title, "text": describe(e)} for e in items],
        "base_year": None,
        "years": [],
        "rows": [],
        "supply": [],
    }
    if base is None:
        return out
    paths = plan_paths(items, base)
    steps = [s for s in (10, 20) if s <= HORIZON]
    out["base_year"] = base.year
    out["years"] = [base.year + s for s in steps]
    series = [
        (
            _("Einwohnerinnen und Einwohner"),
            paths.totals_without,
            paths.totals_with,
        ),
        *[
            (str(label), paths.demand_without[key], paths.demand_with[key])
            for key, label in SUMMARY_KEYS
        ],
    ]
    for label, without, with_plan in series:
        out["rows"].append(
            {
                "label": str(label),
                "values": [[round(without[s]), round(with_plan[s])] for s in steps],
            }
        )
    out["supply"] = [line.sentence for line in paths.supply]
    return out
