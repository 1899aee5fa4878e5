"""Downloads of non-public data are security events in the audit log (issue 9)."""

import pytest
from django.urls import reverse

from tests.zwk.test_permission_matrix import MATRIX, world  # noqa: F401  (fixture)
from zwk.accounts.decorators import EXPORT_ACTION
from zwk.accounts.models import AuditEntry

EXPORTS = [
    "consulting:export_csv",
    "consulting:export_xlsx",
    "exchange:attendees_export",
    "office:report_pdf",
    "office:report_xlsx",
    "plans:report_pdf",
    "plans:report_xlsx",
    "privacy:register_csv",
    "situation:initiatives_csv",
    "situation:initiatives_xlsx",
    "situation:swot_csv",
    "situation:swot_xlsx",
]


def _url(name, world):  # noqa: F811
    case = MATRIX[name]
    return reverse(name, kwargs={case.rename.get(k, k): world["kwargs"][k] for k in case.kwargs})


@pytest.mark.parametrize("name", EXPORTS)
def test_a_download_is_recorded_with_who_and_what(name, world, db, client_for, settings):  # noqa: F811
    settings.MEDIA_ROOT = world["media_root"]
    url = _url(name, world)
    office = world["users"]["office"]
    response = client_for(office).get(url)
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action=EXPORT_ACTION).latest("id")
    assert entry.actor == office and entry.security
    assert url in entry.message


def test_a_refused_download_is_not_recorded_as_an_export(world, db, client_for):  # noqa: F811
    before = AuditEntry.objects.filter(action=EXPORT_ACTION).count()
    client = client_for(world["users"]["other_member"])
    assert client.get(_url("plans:report_xlsx", world)).status_code == 404
    assert client.get(_url("privacy:register_csv", world)).status_code == 403
    assert AuditEntry.objects.filter(action=EXPORT_ACTION).count() == before
