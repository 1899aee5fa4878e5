"""Account hardening from the attack-and-stress test (issue 21): one lock-out per person,
invitations bound to their address, over-long names as form errors instead of HTTP 500."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reset_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


def _login(client, login, password=PASSWORD):
    client.logout()
    return client.post(reverse("accounts:login"), {"username": login, "password": password})


# --- 3. Lock-out per person, not per spelling ------------------------------------------------

SPELLINGS = [
    "beratung3",
    "Beratung3",
    "BERATUNG3",
    " beratung3 ",
    "beratung3@beispiel.de",
    "Beratung3@Beispiel.DE",
    "BERATUNG3@BEISPIEL.DE",
]


@pytest.mark.parametrize("locked_spelling", ["beratung3", "BERATUNG3@BEISPIEL.DE"])
def test_a_locked_person_is_locked_under_every_spelling(client, settings, locked_spelling):
    UserFactory(username="beratung3", email="beratung3@beispiel.de")
    UserFactory(username="erika", email="erika@beispiel.de")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert _login(client, locked_spelling, "falsch").status_code in (200, 429)
    for spelling in SPELLINGS:
        response = _login(client, spelling)
        assert response.status_code == 429, spelling
        assert "vorübergehend gesperrt" in response.content.decode()
        assert "_auth_user_id" not in client.session
    # Somebody else, from the same address, still gets in.
    assert _login(client, "erika").status_code == 302
    assert _login(client, "Erika@Beispiel.de").status_code == 302


def test_failures_under_different_spellings_add_up(client, settings):
    UserFactory(username="beratung3", email="beratung3@beispiel.de")
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(client, SPELLINGS[number % len(SPELLINGS)], "falsch")
    assert _login(client, "beratung3").status_code == 429


def test_a_successful_login_clears_the_count_of_every_spelling(client, settings):
    UserFactory(username="beratung3", email="beratung3@beispiel.de")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "BERATUNG3", "falsch")
    assert _login(client, "beratung3@beispiel.de").status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "Beratung3", "falsch")
    assert _login(client, "beratung3").status_code == 302
