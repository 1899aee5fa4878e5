"""One rate limiter for the platform: named limits from ``settings.RATE_LIMITS``, counted in
the cache (fixed windows; locmem or Redis).

A limit is written ``"<count>/<window>"`` with the window in seconds, minutes, hours or days
(``"20/10m"``, ``"10/1h"``); several windows are joined with ``;`` (``"5/1h;20/1d"``).
The key is the limit's name plus what it counts per – a client address, a participant, an
e-mail address – so that one person's attempts never use up another's::

    if not ratelimit.hit("exchange.register", client_ip(request)):
        ...  # 429

``cache.add`` creates a counter atomically with its expiry and ``cache.incr`` counts up
atomically, so parallel requests cannot slip past the limit. When the cache itself fails
(Redis down), the limiter lets the request through and logs a warning: a missing rate limit
for a few minutes is better than refusing every participant.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

log = logging.getLogger(__name__)

NAMESPACE = "zwk:rl"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_WINDOW = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Window:
    count: int
    seconds: int


def parse(spec) -> list[Window]:
    """``"5/1h;20/1d"`` → windows. Also accepts ``(count, seconds)`` and lists of those."""
    if isinstance(spec, tuple | list) and len(spec) == 2 and all(isinstance(x, int) for x in spec):
        spec = [spec]
    if isinstance(spec, list | tuple):
        return [Window(int(count), int(seconds)) for count, seconds in spec]
    windows = []
    for part in str(spec).split(";"):
        match = _WINDOW.match(part)
        if not match:
            raise ImproperlyConfigured(f"Ungültige Rate-Limit-Angabe: {spec!r}")
        count, number, unit = match.groups()
        windows.append(Window(int(count), int(number or 1) * _UNITS[unit]))
    return windows


def limits(name: str) -> list[Window]:
    """The windows of the named limit (``settings.RATE_LIMITS``)."""
    try:
        spec = settings.RATE_LIMITS[name]
    except KeyError:
        raise ImproperlyConfigured(f"RATE_LIMITS hat keinen Eintrag {name!r}.") from None
    return parse(spec)


def _who(key_parts) -> str:
    text = "|".join(str(part or "-") for part in key_parts) or "-"
    # Hashed: e-mail addresses and the like never appear as cache keys.
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _key(name: str, who: str, window: Window) -> str:
    return f"{NAMESPACE}:{name}:{who}:{window.seconds}:{int(time.time() // window.seconds)}"


def _cache_failed(name: str) -> None:
    log.warning("rate limit %s not checked: the cache is unavailable", name, exc_info=True)


def exceeded(name: str, *key_parts) -> bool:
    """Has this key used up a window of the limit? (Counts nothing; False if the cache fails.)"""
    who = _who(key_parts)
    try:
        return any(
            (cache.get(_key(name, who, window)) or 0) >= window.count for window in limits(name)
        )
    except ImproperlyConfigured:
        raise
    except Exception:
        _cache_failed(name)
        return False


def _count(key: str, window: Window) -> int:
    if cache.add(key, 1, timeout=window.seconds + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window.seconds + 1)
        return 1


def hit(name: str, *key_parts) -> bool:
    """Count one request under this key; False if it goes beyond a window of the limit.

    True (and a logged warning) when the cache fails: fail open."""
    who = _who(key_parts)
    try:
        windows = limits(name)
        counts = [_count(_key(name, who, window), window) for window in windows]
    except ImproperlyConfigured:
        raise
    except Exception:
        _cache_failed(name)
        return True
    return all(count <= window.count for count, window in zip(counts, windows, strict=True))
