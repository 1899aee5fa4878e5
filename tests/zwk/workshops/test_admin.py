"""The office's admin works for every workshop model: list, search and change pages."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory
from tests.zwk.workshops.factories import join
from zwk.workshops import results, services


@pytest.mark.parametrize(
    "model",
    [m for m in admin.site._registry if m._meta.app_label == "workshops"],
    ids=lambda m: m._meta.label,
)
def test_admin_pages(client, workshop, critique, coordinator, model):
    anna = join(workshop)
    card = services.card_create(participant=anna, phase=critique, text="Busse")
    services.cluster_create(phase=critique, title="Bus", by=coordinator, cards=[card])
    results.sketch_save(workshop=workshop, by=coordinator, data={"title": "Bus", "goal": "Mobil"})
    user = UserFactory(username="office-admin", is_office=True, is_staff=True, is_superuser=True)
    client.force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist, {"q": "Bus"}).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200
