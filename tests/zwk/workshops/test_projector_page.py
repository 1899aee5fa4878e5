"""The projector is the room's screen (issue 16, item 7): no site header or navigation, no
moderator name, no "Abmelden" – only the workshop, the way to join and the live board."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_projector_shows_the_workshop_without_the_site_chrome(client_for, workshop, coordinator):
    url = reverse(
        "workshops:projector", kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk}
    )
    response = client_for(coordinator).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert workshop.title in html and workshop.code in html
    assert "Abmelden" not in html
    assert str(coordinator) not in html and coordinator.username not in html
    assert 'class="site-header"' not in html and "Hauptnavigation" not in html
    assert html.count("<main") == 1 and html.count("<h1") == 1
    assert 'href="/static/workshops/workshops.css"' in html
