"""The Werkstattplan demo data (``zwk/demo/extensions/plans.py``)."""

import io

import pytest
from django.core.management import call_command

from zwk.plans.models import Measure, Plan

pytestmark = pytest.mark.django_db


def test_demo_plans_are_realistic_traceable_and_idempotent():
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(municipality__slug="musterstadt")
    assert plan.status == "approved" and plan.is_published
    assert plan.versions.count() == 1 and plan.vision
    measures = list(plan.measures.all())
    # 8 from the plan's demo, plus "Neubaugebiet Am Sonnenhang" (demo/extensions/decisions.py)
    assert len(measures) == 9
    assert {m.status for m in measures} == {"planned", "running", "done", "paused", "dropped"}
    assert sum(1 for m in measures if m.origin_sketch_id) == 2  # carried over from the workshop
    assert all(m.milestones.exists() for m in measures if m.status != "dropped")
    assert {g.preset for g in plan.goals.all()} >= {"retention", "participation", "integration"}
    kinds = {i.kind for g in plan.goals.all() for i in g.indicators.all()}
    assert kinds == {"engine", "own"}
    assert any(i.measurements.count() >= 3 for g in plan.goals.all() for i in g.indicators.all())
    assert plan.comments.exists()
    draft = Plan.objects.get(municipality__slug="beispielhausen")
    assert draft.status == "draft" and not draft.is_published

    call_command("demo", stdout=io.StringIO())
    assert Measure.objects.filter(plan=plan).count() == 9
    assert plan.versions.count() == 1
