import pytest

from tests.zwk.participation.factories import make_project, make_survey


@pytest.fixture
def project(municipality, coordinator):
    return make_project(municipality, by=coordinator)


@pytest.fixture
def survey(project, coordinator):
    return make_survey(project, by=coordinator)
