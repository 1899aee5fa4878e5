"""The admin lists of the Beratungspool open and search (read-only where services must write)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory
from tests.zwk.consulting.factories import accepted_request, make_profile, set_budget


@pytest.mark.parametrize(
    "model",
    [m for m in admin.site._registry if m._meta.app_label == "consulting"],
    ids=lambda m: m._meta.label,
)
def test_admin_lists_open_and_search(
    client, municipality, coordinator, office_user, consultant, model
):
    make_profile(consultant)
    accepted_request(municipality, coordinator, office_user, consultant)
    set_budget(municipality, office_user, "4")
    staff = UserFactory(is_office=True, is_staff=True, is_superuser=True)
    client.force_login(staff, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(url, {"q": "Muster"}).status_code == 200
