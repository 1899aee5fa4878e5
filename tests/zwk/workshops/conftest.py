import pytest

from tests.zwk.workshops.factories import join, make_workshop, open_phase


@pytest.fixture
def workshop(municipality, coordinator):
    return make_workshop(municipality, by=coordinator, code="werkstatt")


@pytest.fixture
def critique(workshop, coordinator):
    return open_phase(workshop, "critique", by=coordinator)


@pytest.fixture
def anna(workshop):
    return join(workshop, "Anna", age_group="25-39")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()
