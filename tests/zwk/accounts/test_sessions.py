"""The list of signed-in devices: shown to their owner only, others can be signed out."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from zwk.accounts.models import AuditEntry, UserSession
from zwk.accounts.sessions import ip_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reset_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


def _browser(username, agent, address):
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_ip_prefix_keeps_only_the_network():
    assert ip_prefix("192.0.2.77") == "192.0.2.0/24"
    assert ip_prefix("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert ip_prefix("kaputt") == ""


def test_sessions_are_listed_and_others_can_be_signed_out():
    UserFactory(username="erika")
    office = _browser("erika", "Firefox im Rathaus", "192.0.2.10")
    phone = _browser("erika", "Handy-Browser", "198.51.100.20")
    page = office.get(reverse("accounts:sessions")).content.decode()
    assert "Firefox im Rathaus" in page and "Handy-Browser" in page
    assert "198.51.100.0/24" in page and "198.51.100.20" not in page
    assert "dieses Gerät" in page

    response = office.post(reverse("accounts:sessions_end_others"))
    assert response.status_code == 302
    # The phone is signed out at its next request, the office browser is not.
    assert phone.get(reverse("accounts:account")).status_code == 302
    assert office.get(reverse("accounts:account")).status_code == 200
    assert UserSession.objects.count() == 1
    assert AuditEntry.objects.filter(action="auth.sessions_ended").exists()


def test_one_session_can_be_ended_but_not_someone_elses():
    UserFactory(username="erika")
    UserFactory(username="max")
    erika = _browser("erika", "A", "192.0.2.1")
    erika_phone = _browser("erika", "B", "192.0.2.2")
    max_ = _browser("max", "C", "192.0.2.3")
    phone_row = UserSession.objects.get(user_agent="B")
    # IDOR: Max cannot end Erika's session, it does not even exist for him.
    assert max_.post(reverse("accounts:session_end", args=[phone_row.pk])).status_code == 404
    assert erika_phone.get(reverse("accounts:account")).status_code == 200
    assert erika.post(reverse("accounts:session_end", args=[phone_row.pk])).status_code == 302
    assert erika_phone.get(reverse("accounts:account")).status_code == 302


def test_logout_and_expired_sessions_disappear_from_the_list():
    UserFactory(username="erika")
    first = _browser("erika", "A", "192.0.2.1")
    second = _browser("erika", "B", "192.0.2.2")
    first.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(user_agent="A").exists()
    page = second.get(reverse("accounts:sessions")).content.decode()
    assert "Sie sind auf keinem anderen Gerät angemeldet." in page
