"""Redis as cache that may fail: an outage degrades the site instead of breaking it.

With ``REDIS_URL`` the cache lives in Redis. When Redis is stopped or unreachable, Django's
``RedisCache`` raises on every call – and every page that counts a rate limit or reads a
cached value answers 500. ``FailSoftRedisCache`` answers like an empty cache instead: ``get``
returns the default, ``set``/``delete`` do nothing, ``add`` reports "not added", ``incr``
behaves like a missing key (``ValueError``). Each failure is logged as a warning; after one,
Redis is not asked again for ``RETRY_SECONDS`` (a closed port answers at once, an unreachable
host only after the socket timeout – that wait must not repeat on every call of a page).

What this means while Redis is down: cached values are recomputed, rate limits are not
counted (``zwk.core.ratelimit`` lets requests through), live updates fall back to polling,
Celery tasks run in the web process (``zwk.core.tasks``). Sessions are in the database
(``SESSION_ENGINE``), so nobody is logged out. ``/healthz`` reports "degraded".
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
# Short timeouts: a request should not wait for a Redis that does not answer.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        params["OPTIONS"] = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        super().__init__(server, params)
        self._down_until = 0.0

    def _call(self, operation: str, default, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except ValueError:
            raise  # incr on a missing key: the caller's business, not an outage
        except Exception as exc:  # redis.ConnectionError, TimeoutError, OSError …
            self._down_until = time.monotonic() + RETRY_SECONDS
            logger.warning(
                "cache unavailable (%s: %s) – going on without it for %.0f s",
                exc.__class__.__name__,
                exc,
                RETRY_SECONDS,
            )
            return default

    def reachable(self) -> bool:
        """Ask Redis directly (for /healthz), bypassing the pause after a failure."""
        try:
            return bool(self._cache.get_client(None).ping())
        except Exception:
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", missing, key, delta, version=version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        missing = object()
        failed = self._call("set_many", missing, data, timeout, version=version)
        return list(data) if failed is missing else failed

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version=version)

    def clear(self):
        return self._call("clear", False)
