"""A code the team chooses must not be guessable (issue 21.13: two of eleven plain words
were found by trying); empty gives a generated code, an existing code may stay."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from zwk.workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _form(code: str) -> dict:
    start = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    return {
        "title": "Werkstatt 2040",
        "question": "Wie wollen wir leben?",
        "starts_at": start,
        "place": "Bürgerhaus",
        "access": "public",
        "code": code,
        "vote_budget": 5,
        "max_points_per_card": 2,
        "retention_days": 90,
    }


@pytest.mark.parametrize(
    "code", ["zukunft", "beirat", "werkstatt", "musterdorf", "beirat2024", "2040-zukunft", "ab12"]
)
def test_a_guessable_code_is_refused_in_plain_german(client_for, municipality, coordinator, code):
    url = reverse("workshops:create", kwargs={"slug": municipality.slug})
    response = client_for(coordinator).post(url, _form(code))
    assert response.status_code == 400
    assert "zu leicht zu erraten" in response.content.decode()
    assert not Workshop.objects.exists()


@pytest.mark.parametrize("code", ["wald7see3", "k7m3-beirat-9x"])
def test_a_mixed_code_is_accepted(client_for, municipality, coordinator, code):
    url = reverse("workshops:create", kwargs={"slug": municipality.slug})
    assert client_for(coordinator).post(url, _form(code)).status_code == 302
    assert Workshop.objects.get().code == code


def test_an_empty_code_gives_a_generated_one(client_for, municipality, coordinator):
    url = reverse("workshops:create", kwargs={"slug": municipality.slug})
    assert client_for(coordinator).post(url, _form("")).status_code == 302
    assert len(Workshop.objects.get().code) == 6


def test_an_existing_code_may_stay_when_the_workshop_is_edited(client_for, workshop, coordinator):
    assert workshop.code == "werkstatt"  # from before the rule
    url = reverse("workshops:edit", kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk})
    data = _form("werkstatt") | {"title": "Neuer Titel"}
    assert client_for(coordinator).post(url, data).status_code == 302
    workshop.refresh_from_db()
    assert workshop.title == "Neuer Titel" and workshop.code == "werkstatt"
    assert client_for(coordinator).post(url, _form("zukunft")).status_code == 400
