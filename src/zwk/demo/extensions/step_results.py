"""Demo data: every step a demo Kommune shows as "abgeschlossen" has its result (issue 16,
item 3). The base command sets the step statuses from ``content.MUNICIPALITIES``; the apps'
demo modules give musterstadt and beispielhausen their full content. Seedorf am Wald
(Schritt 5) and Landkreis Musterland (Schritt 4) get here a finished Zukunftswerkstatt with a
short record, and Seedorf its Werkstattplan with measures – so that no workspace says
"abgeschlossen" while the Werkstattplan is "noch nicht begonnen".

Idempotent: a result that exists is left alone (``step_results.missing``).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zwk.municipalities import step_results
from zwk.municipalities.models import ProcessStep
from zwk.plans import services as plan_services
from zwk.plans.models import Goal
from zwk.workshops import services as workshop_services
from zwk.workshops.models import Workshop

ORDER = 65  # after plans (50) and review (60), before the office's figures (900)

WORKSHOPS = {
    "seedorf-am-wald": {
        "title": "Zukunftswerkstatt „Seedorf 2040“",
        "question": "Wie bleibt Seedorf ein Ort, an dem man alt werden und jung bleiben kann?",
        "place": "Dorfgemeinschaftshaus Seedorf",
        "code": "seedorf-2040",
        "days_ago": 300,
    },
    "landkreis-musterland": {
        "title": "Kreiswerkstatt „Gut leben im Musterland“",
        "question": "Was brauchen Fachkräfte und ihre Familien, um im Landkreis zu bleiben?",
        "place": "Kreishaus Musterland, Sitzungssaal",
        "code": "kreiswerkstatt-ml",
        "days_ago": 120,
    },
}

PLANS = {
    "seedorf-am-wald": {
        "vision": (
            "Seedorf am Wald bleibt ein lebendiges Dorf: Ältere wohnen sicher im Ort, "
            "Zweitwohnsitzler werden Nachbarn, und junge Familien finden ein Haus im Ortskern."
        ),
        "measures": [
            ("Seniorenwohnen im alten Pfarrhaus", "running"),
            ("Dorfladen mit Café am Anger", "done"),
            ("Willkommenspaket für Neu- und Zweitwohnsitzler", "planned"),
        ],
    },
}


def _lacks(municipality, kind: str) -> bool:
    """The step is "abgeschlossen" but its result is missing."""
    done = municipality.steps.filter(kind=kind, status=ProcessStep.Status.DONE).exists()
    return done and bool(step_results.missing(municipality, kind))


def _finished_workshop(municipality, coordinator, spec) -> None:
    if Workshop.objects.filter(code=spec["code"]).exists():
        return
    start = timezone.now() - timedelta(days=spec["days_ago"])
    workshop = workshop_services.workshop_create(
        municipality=municipality,
        by=coordinator,
        data={
            "title": spec["title"],
            "question": spec["question"],
            "starts_at": start,
            "ends_at": start + timedelta(hours=5),
            "place": spec["place"],
            "code": spec["code"],
        },
        themes=municipality.themes.all()[:2],
        moderators=[coordinator],
    )
    workshop_services.workshop_finish(workshop=workshop, by=coordinator)
    Workshop.objects.filter(pk=workshop.pk).update(finished_at=start + timedelta(hours=5))


def _plan(municipality, coordinator, spec) -> None:
    plan = plan_services.plan_for(municipality)
    plan_services.plan_update_vision(plan=plan, by=coordinator, vision=spec["vision"])
    goal = plan_services.goal_save(plan=plan, by=coordinator, text="", preset=Goal.Preset.RETENTION)
    theme = municipality.themes.first()  # every measure shows its Handlungsfeld
    for title, status in spec["measures"]:
        measure = plan_services.measure_create(
            plan=plan, by=coordinator, data={"title": title, "theme": theme}, goals=[goal]
        )
        if status != "planned":
            plan_services.measure_set_status(
                measure=measure, by=coordinator, status=status, reason=""
            )


def build(*, municipalities, users, stdout) -> None:
    added = []
    for slug, municipality in municipalities.items():
        coordinator = users.get(f"koordination-{slug}")
        if coordinator is None:
            continue
        if slug in WORKSHOPS and _lacks(municipality, "workshop"):
            _finished_workshop(municipality, coordinator, WORKSHOPS[slug])
            added.append(f"{slug}: Zukunftswerkstatt")
        if slug in PLANS and _lacks(municipality, "plan"):
            _plan(municipality, coordinator, PLANS[slug])
            added.append(f"{slug}: Werkstattplan")
    if added:
        stdout.write("  Ergebnisse abgeschlossener Schritte: " + ", ".join(added) + ".")
