"""Account hardening from the attack-and-stress test (issue 21): one lock-out per person,
invitations bound to their address, over-long names as form errors instead of HTTP 500."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, MunicipalityFactory, UserFactory
from zwk.accounts.models import AuditEntry
from zwk.municipalities import services as municipality_services
from zwk.municipalities.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reset_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


def _login(client, login, password=PASSWORD):
    client.logout()
    return client.post(reverse("accounts:login"), {"username": login, "password": password})


# --- 3. Lock-out per person, not per spelling ------------------------------------------------

SPELLINGS = [
    "beratung3",
    "Beratung3",
    "BERATUNG3",
    " beratung3 ",
    "beratung3@beispiel.de",
    "Beratung3@Beispiel.DE",
    "BERATUNG3@BEISPIEL.DE",
]


@pytest.mark.parametrize("locked_spelling", ["beratung3", "BERATUNG3@BEISPIEL.DE"])
def test_a_locked_person_is_locked_under_every_spelling(client, settings, locked_spelling):
    UserFactory(username="beratung3", email="beratung3@beispiel.de")
    UserFactory(username="erika", email="erika@beispiel.de")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert _login(client, locked_spelling, "falsch").status_code in (200, 429)
    for spelling in SPELLINGS:
        response = _login(client, spelling)
        assert response.status_code == 429, spelling
        assert "vorübergehend gesperrt" in response.content.decode()
        assert "_auth_user_id" not in client.session
    # Somebody else, from the same address, still gets in.
    assert _login(client, "erika").status_code == 302
    assert _login(client, "Erika@Beispiel.de").status_code == 302


def test_failures_under_different_spellings_add_up(client, settings):
    UserFactory(username="beratung3", email="beratung3@beispiel.de")
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(client, SPELLINGS[number % len(SPELLINGS)], "falsch")
    assert _login(client, "beratung3").status_code == 429


def test_a_successful_login_clears_the_count_of_every_spelling(client, settings):
    UserFactory(username="beratung3", email="beratung3@beispiel.de")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "BERATUNG3", "falsch")
    assert _login(client, "beratung3@beispiel.de").status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "Beratung3", "falsch")
    assert _login(client, "beratung3").status_code == 302


# --- 4. An invitation belongs to the address it was sent to ------------------------------------


@pytest.fixture
def musterstadt_invitation(db):
    musterstadt = MunicipalityFactory(name="Musterstadt", slug="musterstadt")
    coordinator = UserFactory(username="koordination-musterstadt")
    Membership.objects.create(
        user=coordinator, municipality=musterstadt, role=Membership.Role.COORDINATOR
    )
    return municipality_services.invitation_create(
        email="Neu.Im.Team@Musterstadt.de", kind="member", municipality=musterstadt, by=coordinator
    )


def _accept_url(invitation):
    return reverse("invitation_accept", kwargs={"token": invitation.token})


def test_another_account_cannot_take_an_invitation(client_for, musterstadt_invitation):
    beispielhausen = MunicipalityFactory(name="Beispielhausen", slug="beispielhausen")
    intruder = UserFactory(username="team-beispielhausen", email="team@beispielhausen.de")
    Membership.objects.create(user=intruder, municipality=beispielhausen)
    client = client_for(intruder)

    page = client.get(_accept_url(musterstadt_invitation))
    text = page.content.decode()
    assert "gilt für eine andere E-Mail-Adresse" in text
    assert "Neu.Im.Team@Musterstadt.de" in text and "Bitte melden Sie sich ab" in text
    assert "Einladung annehmen" not in text

    response = client.post(_accept_url(musterstadt_invitation))
    assert response.status_code == 403
    musterstadt_invitation.refresh_from_db()
    assert musterstadt_invitation.accepted_at is None
    assert not Membership.objects.filter(
        user=intruder, municipality=musterstadt_invitation.municipality
    ).exists()
    assert client.get(musterstadt_invitation.municipality.get_absolute_url()).status_code in (
        403,
        404,
    )
    assert not AuditEntry.objects.filter(action="invitation.accepted").exists()


def test_the_invited_address_accepts_in_any_case(client_for, musterstadt_invitation):
    invited = UserFactory(username="neu", email="neu.im.team@musterstadt.de")
    client = client_for(invited)
    response = client.post(_accept_url(musterstadt_invitation))
    assert response.status_code == 302
    assert Membership.objects.filter(
        user=invited, municipality=musterstadt_invitation.municipality
    ).exists()


def test_logging_out_from_the_wrong_account_leads_back_to_the_invitation(
    client_for, musterstadt_invitation
):
    client = client_for(UserFactory(username="andere", email="andere@beispiel.de"))
    url = _accept_url(musterstadt_invitation)
    response = client.post(reverse("accounts:logout"), {"next": url})
    assert response.status_code == 302 and response.url == url
    assert "Konto anlegen und Einladung annehmen" in client.get(url).content.decode()


# --- 11. Over-long names are form errors, not HTTP 500 (PostgreSQL) --------------------------

LONG_FIRST, LONG_LAST = "A" * 150, "B" * 150  # each allowed, together longer than 200


def test_account_page_refuses_an_overlong_full_name(client_for):
    user = UserFactory(username="erika")
    response = client_for(user).post(
        reverse("accounts:account"),
        {"first_name": LONG_FIRST, "last_name": LONG_LAST, "email": user.email},
    )
    assert response.status_code == 200
    assert "höchstens 200 Zeichen" in response.content.decode()
    user.refresh_from_db()
    assert user.first_name == "Erika"
    # 151 characters in one field: the model's limit, as a message.
    response = client_for(user).post(
        reverse("accounts:account"), {"first_name": "A" * 151, "last_name": "", "email": user.email}
    )
    assert "höchstens 150 Zeichen" in response.content.decode()


def test_invitation_with_an_overlong_name_is_a_form_error(client, musterstadt_invitation):
    response = client.post(
        _accept_url(musterstadt_invitation),
        {
            "first_name": LONG_FIRST,
            "last_name": LONG_LAST,
            "username": "neu",
            "password1": "Ein-Gutes-Passwort-1",
            "password2": "Ein-Gutes-Passwort-1",
        },
    )
    assert response.status_code == 400
    assert "höchstens 200 Zeichen" in response.content.decode()
    musterstadt_invitation.refresh_from_db()
    assert musterstadt_invitation.accepted_at is None


def test_an_account_with_a_long_name_from_the_admin_can_still_act(client_for):
    # Names set elsewhere (admin, older data) still fit the audit log and posts.
    UserFactory(username="lang", first_name=LONG_FIRST, last_name=LONG_LAST)
    response = _login(client_for(None), "lang")
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="auth.login", actor__username="lang")
    assert entry.actor_label.startswith(LONG_FIRST) and len(entry.actor_label) == 200


def test_office_without_consultant_profile_gets_a_clear_page(client_for):
    office = UserFactory(username="office", is_office=True, is_staff=True, is_superuser=True)
    response = client_for(office).get(reverse("consulting:my_profile"))
    assert response.status_code == 403
    assert "gehört nicht zum Beratungspool" in response.content.decode()
