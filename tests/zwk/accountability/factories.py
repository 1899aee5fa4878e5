"""A published chain for accountability tests: workshop card → cluster → sketch → measure in
the approved, published Werkstattplan (services where the production path matters)."""

from __future__ import annotations

from dataclasses import dataclass

from tests.zwk.workshops.factories import make_workshop
from zwk.plans import services as plan_services
from zwk.plans.carry_over import plan_import_sketches
from zwk.workshops import results
from zwk.workshops.models import Card, Cluster, Participant


@dataclass
class Chain:
    workshop: object
    card: object
    hidden_card: object
    other_card: object  # a card whose cluster did not become a measure
    sketch: object
    measure: object
    plan: object


def approve_and_publish(municipality, by):
    plan = plan_services.plan_for(municipality)
    if plan.status != "approved":
        plan = plan_services.plan_set_status(plan=plan, by=by, status="review")
        plan = plan_services.plan_set_status(plan=plan, by=by, status="approved")
    return plan_services.plan_set_published(plan=plan, by=by, published=True)


def make_chain(municipality, by, *, publish=True, suffix="") -> Chain:
    workshop = make_workshop(municipality, by=by, code=f"acc{municipality.pk}{suffix}")
    phase = workshop.phases.get(kind="fantasy")
    person = Participant.objects.create(
        workshop=workshop, pseudonym="Wolke7", consent_at=workshop.starts_at
    )
    cluster = Cluster.objects.create(workshop=workshop, phase=phase, title="Mobilität")
    other = Cluster.objects.create(workshop=workshop, phase=phase, title="Kultur")
    card = Card.objects.create(
        workshop=workshop,
        phase=phase,
        participant=person,
        text="Ein Bürgerbus für die Dörfer",
        cluster=cluster,
    )
    hidden = Card.objects.create(
        workshop=workshop,
        phase=phase,
        text="Beleidigender Text",
        cluster=cluster,
        hidden_reason="Beleidigung",
        hidden_at=workshop.starts_at,
    )
    other_card = Card.objects.create(
        workshop=workshop, phase=phase, text="Ein Open-Air-Kino", cluster=other
    )
    sketch = results.sketch_save(
        workshop=workshop, by=by, data={"title": "Bürgerbus", "goal": "Mobil ohne Auto"}
    )
    sketch.cluster = cluster
    sketch.save(update_fields=["cluster"])
    (measure,) = plan_import_sketches(municipality=municipality, sketch_ids=[sketch.pk], by=by)
    plan = approve_and_publish(municipality, by) if publish else measure.plan
    return Chain(workshop, card, hidden, other_card, sketch, measure, plan)
