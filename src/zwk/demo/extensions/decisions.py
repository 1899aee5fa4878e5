"""Demo data of measure effects and the Demografie-Check.

musterstadt: the Werkstattplan gets the measure "Neubaugebiet Am Sonnenhang" with its housing
effect and the Krippe built with it (so the plan shows "mit Plan / ohne Plan" and a supply
sentence), the Ortsteil "Altstadt" gets invented Melderegister figures by age (older than the
town as a whole), and the Demografie-Check "Tagespflege in der Altstadt" looks at it.

Idempotent: what exists (by title) is left alone.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import numpy as np
from django.core.exceptions import ValidationError
from django.utils import timezone

from zwk.decisions import services as decisions
from zwk.decisions.models import CheckVersion
from zwk.plans import effect_services, effects, services
from zwk.plans.models import Goal, Measure, Plan
from zwk.profiles.models import PopulationStock, Region, StatisticsRelease
from zwk.profiles.regions import region_code_for, register_code

ORDER = 55  # after plans (50)

MEASURE = "Neubaugebiet Am Sonnenhang"
CHECK = "Tagespflege in der Altstadt"
AREA = "Altstadt"


def _measure(municipality, by, stdout) -> None:
    plan = Plan.objects.filter(municipality=municipality).first()
    if plan is None or Measure.objects.filter(plan=plan, title=MEASURE).exists():
        return
    base = effects.base_for(municipality)
    if base is None:
        return
    goals = Goal.objects.filter(plan=plan, text="Junge Familien halten und gewinnen")
    measure = services.measure_create(
        plan=plan,
        by=by,
        data={
            "title": MEASURE,
            "theme": goals[0].theme if goals else None,
            "description": (
                "Rund 120 Wohnungen am Südhang, überwiegend Reihen- und Doppelhäuser für "
                "Familien, dazu eine Krippe mit 20 Plätzen. Bezug in drei Abschnitten."
            ),
            "responsible": "Bauamt mit Stadtwerken",
            "status": "planned",
        },
        goals=goals,
        target_groups=["families"],
    )
    today = timezone.localdate()
    for title, days in (
        ("Satzungsbeschluss Bebauungsplan", 120),
        ("Erschließung fertig", 420),
        ("Erste Familien ziehen ein", 800),
    ):
        services.milestone_add(
            measure=measure, by=by, title=title, due=today + timedelta(days=days)
        )
    first = base.year + 3
    for data in (
        {
            "kind": "housing",
            "start_year": first,
            "years": 3,
            "amount": Decimal(40),
            "occupancy": Decimal("2.4"),
            "external_share": Decimal(55),
            "profile": "families",
            "note": "Bebauungsplan Nr. 47; Belegung nach Erfahrungen aus dem Baugebiet Lindenweg",
        },
        {
            "kind": "places",
            "start_year": first + 1,
            "years": 1,
            "amount": Decimal(20),
            "facility": "kita_u3",
            "existing_places": 60,
            "note": "Krippe im Neubaugebiet",
        },
    ):
        try:
            effect_services.effect_add(measure=measure, by=by, data=data, base=base)
        except ValidationError as exc:  # pragma: no cover - demo data fit the projection
            stdout.write(f"  Wirkung nicht angelegt: {' '.join(exc.messages)}")


def _area(municipality) -> str:
    """Invented Melderegister figures of the Altstadt: a share of the town, older."""
    code = register_code(municipality.ags, AREA)
    if Region.objects.filter(code=code).exists():
        return code
    own = region_code_for(municipality)
    rows = PopulationStock.objects.filter(region__code=own, sex__in=("male", "female")).order_by(
        "-year"
    )
    latest = {}
    for row in rows:
        latest.setdefault(row.year, {})[row.sex] = row.ages
    year = next((y for y, s in latest.items() if "male" in s and "female" in s), None)
    if year is None:
        return ""
    release, _ = StatisticsRelease.objects.get_or_create(
        sha256="demo-ortsteile-v1",
        defaults={
            "table_code": "Demodaten",
            "title": "Erfundene Melderegisterdaten der Altstadt von Musterstadt",
            "file_name": "demo-ortsteile",
            "summary": {"official": False, "notes": ["Erfundene Demodaten"]},
        },
    )
    region = Region.objects.create(code=code, name=AREA, level=Region.Level.GEBIET)
    weight = np.where(np.arange(101) >= 65, 1.6, 1.0) * 0.12
    for sex in ("male", "female"):
        ages = np.round(np.asarray(latest[year][sex], dtype=float) * weight).tolist()
        PopulationStock.objects.create(
            region=region, year=year, sex=sex, total=float(sum(ages)), ages=ages, release=release
        )
    return code


def _check(municipality, by, area_code) -> None:
    if CheckVersion.objects.filter(check_obj__municipality=municipality, title=CHECK).exists():
        return
    goals = Goal.objects.filter(plan__municipality=municipality, theme__slug="wohnen-im-alter")
    themes = [g.theme for g in goals if g.theme_id]
    decisions.check_create(
        municipality=municipality,
        by=by,
        data={
            "title": CHECK,
            "description": (
                "Umbau des Erdgeschosses der alten Stadtschule zu einer Tagespflege mit 18 "
                "Plätzen, mit Fahrdienst und offenem Mittagstisch. Beschluss im Bauausschuss."
            ),
            "area_code": area_code,
            "target_groups": ["senioren", "hochbetagte", "pflege"],
            "horizon": 10,
            "lifetime": 25,
            "capacity": 18,
            "capacity_unit": "Plätze",
            "answer_generations": (
                "Die Tagespflege entlastet pflegende Angehörige im Erwerbsalter. Die Kosten "
                "trägt zum größten Teil der Träger; die Stadt stellt das Gebäude."
            ),
            "answer_accessibility": (
                "Ebenerdiger Zugang von der Schulstraße, barrierefreie Bäder, Leitsystem für "
                "Menschen mit Sehbehinderung."
            ),
            "answer_reuse": (
                "Die Räume bleiben als Gruppenräume nutzbar, zum Beispiel für eine Kita oder "
                "ein Familienzentrum."
            ),
            "answer_integration": (
                "Der Mittagstisch ist offen für alle; die benachbarte Grundschule plant "
                "gemeinsame Nachmittage."
            ),
        },
        themes=themes,
        goals=list(goals),
    )


def build(*, municipalities, users, stdout) -> None:
    musterstadt = municipalities.get("musterstadt")
    coordinator = users.get("koordination-musterstadt")
    if musterstadt is None or coordinator is None:
        return
    _measure(musterstadt, coordinator, stdout)
    code = _area(musterstadt)
    _check(musterstadt, users.get("team-musterstadt") or coordinator, code)
    stdout.write(f"Demografie-Check: „{CHECK}“, Maßnahme „{MEASURE}“ mit Wirkung.")
