"""The platform's one rate limiter (``zwk.core.ratelimit``) and the client address it counts
per (``zwk.core.net``): forwarded headers only from configured proxies, limits per key, and
a limiter that lets requests through when the cache is down."""

import logging

import pytest
import redis
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from zwk.core import ratelimit
from zwk.core.net import client_ip

FORGED = {"HTTP_X_REAL_IP": "198.51.100.99", "HTTP_X_FORWARDED_FOR": "198.51.100.98"}


def _request(remote_addr, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


def test_forwarded_headers_are_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.5", **FORGED)) == "203.0.113.5"


def test_forwarded_headers_are_ignored_from_an_untrusted_peer(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(_request("203.0.113.5", **FORGED)) == "203.0.113.5"


def test_a_trusted_proxy_names_the_client(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(_request("127.0.0.1", HTTP_X_REAL_IP="198.51.100.7")) == "198.51.100.7"
    # Without X-Real-IP: the right-most X-Forwarded-For entry that is not a proxy of ours –
    # what the client wrote further left is not believed.
    chain = "6.6.6.6, 198.51.100.8, 10.1.2.3"
    assert client_ip(_request("10.0.0.1", HTTP_X_FORWARDED_FOR=chain)) == "198.51.100.8"
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"
    assert client_ip(_request("127.0.0.1", HTTP_X_REAL_IP="kein-ip")) == "127.0.0.1"


def test_limits_are_declared_in_settings_and_parsed(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "test.x": "5/1h;20/1d", "test.y": "3/30s"}
    assert ratelimit.limits("test.x") == [ratelimit.Window(5, 3600), ratelimit.Window(20, 86400)]
    assert ratelimit.limits("test.y") == [ratelimit.Window(3, 30)]
    for name in ("workshops.lookup", "exchange.register", "newsletter.signup", "network.post"):
        assert ratelimit.limits(name)


def test_a_key_counts_alone(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "test.x": "2/1h"}
    assert [ratelimit.hit("test.x", "a") for _ in range(3)] == [True, True, False]
    assert ratelimit.exceeded("test.x", "a")
    assert not ratelimit.exceeded("test.x", "b")
    assert ratelimit.hit("test.x", "b")
    assert ratelimit.hit("test.x", "a", "ziel-2")  # another target of the same client


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens: every call fails
        }
    }
)
def test_the_limiter_fails_open_with_a_warning_when_the_cache_is_down(settings, caplog):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "test.x": "1/1h"}
    with pytest.raises(redis.exceptions.ConnectionError):  # the cache really is down
        cache.get("x")
    with caplog.at_level(logging.WARNING, logger="zwk.core.ratelimit"):
        assert all(ratelimit.hit("test.x", "a") for _ in range(3))
        assert not ratelimit.exceeded("test.x", "a")
    assert "cache is unavailable" in caplog.text
