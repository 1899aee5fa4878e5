"""Fixed-window rate limits in the cache (works with locmem and Redis).

``cache.add`` creates the counter atomically with its expiry; ``cache.incr`` is atomic in
Redis and in locmem (within one process), so concurrent requests cannot slip through.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

NAMESPACE = "zwk:rl"

DEFAULT_LIMITS = {
    # action: (requests, seconds)
    "card": (10, 60),
    "vote": (60, 60),
    "join": (30, 60),  # per IP address: joining creates rows
    # per IP address, failed code lookups (unknown code, invite key missing): no guessing
    "lookup": (20, 600),
}


def limit_for(action: str) -> tuple[int, int]:
    return getattr(settings, "WORKSHOP_RATE_LIMITS", {}).get(action, DEFAULT_LIMITS[action])


def _key(action: str, who: str, window: int) -> str:
    return f"{NAMESPACE}:{action}:{who}:{int(time.time() // window)}"


def exceeded(action: str, who: str) -> bool:
    """Has ``who`` used up the limit of ``action`` in this window? (Counts nothing.)"""
    limit, window = limit_for(action)
    return (cache.get(_key(action, who, window)) or 0) >= limit


def hit(action: str, who: str) -> bool:
    """Count one request of ``who``; False if it exceeds the limit of ``action``."""
    limit, window = limit_for(action)
    key = _key(action, who, window)
    if cache.add(key, 1, timeout=window + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return True
    return count <= limit
