"""No lost or double votes under concurrency: the budget holds in the database.

On PostgreSQL, 20 threads (own connections) spend points of one participant at the same time;
exactly the budget is stored. SQLite serialises writers anyway (one writer at a time), so there
the same requests run one after the other – the equivalent check of the invariant.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests.zwk.workshops.factories import join, make_workshop, open_phase
from zwk.workshops import services, voting
from zwk.workshops.models import Ballot, Vote

ATTEMPTS = 20


def _spend(participant, card, results, barrier):
    try:
        barrier.wait(timeout=10)
        voting.vote_cast(participant=participant, card=card)
        results.append("ok")
    except ValidationError:
        results.append("refused")
    except Exception as exc:  # pragma: no cover - shown in the assertion message
        results.append(f"error: {exc!r}")
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_beyond_budget_store_exactly_the_budget(municipality, coordinator):
    workshop = make_workshop(
        municipality, by=coordinator, code="parallel", vote_budget=5, max_points_per_card=5
    )
    phase = open_phase(workshop, "critique", by=coordinator)
    anna = join(workshop, "Anna")
    cards = [
        services.card_add_paper(phase=phase, by=coordinator, text=f"Karte {i}") for i in range(4)
    ]
    results: list[str] = []
    jobs = [(anna, cards[i % len(cards)]) for i in range(ATTEMPTS)]
    if connection.vendor == "postgresql":
        barrier = threading.Barrier(ATTEMPTS)
        threads = [threading.Thread(target=_spend, args=(p, c, results, barrier)) for p, c in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    else:
        for p, c in jobs:
            try:
                voting.vote_cast(participant=p, card=c)
                results.append("ok")
            except ValidationError:
                results.append("refused")
    assert results.count("ok") == 5, results
    assert results.count("refused") == ATTEMPTS - 5, results
    stored = sum(Vote.objects.filter(participant=anna).values_list("points", flat=True))
    assert stored == 5
    assert Ballot.objects.get(participant=anna).spent == 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_of_many_participants_are_all_counted(municipality, coordinator):
    workshop = make_workshop(municipality, by=coordinator, code="viele", vote_budget=2)
    phase = open_phase(workshop, "critique", by=coordinator)
    card = services.card_add_paper(phase=phase, by=coordinator, text="Hot card")
    people = [join(workshop, f"P{i}") for i in range(10)]
    results: list[str] = []
    jobs = [(p, card) for p in people for _ in range(2)]
    if connection.vendor == "postgresql":
        barrier = threading.Barrier(len(jobs))
        threads = [threading.Thread(target=_spend, args=(p, c, results, barrier)) for p, c in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    else:
        for p, c in jobs:
            voting.vote_cast(participant=p, card=c)
            results.append("ok")
    assert results.count("ok") == 20, results
    assert sum(Vote.objects.filter(card=card).values_list("points", flat=True)) == 20


@pytest.mark.django_db(transaction=True)
def test_concurrent_vote_requests_from_one_phone_store_exactly_the_budget(
    municipality, coordinator
):
    """The same through HTTP: 20 simultaneous clicks of one phone (same cookie)."""
    from django.test import Client
    from django.urls import reverse

    workshop = make_workshop(
        municipality, by=coordinator, code="http-parallel", vote_budget=5, max_points_per_card=5
    )
    phase = open_phase(workshop, "critique", by=coordinator)
    cards = [
        services.card_add_paper(phase=phase, by=coordinator, text=f"Karte {i}") for i in range(4)
    ]
    phone = Client()
    phone.post(
        reverse("participate:entry", kwargs={"code": workshop.code}),
        {"pseudonym": "Anna", "consent": "on"},
    )
    cookies = phone.cookies
    statuses: list[int] = []

    def click(card, barrier=None):
        client = Client()
        client.cookies = cookies
        try:
            if barrier is not None:
                barrier.wait(timeout=10)
            url = reverse("participate:vote", kwargs={"code": workshop.code, "card": card.pk})
            statuses.append(client.post(url, HTTP_HX_REQUEST="true").status_code)
        finally:
            connections.close_all()

    jobs = [cards[i % len(cards)] for i in range(ATTEMPTS)]
    if connection.vendor == "postgresql":
        barrier = threading.Barrier(ATTEMPTS)
        threads = [threading.Thread(target=click, args=(c, barrier)) for c in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    else:
        for card in jobs:
            click(card)
    assert statuses.count(200) == 5, statuses
    assert statuses.count(400) == ATTEMPTS - 5, statuses
    assert sum(Vote.objects.values_list("points", flat=True)) == 5
