import pytest
from django.core.cache import cache

from tests.zwk.api import factories


@pytest.fixture(autouse=True)
def _fresh_payload_cache():
    """Indicator/projection payloads are cached per data version; ids repeat between tests."""
    cache.clear()


@pytest.fixture
def public_kommune(office_user):
    """A Kommune with statistics, published profile and published plan."""
    factories.statistics("09180111")
    return factories.kommune("offenbach-land", "09180111", by=office_user, name="Offendorf")


@pytest.fixture
def token_for():
    """``token_for(user, scopes=...)`` → the plain token for the Authorization header."""

    def _make(user, scopes=("read:kommune", "read:profile", "read:plan"), valid_days=30):
        return factories.token(user, scopes, valid_days)[1]

    return _make


@pytest.fixture
def api(client):
    """GET with an optional token: ``api(url, token=None, **headers)``."""

    def _get(url, token=None, data=None, **headers):
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return client.get(url, data or {}, **headers)

    return _get
