"""Cheap live updates by polling: a version tag per view, 204/304 when nothing changed.

Every visible change bumps ``Workshop.version``. A live partial carries its tag in the
polling URL (``?v=<tag>``); when the tag still matches, the server answers 204 No Content,
which htmx ignores – no rendering, no swap, a few hundred bytes on a slow phone connection.
Clients that use HTTP caching get the same through ``ETag`` / ``If-None-Match`` (304).
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import HttpResponse

POLL_SECONDS = 3


def tag(workshop, *parts) -> str:
    return "-".join([str(workshop.version), *(str(p) for p in parts)])


def unchanged(request, live_tag: str) -> HttpResponse | None:
    if request.GET.get("v") == live_tag:
        return _headers(HttpResponse(status=204), live_tag)
    if request.headers.get("If-None-Match") == f'W/"{live_tag}"':
        return _headers(HttpResponse(status=304), live_tag)
    return None


def _headers(response: HttpResponse, live_tag: str) -> HttpResponse:
    response["ETag"] = f'W/"{live_tag}"'
    response["Cache-Control"] = "no-cache, private"
    return response


def respond(html: str, live_tag: str, status: int = 200) -> HttpResponse:
    return _headers(HttpResponse(html, status=status), live_tag)


# --- Server-sent events through Redis pub/sub ------------------------------------------
#
# With ``REDIS_URL`` set, every committed change publishes "workshop <id> changed, version n"
# on a Redis channel (``services.bump`` → ``publish`` on commit). ``stream.py`` relays it to
# open EventSource connections, which then trigger the same htmx refresh as polling does.
# Without Redis nothing is published and the pages simply keep polling.

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "zwk:workshops:live"
_redis_clients: dict = {}


def channel(workshop_pk: int) -> str:
    return f"{CHANNEL_PREFIX}:{workshop_pk}"


def redis_url() -> str:
    return settings.REDIS_URL or ""


def _client():
    url = redis_url()
    if url not in _redis_clients:
        import redis

        _redis_clients[url] = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5
        )
    return _redis_clients[url]


def publish(workshop_pk: int, version: int) -> None:
    """Announce a committed change; never lets a Redis outage break a write."""
    if not redis_url():
        return
    try:
        _client().publish(channel(workshop_pk), json.dumps({"w": workshop_pk, "v": version}))
    except Exception:  # Redis down: the pages fall back to polling
        logger.warning("live update for workshop %s not published", workshop_pk, exc_info=True)
