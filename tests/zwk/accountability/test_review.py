"""The Zwischenbilanz shows how many contributions became measures and how many are done."""

import pytest
from django.urls import reverse

from tests.zwk.accountability.factories import make_chain
from zwk.plans import services as plan_services

pytestmark = pytest.mark.django_db


def test_review_page_counts_contributions_that_became_measures_and_are_done(
    municipality, coordinator, client_for
):
    chain = make_chain(municipality, coordinator, publish=False)
    plan_services.measure_set_status(measure=chain.measure, by=coordinator, status="done")
    html = (
        client_for(coordinator)
        .get(reverse("review:review", kwargs={"slug": municipality.slug}))
        .content.decode()
    )
    assert "Was aus den Ideen der Bürgerinnen und Bürger wurde" in html
    assert "1 von 1 Beiträgen wurde zu einer Maßnahme, davon 1 umgesetzt." in html
