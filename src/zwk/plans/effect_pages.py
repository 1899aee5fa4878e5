"""The "mit Plan / ohne Plan" page: figures of ``effects.plan_paths`` as charts and tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zwk.plans import effects
from zwk.profiles import charts


@dataclass
class EffectsPage:
    has_data: bool
    paths: effects.PlanPaths | None = None
    rows: list = field(default_factory=list)  # (measure, [effects])
    charts: list = field(default_factory=list)
    reality: effects.RealityCheck | None = None


def _charts(paths: effects.PlanPaths) -> list:
    years = paths.years
    first, last = years[0], years[-1]
    out = [
        charts.line_chart(
            "plan-bevoelkerung",
            _("Einwohnerzahl ohne und mit Plan"),
            _(
                "Vorausberechnete Einwohnerzahl %(first)s bis %(last)s ohne die Maßnahmen "
                "(Basis) und mit ihren Wirkungen; Band: Schwankungsbreite ohne Plan (80 %%)."
            )
            % {"first": first, "last": last},
            years,
            [(_("ohne Plan"), paths.totals_without), (_("mit Plan"), paths.totals_with)],
            band=(_("Schwankungsbreite ohne Plan"), paths.low_without, paths.high_without),
            unit=_("Personen"),
        )
    ]
    for key, label in (
        ("kita_0_2", _("Kinder im Krippenalter (0–2)")),
        ("kita_3_5", _("Kinder im Kindergartenalter (3–5)")),
        ("age_80_plus", _("Hochbetagte (80+)")),
    ):
        out.append(
            charts.line_chart(
                f"plan-{key}",
                _("%(label)s ohne und mit Plan") % {"label": label},
                _("%(label)s je Jahr, %(first)s bis %(last)s, ohne und mit den Maßnahmen.")
                % {"label": label, "first": first, "last": last},
                years,
                [
                    (_("ohne Plan"), paths.demand_without[key]),
                    (_("mit Plan"), paths.demand_with[key]),
                ],
                unit=_("Personen"),
            )
        )
    return out


def effects_page(plan) -> EffectsPage:
    base = effects.base_for(plan.municipality)
    all_effects = effects.plan_effects(plan)
    grouped: dict = {}
    for e in all_effects:
        grouped.setdefault(e.measure, []).append(e)
    if base is None:
        return EffectsPage(False, rows=list(grouped.items()))
    paths = effects.plan_paths(all_effects, base)
    reality = effects.reality_check(plan, all_effects)
    return EffectsPage(True, paths, list(grouped.items()), _charts(paths), reality)


def plan_summary(plan) -> dict | None:
    """The plan's effects in plain German with the small "ohne / mit Plan" table (JSON; see
    ``effects.summary``) – for the Werkstattplan PDF and the stored plan versions."""
    if plan is None:
        return None
    return effects.summary(effects.plan_effects(plan), effects.base_for(plan.municipality))
