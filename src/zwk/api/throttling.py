"""Rate limits of the API (DRF throttles in the Django cache: locmem or Redis).

Anonymous callers are counted per client address (``zwk.core.net.client_ip``: forwarded
headers only from ``TRUSTED_PROXIES``), token holders per user. The rates come from
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (environment ``API_RATE_ANON``/``API_RATE_USER``).
``NAMESPACE`` prefixes the cache keys so that tests can isolate their counters without
flushing a cache other processes share.
"""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from zwk.core.net import client_ip

NAMESPACE = "zwk:api:throttle"


class ClientAddress:
    """The platform's client address instead of DRF's own reading of X-Forwarded-For."""

    def get_ident(self, request):
        return client_ip(request) or "unknown"


class AnonThrottle(ClientAddress, AnonRateThrottle):
    def get_cache_key(self, request, view):
        key = super().get_cache_key(request, view)
        return f"{NAMESPACE}:{key}" if key else None


class UserThrottle(ClientAddress, UserRateThrottle):
    def get_cache_key(self, request, view):
        key = super().get_cache_key(request, view)
        return f"{NAMESPACE}:{key}" if key else None
