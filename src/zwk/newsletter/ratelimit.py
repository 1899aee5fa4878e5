"""Fixed-window rate limit of sign-ups per network (keyed IP hash), in the cache.

``cache.add`` creates the counter atomically with its expiry, ``cache.incr`` is atomic in
Redis and locmem. Limits: ``NEWSLETTER_SIGNUP_LIMIT`` = (requests, seconds)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

NAMESPACE = "zwk:newsletter:rl"


def hit(who: str) -> bool:
    """Count one sign-up of ``who``; False if it exceeds the limit."""
    limit, window = getattr(settings, "NEWSLETTER_SIGNUP_LIMIT", (10, 3600))
    key = f"{NAMESPACE}:{who}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return True
    return count <= limit
