"""Demo data of „Was aus Ihren Ideen wurde“ for Musterstadt (fictional, realistic, German).

The workshop cards already flow into Musterstadt's published Werkstattplan (workshops.py:
cards → clusters → sketches, plans.py: sketches → measures). Here the team features two survey
free texts – one taken up in the Bürgerbus, one in the Haus der Generationen. The dates of the
statuses come from the plan's own writes (recorded by this app's hook on Measure).

Idempotent: a Kommune with featured answers is left alone.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zwk.accountability.models import FeaturedAnswer
from zwk.plans.models import Measure

ORDER = 70  # after participation (45), plans (50) and review (60)

ANSWERS = [
    (
        "Bürgerbus Musterstadt",
        "Ohne Auto komme ich aus Oberdorf abends nicht mehr in die Stadt. Ein kleiner Bus, "
        "der auch sonntags fährt, wäre für uns Ältere ein Segen.",
        40,
    ),
    (
        "Haus der Generationen im ehemaligen Kaufhaus",
        "Es fehlt ein Ort, an dem Jugendliche und Ältere sich ohne Verzehrzwang treffen können.",
        35,
    ),
]


def build(*, municipalities, users, stdout) -> None:
    municipality = municipalities.get("musterstadt")
    team = users.get("team-musterstadt") or users.get("koordination-musterstadt")
    if municipality is None or FeaturedAnswer.objects.filter(municipality=municipality).exists():
        return
    today = timezone.localdate()
    measures = {m.title: m for m in Measure.objects.filter(plan__municipality=municipality)}
    created = 0
    for title, text, days_ago in ANSWERS:
        FeaturedAnswer.objects.create(
            municipality=municipality,
            text=text,
            source="Umfrage „Bürgerbefragung Musterstadt 2040“",
            answered_on=today - timedelta(days=days_ago),
            measure=measures.get(title),
            created_by=team,
        )
        created += 1
    stdout.write(f"Was aus Ihren Ideen wurde: {created} Umfrage-Antworten gezeigt.")
