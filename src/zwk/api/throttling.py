"""Rate limits of the API (DRF throttles in the Django cache: locmem or Redis).

Anonymous callers are counted per IP address, token holders per user. The rates come from
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (environment ``API_RATE_ANON``/``API_RATE_USER``).
``NAMESPACE`` prefixes the cache keys so that tests can isolate their counters without
flushing a cache other processes share.
"""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

NAMESPACE = "zwk:api:throttle"


class AnonThrottle(AnonRateThrottle):
    def get_cache_key(self, request, view):
        key = super().get_cache_key(request, view)
        return f"{NAMESPACE}:{key}" if key else None


class UserThrottle(UserRateThrottle):
    def get_cache_key(self, request, view):
        key = super().get_cache_key(request, view)
        return f"{NAMESPACE}:{key}" if key else None
