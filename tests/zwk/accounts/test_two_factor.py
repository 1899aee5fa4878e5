"""Two-factor sign-in: set-up with a real TOTP code, the two-step login, backup codes,
throttling, and the requirement for office, consultants and coordinators."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory
from zwk.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reset_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


def _code(device: TOTPDevice, offset: int = 0) -> str:
    """What the authenticator app shows now (RFC 6238 via django_otp.oath, not our code).

    A code is accepted once per 30-s step (replay protection), so a second login in the same
    test uses the next step (``offset=1``), which the device accepts as clock drift. The
    device's own drift counts too: a code checked just after a 30-s boundary was accepted as
    the previous step and the device then expects codes one step earlier (without this, a test
    failed whenever a step ended between making and checking a code).
    """
    drift = offset + device.drift
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def _enable(client, user) -> tuple[TOTPDevice, list[str]]:
    client.force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:two_factor"), {"code": _code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    client.logout()
    device.refresh_from_db()
    return device, codes


def _seconds_pass(device):
    """Let the throttling delay after a wrong code run out, without sleeping in the test."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5)
    )


def _password_step(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def _logged_in(client) -> bool:
    return client.get(reverse("accounts:account")).status_code == 200


def test_setup_shows_the_key_and_refuses_a_wrong_first_code(client):
    user = UserFactory(username="erika")
    client.force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    page = client.get(reverse("accounts:two_factor")).content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert "otpauth://" not in page  # the secret is in the QR image and the grouped key only
    assert re.search(r'<code class="secret">([A-Z2-7]{4} ?)+</code>', page)
    wrong = client.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "Der Code stimmt nicht" in wrong.content.decode()
    # Right after a wrong code the device waits a second: the page says so.
    hurried = client.post(reverse("accounts:two_factor"), {"code": _code(device)})
    assert "einige Sekunden" in hurried.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    # Reloading keeps the same key (the scanned QR code stays valid).
    client.get(reverse("accounts:two_factor"))
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_login_needs_the_second_factor_after_setup(client):
    user = UserFactory(username="erika")
    device, _codes = _enable(client, user)
    assert AuditEntry.objects.filter(action="auth.2fa_enabled", actor=user).exists()

    response = _password_step(client, "erika")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login_verify")
    assert not _logged_in(client), "the password alone must not give a session"

    wrong = client.post(reverse("accounts:login_verify"), {"code": "123456"})
    assert wrong.status_code == 400
    assert not _logged_in(client)
    # Right away even the right code is not checked (throttling makes guessing slow) ...
    hurried = client.post(reverse("accounts:login_verify"), {"code": _code(device)})
    assert "einige Sekunden" in hurried.content.decode()
    assert not _logged_in(client)
    _seconds_pass(device)

    # The app's next code (one step later, within the allowed drift) signs in.
    ok = client.post(reverse("accounts:login_verify"), {"code": _code(device, offset=1)})
    assert ok.status_code == 302
    assert _logged_in(client)
    assert AuditEntry.objects.filter(action="auth.2fa_failed").count() == 2


def test_backup_codes_work_exactly_once(client):
    user = UserFactory(username="erika")
    _device, codes = _enable(client, user)
    _password_step(client, "erika")
    assert (
        client.post(reverse("accounts:login_verify"), {"code": codes[0].upper()}).status_code == 302
    )
    assert _logged_in(client)
    client.logout()
    _password_step(client, "erika")
    again = client.post(reverse("accounts:login_verify"), {"code": codes[0]})
    assert again.status_code == 400
    assert not _logged_in(client)


def test_five_wrong_codes_send_back_to_the_password(client):
    user = UserFactory(username="erika")
    device, _codes = _enable(client, user)
    _password_step(client, "erika")
    for _ in range(4):
        assert client.post(reverse("accounts:login_verify"), {"code": "999999"}).status_code == 400
    last = client.post(reverse("accounts:login_verify"), {"code": "999999"})
    assert last.status_code == 302 and last["Location"] == reverse("accounts:login")
    # The pending login is gone: even the right code does not help now.
    _seconds_pass(device)
    assert client.post(reverse("accounts:login_verify"), {"code": _code(device)}).status_code == 302
    assert not _logged_in(client)


def test_pending_login_expires(client, monkeypatch):
    user = UserFactory(username="erika")
    device, _codes = _enable(client, user)
    _password_step(client, "erika")
    later = time.time() + 301
    monkeypatch.setattr("zwk.accounts.two_factor.time.time", lambda: later)
    client.post(reverse("accounts:login_verify"), {"code": _code(device)})
    assert not _logged_in(client)


def test_disable_needs_a_verified_session_and_confirmation(client):
    user = UserFactory(username="erika")
    device, _codes = _enable(client, user)
    _password_step(client, "erika")
    client.post(reverse("accounts:login_verify"), {"code": _code(device, offset=1)})
    confirm = client.get(reverse("accounts:two_factor_disable"))
    assert confirm.status_code == 200 and "ausschalten" in confirm.content.decode()
    assert client.post(reverse("accounts:two_factor_disable")).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    client.logout()
    assert _password_step(client, "erika")["Location"] != reverse("accounts:login_verify")


def test_renewing_backup_codes_invalidates_the_old_ones(client):
    user = UserFactory(username="erika")
    device, old = _enable(client, user)
    _password_step(client, "erika")
    client.post(reverse("accounts:login_verify"), {"code": _code(device, offset=1)})
    page = client.post(reverse("accounts:two_factor_backup_codes")).content.decode()
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    client.logout()
    _password_step(client, "erika")
    assert client.post(reverse("accounts:login_verify"), {"code": old[1]}).status_code == 400


@pytest.mark.parametrize("role", ["office", "consultant", "coordinator"])
def test_privileged_roles_must_set_up_two_factor(settings, role, request):
    settings.TWO_FACTOR_REQUIRED = True
    user = {
        "office": lambda: UserFactory(username="office", is_office=True),
        "consultant": lambda: UserFactory(username="beratung", is_consultant=True),
        "coordinator": lambda: request.getfixturevalue("coordinator"),
    }[role]()
    client = Client()
    client.force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    response = client.get(reverse("municipalities:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor") + "?next=")
    # Logging out and the set-up page itself stay reachable.
    assert client.get(reverse("accounts:two_factor")).status_code == 200
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts:two_factor"), {"code": _code(device)})
    assert client.get(reverse("municipalities:list")).status_code == 200


def test_a_member_is_not_forced(settings, member, client_for):
    settings.TWO_FACTOR_REQUIRED = True
    assert client_for(member).get(reverse("municipalities:list")).status_code == 200


def test_an_old_session_of_a_user_with_two_factor_must_confirm(settings, client):
    settings.TWO_FACTOR_REQUIRED = True
    user = UserFactory(username="office", is_office=True)
    device, _codes = _enable(client, user)
    client.force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")  # no OTP
    assert client.get(reverse("accounts:account")).status_code == 302
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert "bestätigen Sie diese Sitzung" in page
    client.post(reverse("accounts:two_factor"), {"code": _code(device, offset=1)})
    assert client.get(reverse("accounts:account")).status_code == 200
