"""Participant side over HTTP: join by link, cookie identity, cards, votes, live updates.

Also the participant permission matrix: participant of this workshop, of another workshop,
blocked participant, and accounts without a participant cookie.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.zwk.workshops.factories import make_workshop, open_phase
from zwk.workshops import results, services
from zwk.workshops.models import Card, Participant, Vote


def _join(client, workshop, name="Anna", **extra):
    url = reverse("participate:entry", kwargs={"code": workshop.code})
    return client.post(url, {"pseudonym": name, "consent": "on", **extra})


@pytest.fixture
def setup(workshop, coordinator, critique):
    card = services.card_add_paper(phase=critique, by=coordinator, text="Zu wenig Busse")
    return workshop, critique, card


def test_join_by_link_sets_a_device_cookie_and_rejoining_does_not_duplicate(client, workshop):
    url = reverse("participate:entry", kwargs={"code": workshop.code})
    page = client.get(url)
    assert "Wie sollen wir Sie nennen?" in page.content.decode()
    response = _join(client, workshop, age_group="18-24", district="Altstadt")
    assert response.status_code == 302
    assert f"zwk_werkstatt_{workshop.pk}" in response.cookies
    board = client.get(url)
    assert "Sie machen mit als „Anna“" in board.content.decode()
    _join(client, workshop, name="Anna")  # the same phone again
    assert Participant.objects.filter(workshop=workshop).count() == 1
    person = Participant.objects.get()
    assert person.consent_at and person.consent_version == "2026-11"


def test_join_without_consent_is_refused_and_keeps_the_input(client, workshop):
    url = reverse("participate:entry", kwargs={"code": workshop.code})
    response = client.post(url, {"pseudonym": "Anna"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bitte stimmen Sie dem Datenschutzhinweis zu" in body and 'value="Anna"' in body
    assert not Participant.objects.exists()


def test_code_is_case_insensitive_and_unknown_codes_are_explained(client, workshop):
    index = reverse("participate:index")
    assert client.post(index, {"code": workshop.code.upper()}).status_code == 302
    response = client.post(index, {"code": "gibtsnicht"})
    assert response.status_code == 400
    assert "keine Zukunftswerkstatt" in response.content.decode()


def test_participant_writes_a_card_that_others_see(setup):
    workshop, _phase, _card = setup
    anna, ben = Client(), Client()
    _join(anna, workshop, "Anna")
    _join(ben, workshop, "Ben")
    url = reverse("participate:card_create", kwargs={"code": workshop.code})
    response = anna.post(url, {"karte-text": "Mehr <b>Bänke</b> am Markt"})
    assert response.status_code == 302
    board = ben.get(reverse("participate:entry", kwargs={"code": workshop.code}))
    assert "Mehr Bänke am Markt" in board.content.decode()
    assert "&lt;b&gt;" not in board.content.decode()


def test_vote_by_htmx_returns_the_updated_region_and_budget(setup):
    workshop, _phase, card = setup
    anna = Client()
    _join(anna, workshop)
    url = reverse("participate:vote", kwargs={"code": workshop.code, "card": card.pk})
    response = anna.post(url, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sie haben noch 4 Punkte." in body and "1 Punkt" in body
    anna.post(url, HTTP_HX_REQUEST="true")
    refused = anna.post(url, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400
    assert "höchstens 2" in refused.content.decode()
    back = reverse("participate:unvote", kwargs={"code": workshop.code, "card": card.pk})
    anna.post(back, HTTP_HX_REQUEST="true")
    assert Vote.objects.get().points == 1


def test_live_region_answers_204_or_304_when_nothing_changed(setup, coordinator):
    workshop, phase, _card = setup
    anna = Client()
    _join(anna, workshop)
    url = reverse("participate:live", kwargs={"code": workshop.code})
    first = anna.get(url)
    assert first.status_code == 200
    tag = first["ETag"]
    version = tag.removeprefix('W/"').removesuffix('"')
    assert anna.get(url, {"v": version}).status_code == 204
    assert anna.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    services.card_add_paper(phase=phase, by=coordinator, text="Neue Papierkarte")
    changed = anna.get(url, {"v": version})
    assert changed.status_code == 200 and "Neue Papierkarte" in changed.content.decode()


def test_closed_phase_rejects_cards_with_a_clear_message(setup, coordinator):
    workshop, phase, _card = setup
    anna = Client()
    _join(anna, workshop)
    services.phase_close(phase=phase, by=coordinator)
    url = reverse("participate:card_create", kwargs={"code": workshop.code})
    response = anna.post(url, {"karte-text": "Zu spät"})
    assert response.status_code == 400
    assert "ist abgeschlossen" in response.content.decode()
    assert not Card.objects.filter(text="Zu spät").exists()


def test_card_rate_limit(setup, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "workshops.card": "2/1m"}
    workshop, _phase, _card = setup
    anna = Client()
    _join(anna, workshop)
    url = reverse("participate:card_create", kwargs={"code": workshop.code})
    codes = [anna.post(url, {"karte-text": f"Idee {i}"}).status_code for i in range(3)]
    assert codes == [302, 302, 429]
    assert Card.objects.filter(text__startswith="Idee").count() == 2


def test_plain_language_switches_the_participant_texts(setup):
    workshop, _phase, _card = setup
    anna = Client()
    _join(anna, workshop)
    anna.post(reverse("participate:plain_language", kwargs={"code": workshop.code}), {"an": "1"})
    body = anna.get(reverse("participate:entry", kwargs={"code": workshop.code})).content.decode()
    assert "Was finden Sie schlecht in unserem Ort?" in body


# --- Participant permission matrix ------------------------------------------------------


def _participant_urls(workshop, card):
    code = {"code": workshop.code}
    return [
        ("get", reverse("participate:live", kwargs=code)),
        ("post", reverse("participate:card_create", kwargs=code)),
        ("post", reverse("participate:vote", kwargs={**code, "card": card.pk})),
        ("post", reverse("participate:unvote", kwargs={**code, "card": card.pk})),
    ]


def test_participant_matrix(setup, municipality, coordinator, member):
    workshop, _phase, card = setup
    other = make_workshop(municipality, by=coordinator, code="nachbar")
    open_phase(other, "critique", by=coordinator)
    other_card = services.card_add_paper(
        phase=other.phases.get(kind="critique"), by=coordinator, text="Fremde Karte"
    )
    own, stranger, blocked, team = Client(), Client(), Client(), Client()
    _join(own, workshop, "Anna")
    _join(stranger, other, "Fremd")
    _join(blocked, workshop, "Störer")
    services.participant_block(
        participant=Participant.objects.get(pseudonym="Störer"), by=coordinator
    )
    team.force_login(member, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    expected = {
        "own": {"get": 200, "post": {200, 302, 400}},
        "stranger": {"get": 403, "post": {403}},
        "team": {"get": 403, "post": {403}},
    }
    for name, client in (("own", own), ("stranger", stranger), ("team", team)):
        for method, url in _participant_urls(workshop, card):
            status = getattr(client, method)(url).status_code
            allowed = expected[name][method]
            assert status in (allowed if isinstance(allowed, set) else {allowed}), (
                name,
                url,
                status,
            )
    # Blocked: may look, may not write or vote.
    vote_url = reverse("participate:vote", kwargs={"code": workshop.code, "card": card.pk})
    response = blocked.post(vote_url, HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and "gesperrt" in response.content.decode()
    # IDOR: a card of another workshop through this workshop's code → 404.
    idor = reverse("participate:vote", kwargs={"code": workshop.code, "card": other_card.pk})
    assert own.post(idor).status_code == 404
    assert not Vote.objects.filter(card=other_card).exists()
    # Unknown code → 404, not 403.
    assert own.get(reverse("participate:live", kwargs={"code": "unbekannt"})).status_code == 404


def test_follow_up_shows_participants_the_project_sketches(setup, coordinator):
    workshop, _phase, _card = setup
    results.sketch_save(
        workshop=workshop, by=coordinator, data={"title": "Bürgerbus", "goal": "Abends mobil"}
    )
    open_phase(workshop, "follow_up", by=coordinator)
    anna = Client()
    _join(anna, workshop)
    body = anna.get(reverse("participate:entry", kwargs={"code": workshop.code})).content.decode()
    assert "Wie geht es weiter?" in body and "Bürgerbus" in body and "Abends mobil" in body


def test_vote_without_javascript_explains_a_refusal_with_400(setup, coordinator):
    workshop, phase, card = setup
    anna = Client()
    _join(anna, workshop)
    url = reverse("participate:vote", kwargs={"code": workshop.code, "card": card.pk})
    assert anna.post(url).status_code == 302
    services.phase_close(phase=phase, by=coordinator)
    refused = anna.post(url)
    assert refused.status_code == 400
    assert "ist abgeschlossen" in refused.content.decode()
    assert Vote.objects.get().points == 1
