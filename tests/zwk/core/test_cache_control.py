"""No-store for everything that is not public; public pages keep their caching (issue 21.12)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.zwk.profiles.test_views import _synthetic
from zwk.municipalities import services as municipality_services

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_logged_in_pages_and_private_downloads_are_not_stored(client_for, member, municipality):
    _synthetic()  # a Kommunalprofil that is not published
    client = client_for(member)
    for url in (
        reverse("municipalities:workspace", kwargs={"slug": municipality.slug}),
        reverse("accounts:account"),
        reverse("profiles:export_xlsx", kwargs={"slug": municipality.slug}),
        reverse("profiles:export_csv", kwargs={"slug": municipality.slug, "table": "kennzahlen"}),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    # Even a public page: it shows the signed-in person's name.
    assert _no_store(client.get(reverse("toolbox:list")))


def test_public_pages_for_anonymous_visitors_stay_cacheable(client):
    response = client.get(reverse("toolbox:list"))
    assert response.status_code == 200
    assert not _no_store(response)


def test_links_with_a_secret_token_and_api_keys_are_not_stored(client, municipality):
    by = UserFactory(is_office=True)
    invitation = municipality_services.invitation_create(
        email="neu@example.org", kind="member", municipality=municipality, by=by
    )
    response = client.get(reverse("invitation_accept", kwargs={"token": invitation.token}))
    assert response.status_code == 200 and _no_store(response)
    response = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "x-y"})
    )
    assert _no_store(response)
    # The participant side of a Zukunftswerkstatt (device identity, own cards).
    assert _no_store(client.get(reverse("participate:index")))
    # Requests with an API key, whatever the answer.
    assert _no_store(client.get("/api/v1/", HTTP_AUTHORIZATION="Bearer falsch"))
