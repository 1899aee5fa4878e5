"""The Django admin works for the office: every registered model's list, search and edit page."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_office(client, municipality, coordinator, pdf_upload):
    from zwk.municipalities import services

    services.document_upload(
        step=municipality.steps.first(),
        upload=pdf_upload(),
        title="P",
        doc_type="other",
        by=coordinator,
    )
    services.invitation_create(
        email="a@example.org", kind="member", municipality=municipality, by=coordinator
    )
    user = UserFactory(username="office-admin", is_office=True, is_staff=True, is_superuser=True)
    client.force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    return client


@pytest.mark.parametrize(
    "model",
    [m for m in admin.site._registry if m._meta.app_label in {"accounts", "municipalities"}],
    ids=lambda m: m._meta.label,
)
def test_admin_changelist_search_and_change_pages(admin_client_office, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = admin_client_office.get(changelist, {"q": "Muster"})
    assert response.status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert admin_client_office.get(change).status_code == 200


def test_audit_log_is_read_only_in_admin(admin_client_office):
    from zwk.accounts.models import AuditEntry

    entry = AuditEntry.objects.first()
    url = reverse("admin:accounts_auditentry_delete", args=[entry.pk])
    assert admin_client_office.post(url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
