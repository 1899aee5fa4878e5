"""Parallel day logs never overrun a budget: the budget row is locked while days are summed.

On PostgreSQL, 12 threads (own connections) each log one day against a 5-day budget at the
same moment; exactly 5 are stored. SQLite serialises writers anyway, so there the same calls
run one after the other – the equivalent check of the invariant.
"""

import threading
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests.zwk.consulting.factories import accepted_request, set_budget
from zwk.consulting import selectors, services
from zwk.consulting.models import DayLog

ATTEMPTS = 12


def _log(r, by, results, barrier=None):
    try:
        if barrier is not None:
            barrier.wait(timeout=10)
        services.day_log_add(
            consulting_request=r, by=by, worked_on=date.today(), days=D("1"), activity="parallel"
        )
        results.append("ok")
    except ValidationError:
        results.append("refused")
    except Exception as exc:  # pragma: no cover - shown in the assertion message
        results.append(f"error: {exc!r}")
    finally:
        if barrier is not None:
            connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_logs_store_exactly_the_budget(
    municipality, coordinator, office_user, consultant
):
    r = accepted_request(municipality, coordinator, office_user, consultant)
    set_budget(municipality, office_user, "5")
    results: list[str] = []
    if connection.vendor == "postgresql":
        barrier = threading.Barrier(ATTEMPTS)
        threads = [
            threading.Thread(target=_log, args=(r, consultant, results, barrier))
            for _ in range(ATTEMPTS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    else:
        for _ in range(ATTEMPTS):
            _log(r, consultant, results)
    assert results.count("ok") == 5, results
    assert results.count("refused") == ATTEMPTS - 5, results
    assert DayLog.objects.filter(request=r).count() == 5
    assert selectors.budget_of(municipality).left == D("0")
