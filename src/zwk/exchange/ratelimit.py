"""Fixed-window rate limit for anonymous registrations (cache; works with locmem and Redis).

``cache.add`` creates the counter atomically with its expiry, ``cache.incr`` counts up
atomically – the same scheme as the Zukunftswerkstatt's limits.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

NAMESPACE = "zwk:rl:exchange"
DEFAULT_LIMITS = {
    # action: (requests, seconds)
    "register": (10, 600),  # per IP address: anonymous registrations create rows and mails
}


def limit_for(action: str) -> tuple[int, int]:
    return getattr(settings, "EXCHANGE_RATE_LIMITS", {}).get(action, DEFAULT_LIMITS[action])


def hit(action: str, who: str) -> bool:
    """Count one request of ``who``; False if it exceeds the limit of ``action``."""
    limit, window = limit_for(action)
    key = f"{NAMESPACE}:{action}:{who}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return True
    return count <= limit
