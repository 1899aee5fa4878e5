"""Demo data of the Zwischenbilanz: lessons learnt, Verstetigung and the next review date for
Musterstadt's Werkstattplan (built by ``plans.py``; fictional, realistic, German).

Idempotent: a Kommune whose plan already has lessons learnt is left alone. Lessons are not
shared with the Werkzeugkoffer here – that is the Kommune's decision in the demo.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zwk.plans.models import Lesson, Plan
from zwk.plans.review.continuation import continuation_save
from zwk.plans.review.lessons import lesson_save

ORDER = 60  # after plans.py (50)

LESSONS = [
    (
        "Haus der Generationen im ehemaligen Kaufhaus",
        {
            "title": "Zwischennutzung öffnet Türen",
            "worked": "Die Zwischennutzung des leeren Kaufhauses war in wenigen Wochen möglich; "
            "Vereine haben die Räume sofort belegt.",
            "not_worked": "Die Abendangebote für Berufstätige wurden kaum besucht.",
            "why": "Die Öffnungszeiten wurden ohne die Zielgruppe festgelegt.",
            "differently": "Vor dem Start eine kurze Umfrage unter Berufstätigen machen.",
            "transferable_kinds": ["stadt", "gemeinde"],
            "transferable_sizes": ["medium", "large"],
            "transferable_note": "Innenstädte mit Leerstand und aktiven Vereinen",
        },
    ),
    (
        None,
        {
            "title": "Früh mit dem Gemeinderat sprechen",
            "worked": "Die Fraktionen waren von Anfang an in der Zukunftswerkstatt dabei; der "
            "Werkstattplan wurde einstimmig beschlossen.",
            "why": "Alle kannten die Projektskizzen, bevor es ums Geld ging.",
            "differently": "Kennzahlen schon beim Beschluss festlegen, nicht erst danach.",
        },
    ),
]
CONTINUATION = {
    "Haus der Generationen im ehemaligen Kaufhaus": (
        "continue",
        "Förderverein Haus der Generationen e. V.",
    ),
    "Bürgerbus Musterstadt": ("continue", "Bürgerbusverein Musterstadt e. V."),
    "Fest der Generationen auf dem Marktplatz": ("end", ""),
}


def build(*, municipalities, users, stdout) -> None:
    municipality = municipalities.get("musterstadt")
    coordinator = users.get("koordination-musterstadt")
    plan = Plan.objects.filter(municipality=municipality).first() if municipality else None
    if plan is None or coordinator is None or Lesson.objects.filter(plan=plan).exists():
        return
    measures = {m.title: m for m in plan.measures.all()}
    for title, data in LESSONS:
        if title is not None and title not in measures:
            continue
        lesson_save(
            plan=plan,
            by=coordinator,
            data={"measure": measures.get(title) if title else None, **data},
        )
    rows = [
        (measures[title], {"decision": decision, "owner": owner})
        for title, (decision, owner) in CONTINUATION.items()
        if title in measures
    ]
    continuation_save(
        plan=plan,
        by=coordinator,
        rows=rows,
        next_review=timezone.localdate() + timedelta(days=120),
    )
    stdout.write("  Zwischenbilanz: Erfahrungen und Verstetigung für musterstadt.")
