"""Invitation journeys through the views: coordinator → team member, office → coordinator."""

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from zwk.accounts.models import User
from zwk.municipalities.models import Invitation, Membership

pytestmark = pytest.mark.django_db


def _link(mail):
    return re.search(r"https?://\S+(/einladung/\S+/)", mail.body).group(1)


def test_coordinator_invites_and_newcomer_creates_account(
    client_for, coordinator, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("municipalities:team_invite", kwargs={"slug": municipality.slug}),
            {
                "invite-email": "neu@example.org",
                "invite-kind": "member",
                "invite-message": "Willkommen im Team!",
            },
        )
    assert response.status_code == 302
    assert mailoutbox[0].to == ["neu@example.org"] and "Willkommen im Team!" in mailoutbox[0].body
    assert municipality.name in mailoutbox[0].subject
    client = client_for(None)
    url = _link(mailoutbox[0])
    assert "Konto an" in client.get(url).content.decode()
    # Mismatching passwords: German message, nothing created, input kept.
    bad = {
        "first_name": "Nora",
        "last_name": "Neu",
        "username": "nora",
        "password1": "Ein-Gutes-Passwort-1",
        "password2": "anders",
    }
    response = client.post(url, bad)
    assert response.status_code == 400 and "stimmen nicht überein" in response.content.decode()
    assert 'value="Nora"' in response.content.decode()
    assert not User.objects.filter(username="nora").exists()
    response = client.post(url, {**bad, "password2": "Ein-Gutes-Passwort-1"})
    assert response.status_code == 302 and response["Location"] == municipality.get_absolute_url()
    user = User.objects.get(username="nora")
    assert Membership.objects.get(user=user, municipality=municipality).role == "member"
    assert client.get(municipality.get_absolute_url()).status_code == 200  # logged in now
    assert "bereits angenommen" in client_for(None).get(url).content.decode()


def test_existing_user_accepts_while_logged_in(
    client_for, office_user, municipality, mailoutbox, django_capture_on_commit_callbacks
):
    existing = UserFactory(username="anna", email="anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(office_user).post(
            reverse("office:invite"),
            {
                "invite-email": "anna@example.org",
                "invite-kind": "coordinator",
                "invite-municipality": municipality.pk,
            },
        )
    url = _link(mailoutbox[0])
    client = client_for(None)
    html = client.get(url).content.decode()
    assert "melden Sie sich zuerst an" in html
    # Creating a second account for the same address is refused.
    response = client.post(
        url,
        {
            "first_name": "A",
            "last_name": "B",
            "username": "anna2",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 400 and "schon ein Konto" in response.content.decode()
    assert client_for(existing).post(url).status_code == 302
    assert Membership.objects.get(user=existing, municipality=municipality).role == "coordinator"


def test_office_invitation_of_team_needs_a_municipality(client_for, office_user):
    response = client_for(office_user).post(
        reverse("office:invite"), {"invite-email": "x@example.org", "invite-kind": "member"}
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie die Kommune" in response.content.decode()
    assert not Invitation.objects.exists()


def test_revoked_invitation_cannot_be_used(client_for, coordinator, municipality):
    client = client_for(coordinator)
    client.post(
        reverse("municipalities:team_invite", kwargs={"slug": municipality.slug}),
        {"invite-email": "z@example.org", "invite-kind": "member"},
    )
    invitation = Invitation.objects.get(email="z@example.org")
    client.post(
        reverse(
            "municipalities:invitation_revoke",
            kwargs={"slug": municipality.slug, "pk": invitation.pk},
        )
    )
    response = client_for(None).get(
        reverse("invitation_accept", kwargs={"token": invitation.token})
    )
    assert "zurückgezogen" in response.content.decode()
