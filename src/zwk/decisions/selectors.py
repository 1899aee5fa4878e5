"""Reads of the Demografie-Check: places with data, and the result of one version.

The result rests on the engine's Basis projection (``zwk.profiles.analysis``) of the chosen
area – the whole Kommune or an Ortsteil with Melderegister data by single years of age – from
its latest stock: the target groups today, in 10 and in 20 years with the 80 % interval
(the engine's interval of the total, applied proportionally), the planning demand, the plan
goals and indicators the decision touches, the staff's answers and a summary sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from zwk.decisions.models import CheckVersion, DemographyCheck
from zwk.decisions.targets import QUESTIONS, TARGETS_BY_KEY
from zwk.plans.effects import basis_run
from zwk.profiles import analysis
from zwk.profiles.models import Region
from zwk.profiles.regions import region_code_for
from zwk.toolbox.models import Entry

HORIZON = analysis.HORIZON
DEMAND = (
    ("kita_0_2", _l("Kinder im Krippenalter (0–2)")),
    ("kita_3_5", _l("Kinder im Kindergartenalter (3–5)")),
    ("pupils_6_9", _l("Kinder im Grundschulalter (6–9)")),
    ("pupils_10_15", _l("Sekundarstufe I (10–15)")),
    ("age_80_plus", _l("Hochbetagte (80+)")),
    ("care_needs", _l("Pflegebedürftige (erwartet)")),
)


def checks_of(municipality):
    return (
        DemographyCheck.objects.filter(municipality=municipality)
        .prefetch_related("versions")
        .select_related("municipality")
    )


def areas(municipality) -> list[tuple[str, str]]:
    """(code, name) of the places a check may look at: the whole Kommune (code "") and each
    Ortsteil with Melderegister data by age."""
    out = [("", _("ganze Kommune: %(name)s") % {"name": municipality.name})]
    if municipality.kind in ("quartier", "landkreis"):
        return out
    rows = (
        Region.objects.filter(level=Region.Level.GEBIET, code__startswith=f"{municipality.ags}/")
        .filter(stocks__ages__isnull=False)
        .values_list("code", "name")
        .distinct()
        .order_by("name")
    )
    return out + [(code, name) for code, name in rows]


def area_code(municipality, code: str) -> str | None:
    return code or region_code_for(municipality)


def base_for(municipality, code: str):
    """The area's latest stock as the engine's Population (None: no data by age)."""
    region = area_code(municipality, code)
    if not region:
        return None
    rd = analysis.load_regions([region]).get(region)
    return rd.population() if rd is not None else None


@dataclass
class Row:
    label: str
    today: float
    in10: float
    in20: float
    low10: float
    high10: float
    low20: float
    high20: float

    @property
    def change10(self) -> float | None:
        return (self.in10 / self.today - 1) * 100 if self.today else None

    @property
    def change20(self) -> float | None:
        return (self.in20 / self.today - 1) * 100 if self.today else None


@dataclass
class Result:
    version: CheckVersion
    area_name: str
    has_data: bool
    base_year: int | None = None
    groups: list[Row] = field(default_factory=list)
    demand: list[Row] = field(default_factory=list)
    goals: list = field(default_factory=list)  # (goal, [indicator names])
    answers: list = field(default_factory=list)  # (question, hint, answer)
    summary: str = ""
    notes: list[str] = field(default_factory=list)
    recommended: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    target_labels: list[str] = field(default_factory=list)

    @property
    def year10(self) -> int | None:
        return self.base_year + 10 if self.base_year else None

    @property
    def year20(self) -> int | None:
        return self.base_year + 20 if self.base_year else None


def _row(label, series, low_ratio, high_ratio) -> Row:
    return Row(
        str(label),
        float(series[0]),
        float(series[10]),
        float(series[20]),
        float(series[10] * low_ratio[10]),
        float(series[10] * high_ratio[10]),
        float(series[20] * low_ratio[20]),
        float(series[20] * high_ratio[20]),
    )


def _direction(change: float) -> str:
    if change >= 3:
        return _("wächst")
    if change <= -3:
        return _("schrumpft")
    return _("bleibt etwa gleich")


def summary(rows: list[Row], area: str, year: int, horizon: int) -> str:
    parts = []
    for row in rows:
        change = row.change10 if horizon <= 10 else row.change20
        if horizon == 15 and row.change10 is not None and row.change20 is not None:
            change = (row.change10 + row.change20) / 2
        if change is None:
            continue
        verb = _direction(change)
        if verb == _("bleibt etwa gleich"):
            parts.append(
                _("Die Zielgruppe %(group)s bleibt in %(area)s bis %(year)s etwa gleich groß")
                % {"group": row.label, "area": area, "year": year}
            )
        else:
            parts.append(
                _("Die Zielgruppe %(group)s %(verb)s in %(area)s bis %(year)s um etwa %(pct)s %%")
                % {
                    "group": row.label,
                    "verb": verb,
                    "area": area,
                    "year": year,
                    "pct": f"{abs(change):.0f}",
                }
            )
    return "; ".join(parts) + "." if parts else ""


def result(check: DemographyCheck, version: CheckVersion) -> Result:
    municipality = check.municipality
    out = Result(version, version.area_name or municipality.name, has_data=False)
    out.target_labels = [
        str(TARGETS_BY_KEY[k].label) for k in version.target_groups if k in TARGETS_BY_KEY
    ]
    out.themes = list(version.themes.all())
    out.goals = [
        (goal, [i.name for i in goal.indicators.all()])
        for goal in version.goals.prefetch_related("indicators")
    ]
    out.answers = [(label, hint, getattr(version, key)) for key, label, hint in QUESTIONS]
    out.recommended = recommended(version, out.themes)
    pop = base_for(municipality, version.area_code)
    if pop is None:
        out.notes.append(
            _("Für diesen Ort liegen keine Einwohnerzahlen nach Alter vor; es fehlen die Zahlen.")
        )
        return out
    run = basis_run(pop)
    main = run.main
    totals = np.asarray(main.totals)[:, 0]
    low = (
        np.asarray(main.total_low)[:, 0] / totals if main.total_low is not None else totals / totals
    )
    high = (
        np.asarray(main.total_high)[:, 0] / totals
        if main.total_high is not None
        else totals / totals
    )
    both = main.single_years()[:, 0].sum(axis=1)  # (T, 101)
    out.has_data, out.base_year = True, int(pop.year)
    for key in version.target_groups:
        target = TARGETS_BY_KEY.get(key)
        if target is None:
            continue
        if target.ages is not None:
            lo, hi = target.ages
            series = both[:, lo : hi + 1].sum(axis=1)
        else:
            series = np.asarray(run.demand[target.demand])[:, 0]
        out.groups.append(_row(target.label, series, low, high))
    out.demand = [
        _row(label, np.asarray(run.demand[key])[:, 0], low, high) for key, label in DEMAND
    ]
    year = out.base_year + version.horizon
    out.summary = summary(out.groups, out.area_name, year, version.horizon)
    if version.lifetime > version.horizon:
        out.notes.append(
            _(
                "Die Investition soll %(life)s Jahre genutzt werden; die Vorausberechnung reicht "
                "nur bis %(last)s. Für die Jahre danach gibt es keine belastbare Zahl – planen "
                "Sie eine Nachnutzung mit."
            )
            % {"life": version.lifetime, "last": out.base_year + HORIZON}
        )
    if version.area_code:
        out.notes.append(
            _(
                "Für ein Ortsteil sind die Zahlen unsicherer als für die ganze Kommune: kleine "
                "Gruppen schwanken stark, Umzüge innerhalb der Kommune sind nicht eigens "
                "berechnet."
            )
        )
    return out


def recommended(version: CheckVersion, themes, limit: int = 4) -> list[Entry]:
    """Published Werkzeugkoffer entries sharing a Handlungsfeld or a target group of the
    check, the best matches first."""
    groups = {
        g for k in version.target_groups if k in TARGETS_BY_KEY for g in TARGETS_BY_KEY[k].toolbox
    }
    theme_ids = {t.pk for t in themes}
    scored = []
    for entry in Entry.objects.published().prefetch_related("themes"):
        score = 2 * len({t.pk for t in entry.themes.all()} & theme_ids)
        score += len(set(entry.target_groups or []) & groups)
        if score:
            scored.append((-score, entry.title.lower(), entry))
    scored.sort(key=lambda s: s[:2])
    return [entry for _s, _t, entry in scored[:limit]]


def personal_data_of(user) -> list[dict]:
    return [
        {"Demografie-Check": v.title, "Fassung": v.number, "angelegt am": v.created_at}
        for v in CheckVersion.objects.filter(created_by=user).order_by("created_at")
    ]


def goals_of(municipality):
    """Goals of the Kommune's Werkstattplan (for linking a check)."""
    from zwk.plans.models import Goal

    return Goal.objects.filter(plan__municipality=municipality).order_by("order", "text")
