"""Login by username or e-mail, lock-out after repeated failures, audit of security events."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from zwk.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reset_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


def _login(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_with_username(client):
    UserFactory(username="erika")
    response = _login(client, "erika")
    assert response.status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 200


def test_login_with_email_address_ignores_case(client):
    UserFactory(username="erika", email="Erika.Muster@Example.org")
    response = _login(client, "erika.muster@example.org")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="auth.login", actor__username="erika").exists()


def test_wrong_password_shows_german_message_and_is_audited(client):
    UserFactory(username="erika")
    response = _login(client, "erika", "falsch")
    assert response.status_code == 200
    assert "Passwort sind nicht richtig" in response.content.decode()
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.security and entry.actor_label == "erika"


def test_lockout_after_repeated_failures(client, settings):
    UserFactory(username="erika")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "erika", "falsch")
    # Even the right password is refused while locked out.
    response = _login(client, "erika")
    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()
    assert client.get(reverse("accounts:account")).status_code == 302


def test_inactive_user_cannot_log_in(client):
    UserFactory(username="erika", is_active=False)
    response = _login(client, "erika")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_requires_post_and_ends_session(client):
    UserFactory(username="erika")
    _login(client, "erika")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 302


def test_password_reset_mail_contains_working_link(client, mailoutbox):
    UserFactory(username="erika", email="erika@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "ERIKA@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    link = next(line for line in body.splitlines() if "/passwort-neu/" in line)
    path = link[link.index("/passwort-neu/") :]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Neues-Passwort-77", "new_password2": "Neues-Passwort-77"}
    )
    assert response.status_code == 302
    assert _login(client, "erika", "Neues-Passwort-77").status_code == 302
    assert AuditEntry.objects.filter(action="auth.password_reset").exists()


def test_password_reset_for_unknown_address_reveals_nothing(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_password_change(client):
    user = UserFactory(username="erika")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Anderes-Passwort-55",
            "new_password2": "Anderes-Passwort-55",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Anderes-Passwort-55")


def test_account_email_must_stay_unique(client):
    UserFactory(username="anna", email="anna@example.org")
    user = UserFactory(username="erika")
    client.force_login(user)
    response = client.post(
        reverse("accounts:account"),
        {"first_name": "E", "last_name": "M", "email": "ANNA@example.org"},
    )
    assert response.status_code == 200
    assert "schon von einem anderen Konto" in response.content.decode()
    user.refresh_from_db()
    assert user.email != "ANNA@example.org"
