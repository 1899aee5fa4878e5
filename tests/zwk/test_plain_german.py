"""Plain German instead of technical text (issue 16, defect 4): a date error at the field, not
the name of a database constraint; singular and plural instead of "Punkt(e)"; "Bitte wählen"
instead of "---------"; no "?:"; a newsletter button that is not "Anmelden"; page titles with
their separator."""

import re
from datetime import timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.zwk.workshops.factories import join, make_workshop, open_phase
from zwk.municipalities.models import Theme
from zwk.plans.models import Measure
from zwk.workshops import results, services, voting
from zwk.workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _workshop_post(start, end):
    return {
        "title": "Werkstatt 2040",
        "question": "Wie wollen wir leben?",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": end.strftime("%Y-%m-%dT%H:%M"),
        "place": "Bürgerhaus",
        "access": "public",
        "vote_budget": 5,
        "max_points_per_card": 2,
        "retention_days": 90,
    }


def test_workshop_ending_before_it_starts_gets_a_plain_field_error(
    client_for, municipality, coordinator
):
    start = timezone.localtime() + timedelta(days=7)
    url = reverse("workshops:create", kwargs={"slug": municipality.slug})
    response = client_for(coordinator).post(url, _workshop_post(start, start - timedelta(hours=2)))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_ends_at_error"' in html and "Das Ende muss nach dem Beginn liegen." in html
    assert "workshop_dates_ordered" not in html and "Bedingung" not in html
    assert not Workshop.objects.exists()


def test_empty_choice_of_a_select_reads_bitte_waehlen():
    class ThemeForm(forms.Form):
        theme = forms.ModelChoiceField(Theme.objects.all(), required=False, label="Thema")

    html = str(ThemeForm()["theme"])
    assert ">Bitte wählen</option>" in html and "---------" not in html


def test_vote_limit_says_punkt_in_the_singular(municipality, coordinator):
    workshop = make_workshop(
        municipality, by=coordinator, code="einpunkt", vote_budget=3, max_points_per_card=1
    )
    phase = open_phase(workshop, "critique", by=coordinator)
    card = services.card_add_paper(phase=phase, by=coordinator, text="Zu wenig Busse")
    anna = join(workshop)
    voting.vote_cast(participant=anna, card=card)
    with pytest.raises(ValidationError) as refused:
        voting.vote_cast(participant=anna, card=card)
    assert "höchstens 1 Punkt geben." in refused.value.messages[0]
    assert "(e)" not in refused.value.messages[0]


def test_sketch_carried_into_the_plan_has_no_question_mark_colon(
    client_for, municipality, coordinator
):
    workshop = make_workshop(municipality, by=coordinator, code="skizzen")
    sketch = results.sketch_save(
        workshop=workshop,
        by=coordinator,
        data={"title": "Bürgerbus", "goal": "Mobil bleiben", "who_needed": "Fahrerinnen"},
    )
    url = reverse("plans:carry_over", kwargs={"slug": municipality.slug})
    assert client_for(coordinator).post(url, {"skizze": [sketch.pk]}).status_code == 302
    measure = Measure.objects.get(origin_sketch=sketch)
    assert "Wer wird gebraucht? Fahrerinnen" in measure.description
    assert "?:" not in measure.description


def test_newsletter_button_is_not_the_login_word(client):
    html = client.get(reverse("newsletter:signup")).content.decode()
    assert re.search(r"<button[^>]*>(<span[^>]*>)?Newsletter abonnieren(</span>)?</button>", html)


def test_page_title_has_its_separator(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "<title>Anmelden – ZWK Zukunftswerkstatt Kommunen</title>" in html
