import pytest

from tests.zwk.consultation.factories import make_consultation, make_plan


@pytest.fixture
def draft(municipality):
    """(plan, goal, measure) of the test Kommune."""
    return make_plan(municipality)


@pytest.fixture
def consultation(draft, coordinator):
    return make_consultation(draft[0], by=coordinator)
