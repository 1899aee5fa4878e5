"""Demo data of the Werkstattplan.

musterstadt gets an approved and published Werkstattplan built from its finished workshop's
project sketches (carried over, so the origin stays traceable), the programme's goals as
presets, eight measures in every status with milestones, budgets and partners from the
Bestandsaufnahme, an engine indicator (baseline from the Kommunalprofil) and an own KPI with
measurements, and comments from the internal consultation. beispielhausen gets a draft.

Idempotent: a Kommune that already has a plan is left alone.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from zwk.plans import carry_over, services
from zwk.plans.models import Goal, Plan
from zwk.workshops.selectors import sketches_for_plan

ORDER = 50

VISION = (
    "Musterstadt 2040 ist eine Stadt, in der man in jedem Alter gut leben kann: Junge Familien "
    "finden Wohnraum und Betreuung, Ältere bleiben selbstständig in ihrem Viertel, und wer neu "
    "zuzieht, ist schnell Teil der Stadtgesellschaft. Die Innenstadt ist wieder Treffpunkt für "
    "alle Generationen."
)

# (preset, theme slug, own text or "" for the programme's wording)
GOALS = [
    (Goal.Preset.RETENTION, "halte-und-anziehungsfaktoren", "Junge Familien halten und gewinnen"),
    (Goal.Preset.PARTICIPATION, "teilhabe-aller-altersgruppen", ""),
    (Goal.Preset.INTEGRATION, "teilhabe-aller-altersgruppen", ""),
    (Goal.Preset.IDENTITY, "halte-und-anziehungsfaktoren", "Innenstadt als Treffpunkt beleben"),
    ("", "wohnen-im-alter", "Selbstständig wohnen bis ins hohe Alter"),
]

# title: (goal indexes, status, reason, start/end in days from today, budget planned/actual,
#         funding, responsible, partners (title prefixes), target groups, key, milestones)
SKETCH_MEASURES = {
    "Bürgerbus Musterstadt": (
        [1],
        "running",
        "",
        (-200, 500),
        ("38000", "14500"),
        "Landesprogramm Mobilität im ländlichen Raum, Eigenmittel",
        "Seniorenbeirat mit Ordnungsamt",
        ["Nachbarschaftshilfe"],
        ["seniors", "all"],
        True,
        [
            ("Fahrerinnen und Fahrer gewonnen", -120, True),
            ("Erste Linie fährt", -30, True),
            ("Zweite Linie Südstadt", 150, False),
        ],
    ),
    "Haus der Generationen im ehemaligen Kaufhaus": (
        [3],
        "done",
        "",
        (-420, -40),
        ("12000", "11350"),
        "Städtebauförderung „Lebendige Zentren“",
        "Stadtmarketing",
        [],
        ["all"],
        True,
        [
            ("Eigentümer angeschrieben", -380, True),
            ("Zwischennutzung des Kaufhauses eröffnet", -60, True),
        ],
    ),
}
DIRECT_MEASURES = {
    "Jugendraum im alten Bahnhof": (
        [1, 0],
        "planned",
        "",
        (60, 420),
        ("65000", None),
        "Kreisjugendförderung (beantragt)",
        "Jugendamt mit Jugendforum",
        ["Jugendforum"],
        ["youth"],
        False,
        [("Nutzungsvertrag mit der Bahn", 90, False), ("Eröffnung", 400, False)],
    ),
    "Wohnberatung für Ältere ausbauen": (
        [4],
        "running",
        "",
        (-300, 400),
        ("24000", "9800"),
        "Eigenmittel, Pflegekasse",
        "Sozialamt, Fachstelle Wohnen im Alter",
        ["Wohnberatung"],
        ["seniors"],
        True,
        [("Zweite Beraterin eingestellt", -200, True), ("Sprechstunde in der Südstadt", 20, False)],
    ),
    "Willkommenspatenschaften für Zugezogene": (
        [2, 0],
        "running",
        "",
        (-150, 550),
        ("8000", "2100"),
        "Integrationsfonds des Landes",
        "Integrationsbeauftragte",
        ["Willkommenspaket", "Sprachcafé"],
        ["migrants", "newcomers", "families"],
        False,
        [("20 Patinnen und Paten geschult", -40, True), ("Auswertung erstes Jahr", 220, False)],
    ),
    "Familienfreundliches Baugebiet Am Mühlbach": (
        [0],
        "paused",
        "Der Bebauungsplan wird nach Einwendungen überarbeitet; Fortsetzung nach dem "
        "Ratsbeschluss im Frühjahr.",
        (-90, 900),
        ("150000", "18000"),
        "Haushalt Stadtplanung",
        "Stadtplanungsamt",
        [],
        ["families"],
        False,
        [("Bürgerinformation", -60, True), ("Satzungsbeschluss", 200, False)],
    ),
    "Fest der Generationen auf dem Marktplatz": (
        [3, 1],
        "done",
        "",
        (-250, -235),
        ("6000", "6400"),
        "Sponsoring örtlicher Betriebe",
        "Kulturamt mit Seniorentreff",
        ["Seniorentreff"],
        ["all"],
        False,
        [("Fest durchgeführt", -235, True)],
    ),
    "Digitale Sprechstunde im Rathaus": (
        [1],
        "dropped",
        "Das Landesprogramm „Digital im Alter“ bietet dieselbe Sprechstunde in der Bibliothek an; "
        "wir unterstützen es statt eines eigenen Angebots.",
        (-180, -30),
        ("4000", "0"),
        "",
        "Hauptamt",
        [],
        ["seniors"],
        False,
        [],
    ),
}


def _partners(municipality, prefixes):
    return [
        i
        for i in municipality.initiatives.all()
        if any(i.title.startswith(prefix) for prefix in prefixes)
    ]


def _apply(measure, spec, *, goals, municipality, by, today):
    (goal_idx, status, reason, (start, end), (planned, actual), funding, responsible,
     partners, groups, key, milestones) = spec  # fmt: skip
    services.measure_update(
        measure=measure,
        by=by,
        data={
            "title": measure.title,
            # every measure shows its Handlungsfeld (issue 16): the one of its first goal
            "theme": goals[goal_idx[0]].theme if goal_idx else None,
            "status": status,
            "status_reason": reason,
            "start": today + timedelta(days=start),
            "end": today + timedelta(days=end),
            "budget_planned": Decimal(planned),
            "budget_actual": Decimal(actual) if actual is not None else None,
            "funding_source": funding,
            "responsible": responsible,
            "key_measure": key,
        },
        goals=[goals[i] for i in goal_idx],
        partners=_partners(municipality, partners),
        target_groups=groups,
    )
    for title, due, done in milestones:
        milestone = services.milestone_add(
            measure=measure, by=by, title=title, due=today + timedelta(days=due)
        )
        if done:
            services.milestone_set_done(
                milestone=milestone, by=by, done_on=min(today, today + timedelta(days=due))
            )


def _musterstadt(municipality, coordinator, team, consultant):
    today = timezone.localdate()
    plan = services.plan_for(municipality)
    services.plan_update_vision(plan=plan, by=coordinator, vision=VISION)
    themes = {t.slug: t for t in municipality.themes.all()}
    goals = [
        services.goal_save(
            plan=plan, by=coordinator, text=text, preset=preset, theme=themes.get(slug)
        )
        for preset, slug, text in GOALS
    ]
    sketches = {s.title: s for s in sketches_for_plan(municipality)}
    wanted = [sketches[t].pk for t in SKETCH_MEASURES if t in sketches]
    carried = (
        carry_over.plan_import_sketches(municipality=municipality, sketch_ids=wanted, by=team)
        if wanted
        else []
    )
    for measure in carried:
        _apply(measure, SKETCH_MEASURES[measure.title], goals=goals,
               municipality=municipality, by=team, today=today)  # fmt: skip
    for title, spec in {
        **{t: s for t, s in SKETCH_MEASURES.items() if t not in sketches},
        **DIRECT_MEASURES,
    }.items():
        measure = services.measure_create(plan=plan, by=coordinator, data={"title": title})
        _apply(measure, spec, goals=goals, municipality=municipality, by=coordinator, today=today)

    _indicators(goals, coordinator=coordinator, team=team, today=today)
    _review_and_publish(plan, coordinator=coordinator, team=team, consultant=consultant)


def _indicators(goals, *, coordinator, team, today) -> None:
    """One indicator from the engine (baseline from the Kommunalprofil), own KPIs with values."""
    services.indicator_create(
        goal=goals[0],
        by=coordinator,
        data={
            "kind": "engine",
            "engine_key": "family_migration_per_1000",
            "target": Decimal("5"),
            "due": today + timedelta(days=5 * 365),
        },
    )
    riders = services.indicator_create(
        goal=goals[1],
        by=coordinator,
        data={
            "kind": "own",
            "name": "Fahrgäste im Bürgerbus pro Monat",
            "unit": "Fahrgäste",
            "baseline": Decimal("0"),
            "baseline_date": today - timedelta(days=200),
            "target": Decimal("600"),
            "due": today + timedelta(days=530),
        },
    )
    for days, value in ((-150, 0), (-90, 120), (-60, 190), (-30, 260), (-2, 330)):
        services.measurement_add(
            indicator=riders, by=team, measured_on=today + timedelta(days=days), value=value
        )
    empty_shops = services.indicator_create(
        goal=goals[3],
        by=coordinator,
        data={
            "kind": "own",
            "name": "Leerstehende Ladenlokale in der Innenstadt",
            "unit": "Läden",
            "baseline": Decimal("23"),
            "baseline_date": today - timedelta(days=420),
            "target": Decimal("12"),
            "due": today + timedelta(days=700),
        },
    )
    for days, value in ((-300, 22), (-120, 20), (-10, 19)):
        services.measurement_add(
            indicator=empty_shops, by=team, measured_on=today + timedelta(days=days), value=value
        )


def _review_and_publish(plan, *, coordinator, team, consultant) -> None:
    """Internal consultation, approval by the coordination, publication."""
    plan = services.plan_set_status(plan=plan, by=team, status="review")
    services.comment_add(
        plan=plan,
        by=consultant,
        body="Der Plan ist schlüssig. Für den Jugendraum sollte die Kreisjugendförderung "
        "früh eingebunden werden – die Frist endet im März.",
    )
    bus = plan.measures.filter(title="Bürgerbus Musterstadt").first()
    if bus is not None:
        services.comment_add(
            plan=plan,
            by=team,
            measure=bus,
            body="Die Fahrgastzahlen steigen schneller als gedacht – zweite Linie vorziehen?",
        )
    plan = services.plan_set_status(plan=plan, by=coordinator, status="approved")
    services.plan_set_published(plan=plan, by=coordinator, published=True)


def _beispielhausen(municipality, coordinator):
    plan = services.plan_for(municipality)
    services.plan_update_vision(
        plan=plan,
        by=coordinator,
        vision="Beispielhausen bleibt ein Dorf mit Laden, Treffpunkt und guter Nachbarschaft.",
    )
    goal = services.goal_save(plan=plan, by=coordinator, text="", preset=Goal.Preset.RETENTION)
    services.goal_save(plan=plan, by=coordinator, text="", preset=Goal.Preset.PARTICIPATION)
    theme = municipality.themes.first()  # every measure shows its Handlungsfeld
    for title in ("Dorfladen als Genossenschaft", "Mitfahrbank am Dorfplatz", "Repair-Café"):
        measure = services.measure_create(
            plan=plan, by=coordinator, data={"title": title, "theme": theme}
        )
        measure.goals.add(goal)


def build(*, municipalities, users, stdout) -> None:
    created = []
    musterstadt = municipalities.get("musterstadt")
    coordinator = users.get("koordination-musterstadt")
    if musterstadt and coordinator and not Plan.objects.filter(municipality=musterstadt).exists():
        _musterstadt(
            musterstadt,
            coordinator,
            users.get("team-musterstadt") or coordinator,
            users.get("beratung1") or coordinator,
        )
        created.append("musterstadt (beschlossen, veröffentlicht)")
    other = municipalities.get("beispielhausen")
    other_coordinator = users.get("koordination-beispielhausen")
    if other and other_coordinator and not Plan.objects.filter(municipality=other).exists():
        _beispielhausen(other, other_coordinator)
        created.append("beispielhausen (Entwurf)")
    if created:
        stdout.write("Werkstattplan: " + ", ".join(created) + ".")
