"""After login each role lands on its own start page (issue 16, item 5); ?next= still wins."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, membership
from zwk.consulting.models import ConsultingRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reset_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


def _login(user, next_url=""):
    client = Client()
    url = reverse("accounts:login") + (f"?next={next_url}" if next_url else "")
    response = client.post(url, {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    return response


def test_team_member_of_one_kommune_lands_in_its_workspace(member, municipality):
    response = _login(member)
    assert response.redirect_chain[-1][0] == municipality.get_absolute_url()


def test_member_of_several_kommunen_chooses(coordinator, municipality, other_municipality):
    membership(coordinator, other_municipality)
    response = _login(coordinator)
    assert response.redirect_chain[-1][0] == reverse("start")
    text = response.content.decode()
    assert "Mit welcher Kommune möchten Sie arbeiten?" in text
    assert municipality.get_absolute_url() in text and other_municipality.get_absolute_url() in text


def test_consultant_sees_assigned_kommunen_and_open_requests(consultant, municipality):
    ConsultingRequest.objects.create(
        municipality=municipality,
        topic="Moderation der Zukunftswerkstatt",
        consultant=consultant,
        status=ConsultingRequest.Status.PROPOSED,
    )
    response = _login(consultant)
    text = response.content.decode()
    assert "Offene Anfragen" in text and "Moderation der Zukunftswerkstatt" in text
    assert municipality.get_absolute_url() in text


def test_office_lands_on_what_needs_attention(office_user):
    response = _login(office_user)
    assert response.redirect_chain[-1][0] == reverse("office:dashboard") + "#aufmerksamkeit"
    assert "Braucht Aufmerksamkeit" in response.content.decode()


def test_explicit_next_still_wins(member):
    response = _login(member, next_url=reverse("toolbox:list"))
    assert response.redirect_chain[-1][0] == reverse("toolbox:list")
