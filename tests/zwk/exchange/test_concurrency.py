"""No overbooking when many people register and cancel at the same moment.

On PostgreSQL, threads with their own connections register and cancel at once; every seat
change locks the event row, so the confirmed never exceed the capacity and each freed place
goes to exactly one person from the waiting list. SQLite serialises writers anyway (one at a
time), so there the same calls run one after the other – the same invariant, checked
sequentially.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from zwk.exchange import services
from zwk.exchange.models import Registration, RegistrationStatus

CAPACITY = 5


def _run_all(jobs):
    """Run callables at the same moment (PostgreSQL) or one after another (SQLite)."""
    results: list[str] = []

    def run(job, barrier):
        try:
            if barrier:
                barrier.wait(timeout=20)
            job()
            results.append("ok")
        except ValidationError:
            results.append("refused")
        except Exception as exc:  # pragma: no cover - shown in the assertion message
            results.append(f"error: {exc!r}")
        finally:
            if barrier:
                connections.close_all()

    if connection.vendor == "postgresql":
        barrier = threading.Barrier(len(jobs))
        threads = [threading.Thread(target=run, args=(job, barrier)) for job in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    else:
        for job in jobs:
            run(job, None)
    return results


def _counts(event):
    rows = Registration.objects.filter(event=event)
    return {status: rows.filter(status=status).count() for status in RegistrationStatus.values}


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_exceed_the_capacity(make_event):
    event = make_event(capacity=CAPACITY)
    jobs = [
        (
            lambda i=i: services.registration_create(
                event=event, name=f"Person {i}", email=f"p{i}@example.org", organisation="X"
            )
        )
        for i in range(20)
    ]
    results = _run_all(jobs)
    assert results.count("ok") == 20, results
    assert _counts(event) == {"confirmed": CAPACITY, "waiting": 15, "cancelled": 0}
    # The waiting list keeps the order of arrival: every waiting person came after every
    # confirmed one.
    confirmed = event.registrations.filter(status="confirmed")
    waiting = event.registrations.filter(status="waiting")
    assert max(r.created_at for r in confirmed) <= min(r.created_at for r in waiting)


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_move_up_exactly_one_each_without_overbooking(make_event):
    event = make_event(capacity=CAPACITY)
    people = [
        services.registration_create(
            event=event, name=f"Person {i}", email=f"p{i}@example.org", organisation="X"
        )
        for i in range(CAPACITY + 6)
    ]
    confirmed, waiting = people[:CAPACITY], people[CAPACITY:]
    # Three confirmed cancel, twice each (double clicks), while two new people register.
    jobs = [lambda r=r: services.registration_cancel(registration=r) for r in confirmed[:3]] * 2
    jobs += [
        lambda i=i: services.registration_create(
            event=event, name=f"Neu {i}", email=f"neu{i}@example.org", organisation="X"
        )
        for i in range(2)
    ]
    results = _run_all(jobs)
    assert not [r for r in results if r.startswith("error")], results

    counts = _counts(event)
    assert counts["confirmed"] == CAPACITY  # freed places filled, never more
    assert counts["cancelled"] == 3
    assert counts["waiting"] == 6 - 3 + 2
    # The first three of the waiting list moved up – in order, nobody skipped.
    moved = set(event.registrations.filter(status="confirmed").values_list("pk", flat=True))
    assert {r.pk for r in waiting[:3]} <= moved
    assert not {r.pk for r in waiting[3:]} & moved
