"""Demo data of measure effects and the Demografie-Check (``demo/extensions/decisions.py``)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory
from zwk.decisions.models import CheckVersion
from zwk.plans.models import MeasureEffect

pytestmark = pytest.mark.django_db


def test_demo_has_a_neubaugebiet_and_a_check(client):
    call_command("demo", stdout=io.StringIO())
    effects = MeasureEffect.objects.filter(
        measure__plan__municipality__slug="musterstadt",
        measure__title="Neubaugebiet Am Sonnenhang",
    )
    assert sorted(effects.values_list("kind", flat=True)) == ["housing", "places"]
    version = CheckVersion.objects.get(title="Tagespflege in der Altstadt")
    assert version.area_name == "Altstadt" and version.check_obj.municipality.slug == "musterstadt"

    call_command("demo", stdout=io.StringIO())  # idempotent
    assert effects.count() == 2 and CheckVersion.objects.count() == 1

    client.force_login(UserFactory(username="gs-demo", is_office=True))
    page = client.get(reverse("plans:effects", kwargs={"slug": "musterstadt"})).content.decode()
    assert "Neubaugebiet Am Sonnenhang" in page and "Krippenplätze" in page and "mit Plan" in page
    listing = client.get(reverse("decisions:list", kwargs={"slug": "musterstadt"}))
    assert "Tagespflege in der Altstadt" in listing.content.decode()
    detail = client.get(version.check_obj.get_absolute_url()).content.decode()
    assert "in Altstadt bis" in detail
