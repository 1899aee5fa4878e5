"""The client's address – behind a reverse proxy only when that proxy is trusted.

``REMOTE_ADDR`` is the socket peer. Behind nginx that is the proxy itself, and the real
client stands in ``X-Real-IP`` / ``X-Forwarded-For``. Those headers are whatever the sender
wrote, so they are believed only when the socket peer is one of ``settings.TRUSTED_PROXIES``
(addresses or networks, e.g. ``127.0.0.1,::1``). Without that setting the socket address is
the client (a forged header changes nothing).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _address(value: str | None):
    try:
        return ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str | None) -> bool:
    ip = _address(address)
    return ip is not None and any(ip in net for net in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address as text, or None (no request, no usable address).

    From a trusted proxy: ``X-Real-IP``, else the right-most ``X-Forwarded-For`` entry that
    is not itself a trusted proxy (entries to its left were written by the client)."""
    if request is None:
        return None
    peer = request.META.get("REMOTE_ADDR") or ""
    if not is_trusted_proxy(peer):
        return str(_address(peer) or "") or None
    real = _address(request.META.get("HTTP_X_REAL_IP"))
    if real is not None:
        return str(real)
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        ip = _address(entry)
        if ip is None:
            break
        if not is_trusted_proxy(str(ip)):
            return str(ip)
    return str(_address(peer) or "") or None
