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
def _isolated_cache(monkeypatch):
    """Population figures and card lists live in the (shared) cache and ids repeat between
    tests: no population cache, an empty card list cache (rate-limit namespaces per test:
    tests/django_fixtures.py) – without flushing a cache other test runs may share."""
    from zwk.workshops import selectors

    monkeypatch.setattr(selectors, "POPULATION_CACHE_SECONDS", 0)
    selectors.clear_card_cache()
