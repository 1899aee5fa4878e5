"""Shared Django fixtures: one Kommune with a user for every role, and a second Kommune.

Loaded by tests/conftest.py only when pytest-django is active, so that the demography
engine's tests run without Django (`pytest tests/demography -p no:django`).
"""

import pytest

from tests.factories import PDF_BYTES, MunicipalityFactory, UserFactory, assign, membership
from zwk.municipalities.models import Membership


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Musterdorf", slug="musterdorf", ags="09180999")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(
        name="Nachbarstadt", slug="nachbarstadt", ags="09181999", kind="stadt"
    )


@pytest.fixture
def office_user(db):
    return UserFactory(username="office", is_office=True)


@pytest.fixture
def coordinator(municipality):
    user = UserFactory(username="koordination")
    membership(user, municipality, Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def member(municipality):
    user = UserFactory(username="team")
    membership(user, municipality)
    return user


@pytest.fixture
def consultant(municipality):
    user = UserFactory(username="beratung")
    assign(user, municipality)
    return user


@pytest.fixture
def unassigned_consultant(db):
    return UserFactory(username="beratung-fremd", is_consultant=True)


@pytest.fixture
def other_member(other_municipality):
    user = UserFactory(username="fremd")
    membership(user, other_municipality, Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def client_for(client):
    """Log a user in (or out with None) and return the test client."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Fast password hashing and uploads into a temporary folder for every test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A page requested in another language (``?sprache=uk``) leaves that language active in
    the thread – mails sent later by services in the same process would then be written in it.
    Every test starts and ends in the default language, whatever ran before it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def pdf_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    def _make(name="protokoll.pdf", content=PDF_BYTES):
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return _make


@pytest.fixture(autouse=True)
def _isolated_rate_limits(monkeypatch):
    """Rate-limit counters live in the (shared) cache: a namespace per test (zwk.core)."""
    import uuid

    from zwk.core import ratelimit

    monkeypatch.setattr(ratelimit, "NAMESPACE", f"zwk:rl:test:{uuid.uuid4().hex}")


@pytest.fixture(autouse=True)
def _isolated_api_throttle(monkeypatch):
    """API rate-limit counters live in the (shared) cache: a namespace per test (zwk.api)."""
    import uuid

    from zwk.api import throttling

    monkeypatch.setattr(throttling, "NAMESPACE", f"zwk:api:throttle:test:{uuid.uuid4().hex}")
