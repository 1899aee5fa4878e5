"""The SWOT and the candidate Handlungsfelder appear in the Kommunalprofil and its PDF."""

import pytest
from django.urls import reverse

from zwk.core import hooks
from zwk.situation.models import SwotItem

pytestmark = pytest.mark.django_db


def test_empty_analysis_adds_nothing(municipality):
    assert hooks.slot(hooks.PROFILE_SECTIONS).render(municipality) == ""


def test_swot_items_show_in_the_profile_page(client_for, municipality, coordinator):
    SwotItem.objects.create(
        municipality=municipality,
        category=SwotItem.Category.THREAT,
        text="Fachkräfte für die Pflege fehlen",
    )
    html = (
        client_for(coordinator)
        .get(reverse("profiles:profile", kwargs={"slug": municipality.slug}))
        .content.decode()
    )
    assert "Fachkräfte für die Pflege fehlen" in html and "Situationsanalyse" in html


def test_report_and_page_hook_carries_the_swot(client_for, municipality, coordinator):
    from zwk.profiles import views as profile_views

    SwotItem.objects.create(
        municipality=municipality, category=SwotItem.Category.STRENGTH, text="Starkes Vereinsleben"
    )
    assert "Starkes Vereinsleben" in profile_views._situation_hook(municipality)
