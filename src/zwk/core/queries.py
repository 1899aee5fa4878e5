"""Small query helpers for hot paths."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def one_or_none(queryset: QuerySet[M]) -> M | None:
    """The row a lookup by a unique key finds, or None.

    Unlike ``first()`` no ORDER BY: compiling an ordering (the model's default or the primary
    key) is a measurable share of the CPU time of a vote during a live workshop, and a unique
    lookup has nothing to order.
    """
    return next(iter(queryset.order_by()[:1]), None)
