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
    """Rate-limit counters and population figures live in the (shared) cache and ids repeat
    between tests: give each test its own rate-limit namespace and no population cache –
    without flushing a cache other test runs may share."""
    import uuid

    from zwk.workshops import ratelimit, selectors

    monkeypatch.setattr(ratelimit, "NAMESPACE", f"zwk:rl:test:{uuid.uuid4().hex}")
    monkeypatch.setattr(selectors, "POPULATION_CACHE_SECONDS", 0)
    selectors.clear_card_cache()
