"""Contract test (schemathesis): every operation of /api/v1/openapi.json, called in-process
through the WSGI app with generated parameters, never answers 500 and always answers as the
schema says (status codes, content type, JSON body).

Known slugs and ids are exercised explicitly, because generated ones almost always miss.
Examples per operation are limited so that the whole test stays well under a minute.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.zwk.api import factories

APP = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def contract_world(db, office_user, member, municipality, monkeypatch):
    """Published data to read and a token of the test Kommune's member; rate limits lifted."""
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/min", "user": "100000/min"}
    )
    factories.statistics("09180555")
    factories.kommune("vertragsdorf", "09180555", by=office_user)
    entry = factories.entry(office_user, title="Vertragswerkzeug")
    event = factories.event(title="Vertragsforum")
    factories.publish_plan(municipality, by=office_user, measures=("Eigener Entwurf",))
    _token, plain = factories.token(member)
    # The WSGI handler closes the database connection after each request; inside the test's
    # transaction that kills it on PostgreSQL. Django's own test client disconnects the same
    # receivers while it runs a request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield {"token": plain, "own": municipality.slug, "entry": entry.slug, "event": event.pk}
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_generated_requests_conform_to_the_schema(case, contract_world):
    headers = {}
    if "/intern/" in case.path:
        headers["Authorization"] = f"Bearer {contract_world['token']}"
    case.call_and_validate(headers=headers, checks=CHECKS)


KNOWN = [
    ("/api/v1/kommunen/{slug}/", "vertragsdorf", False),
    ("/api/v1/kommunen/{slug}/profil/", "vertragsdorf", False),
    ("/api/v1/kommunen/{slug}/vorausberechnung/", "vertragsdorf", False),
    ("/api/v1/kommunen/{slug}/werkstattplan/", "vertragsdorf", False),
    ("/api/v1/werkzeuge/{slug}/", "entry", False),
    ("/api/v1/veranstaltungen/{id}/", "event", False),
    ("/api/v1/intern/kommunen/{slug}/", "own", True),
    ("/api/v1/intern/kommunen/{slug}/profil/", "own", True),
    ("/api/v1/intern/kommunen/{slug}/werkstattplan/", "own", True),
    ("/api/v1/intern/kommunen/{slug}/", "vertragsdorf", True),  # another Kommune: 404
]


@pytest.mark.parametrize(("path", "key", "with_token"), KNOWN)
def test_known_objects_conform_to_the_schema(path, key, with_token, contract_world):
    value = contract_world.get(key, key)
    name = "id" if "{id}" in path else "slug"
    case = schema[path]["GET"].Case(path_parameters={name: value})
    headers = {"Authorization": f"Bearer {contract_world['token']}"} if with_token else {}
    response = case.call_and_validate(headers=headers, checks=CHECKS)
    expected = 404 if key == "vertragsdorf" and with_token else 200
    assert response.status_code == expected
