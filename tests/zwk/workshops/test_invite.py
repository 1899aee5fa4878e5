"""Invite-only workshops and the rate limit on participant-code lookups.

An invite-only workshop opens only with the invitation key its link and QR code carry (or the
participant cookie of this workshop): without it, it answers exactly like an unknown code.
Failed lookups count per IP address; after 20 in ten minutes that address gets 429.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.zwk.workshops.factories import make_workshop, open_phase
from zwk.workshops.models import Participant


@pytest.fixture
def invited(municipality, coordinator):
    workshop = make_workshop(
        municipality, by=coordinator, code="geheim", access="invite", title="Geschlossene Runde"
    )
    open_phase(workshop, "critique", by=coordinator)
    return workshop


def test_an_invite_only_workshop_opens_only_with_the_key_from_the_link(invited):
    entry = reverse("participate:entry", kwargs={"code": invited.code})
    link = invited.get_participant_url()
    assert link == f"{entry}?einladung={invited.invite_key}" and len(invited.invite_key) >= 32
    guest = Client()
    assert guest.get(entry).status_code == 404  # the code alone: like an unknown code
    assert guest.get(f"{entry}?einladung=falsch").status_code == 404
    page = guest.get(link)
    assert page.status_code == 200 and "Wie sollen wir Sie nennen?" in page.content.decode()
    # The privacy link and the plain-language switch keep the key.
    html = page.content.decode()
    privacy = reverse("participate:privacy", kwargs={"code": invited.code})
    assert f"{privacy}?einladung={invited.invite_key}" in html
    assert f'name="einladung" value="{invited.invite_key}"' in html
    assert guest.get(f"{privacy}?einladung={invited.invite_key}").status_code == 200
    assert guest.get(privacy).status_code == 404
    # Joining through the link (the form posts back to it), then the cookie is enough.
    joined = guest.post(link, {"pseudonym": "Anna", "consent": "on"})
    assert joined.status_code == 302
    board = guest.get(entry)
    assert board.status_code == 200 and "Sie machen mit als „Anna“" in board.content.decode()
    # Without key and without cookie: no join, nothing written.
    stranger = Client()
    assert stranger.post(entry, {"pseudonym": "Rater", "consent": "on"}).status_code == 404
    assert list(Participant.objects.values_list("pseudonym", flat=True)) == ["Anna"]


def test_the_code_of_an_invite_only_workshop_reveals_nothing(invited, workshop):
    guest = Client()
    index = reverse("participate:index")
    typed = guest.get(index, {"code": invited.code})
    unknown = guest.get(index, {"code": "gibtsnicht"})
    assert typed.status_code == unknown.status_code == 400
    assert "Link oder QR-Code aus der Einladung" in typed.content.decode()
    assert invited.title not in typed.content.decode()
    assert guest.get(index, {"code": workshop.code}).status_code == 302  # public: found
    # Participant-only URLs: 404 like an unknown code (a public workshop says 403).
    live = reverse("participate:live", kwargs={"code": invited.code})
    assert guest.get(live).status_code == 404
    public_live = reverse("participate:live", kwargs={"code": workshop.code})
    assert guest.get(public_live).status_code == 403


def test_invite_only_workshops_are_not_listed_and_the_projector_shows_the_keyed_link(
    client_for, invited, coordinator
):
    assert invited.title not in Client().get(reverse("participate:index")).content.decode()
    kwargs = {"slug": invited.municipality.slug, "pk": invited.pk}
    projector = client_for(coordinator).get(reverse("workshops:projector", kwargs=kwargs))
    html = projector.content.decode()
    assert f"einladung={invited.invite_key}" in html
    assert "ws-code" not in html  # no bare code to type for invite-only workshops


def test_failed_code_lookups_are_limited_per_address(workshop):
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(20):
        code = f"rate{n:02d}"
        assert guesser.get(reverse("participate:entry", kwargs={"code": code})).status_code == 404
    refused = guesser.get(reverse("participate:entry", kwargs={"code": workshop.code}))
    assert refused.status_code == 429  # even the right code: the answer reveals nothing
    assert "Zu viele erfolglose Versuche" in refused.content.decode()
    typed = guesser.get(reverse("participate:index"), {"code": workshop.code})
    assert typed.status_code == 429
    # Another address is not affected; successful lookups never count.
    neighbour = Client(REMOTE_ADDR="203.0.113.8")
    for _ in range(25):
        page = neighbour.get(reverse("participate:entry", kwargs={"code": workshop.code}))
        assert page.status_code == 200
