"""Step states must not contradict content (issue 16, item 3): closing a step without its
result asks for confirmation and names what is missing; every demo Kommune's "abgeschlossen"
steps have their results."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from zwk.municipalities import services, step_results
from zwk.municipalities.models import Municipality, ProcessStep
from zwk.municipalities.process import STEPS
from zwk.plans.models import Measure

pytestmark = pytest.mark.django_db


def test_every_step_names_the_results_it_needs():
    assert {kind: bool(step_results.checks(kind)) for kind in (s.kind for s in STEPS)} == {
        "kickoff": True,
        "profile": True,
        "workshop": True,
        "plan": True,
        "review": True,
    }


def test_closing_a_step_without_its_result_needs_confirmation(municipality, coordinator):
    step = municipality.steps.get(kind="workshop")
    with pytest.raises(ValidationError) as refused:
        services.step_update(step=step, by=coordinator, data={"status": "done"})
    message = " ".join(refused.value.message_dict["confirm_incomplete"])
    assert "eine abgeschlossene Zukunftswerkstatt" in message
    step.refresh_from_db()
    assert step.status != ProcessStep.Status.DONE  # nothing written

    services.step_update(
        step=step, by=coordinator, data={"status": "done", "confirm_incomplete": True}
    )
    step.refresh_from_db()
    assert step.status == ProcessStep.Status.DONE


def test_step_form_says_what_is_missing_and_offers_the_confirmation(
    client_for, municipality, coordinator
):
    client = client_for(coordinator)
    url = reverse("municipalities:step_edit", args=[municipality.slug, "werkstattplan"])
    response = client.post(url, {"status-status": "done"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Für „Werkstattplan“ fehlt noch: ein Werkstattplan mit Maßnahmen." in text
    assert 'name="status-confirm_incomplete"' in text
    confirmed = client.post(url, {"status-status": "done", "status-confirm_incomplete": "on"})
    assert confirmed.status_code == 302
    assert municipality.steps.get(kind="plan").status == ProcessStep.Status.DONE


def test_every_demo_kommune_has_the_results_its_steps_claim():
    call_command("demo", stdout=io.StringIO())
    contradictions = {}
    for municipality in Municipality.objects.filter(is_demo=True):
        for step in municipality.steps.filter(status=ProcessStep.Status.DONE):
            missing = step_results.missing(municipality, step.kind)
            if missing:
                contradictions[f"{municipality.slug}/{step.kind}"] = missing
    assert contradictions == {}
    # The Kommunen of the report: Seedorf (step 5) and Landkreis Musterland (step 4).
    seedorf = Municipality.objects.get(slug="seedorf-am-wald")
    assert seedorf.steps.get(kind="plan").status == ProcessStep.Status.DONE
    assert seedorf.steps.get(kind="review").status == ProcessStep.Status.IN_PROGRESS
    musterland = Municipality.objects.get(slug="landkreis-musterland")
    assert musterland.steps.get(kind="workshop").status == ProcessStep.Status.DONE
    # Issue 16, item 10: every measure shows its Handlungsfeld (none "keinem … zugeordnet").
    without_theme = Measure.objects.filter(plan__municipality__is_demo=True, theme=None)
    assert list(without_theme.values_list("plan__municipality__slug", "title")) == []


def test_a_closed_step_without_its_result_says_what_is_missing(
    client_for, municipality, coordinator
):
    step = municipality.steps.get(kind="workshop")
    services.step_update(
        step=step, by=coordinator, data={"status": "done", "confirm_incomplete": True}
    )
    url = reverse("municipalities:step", args=[municipality.slug, "zukunftswerkstatt"])
    html = client_for(coordinator).get(url).content.decode()
    assert "kern-alert--warning" in html
    assert (
        "Als abgeschlossen markiert, aber es fehlt noch: eine abgeschlossene Zukunftswerkstatt."
        in html
    )
