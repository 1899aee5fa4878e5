"""Server-sent events for the live views: "something changed" pushed through Redis pub/sub.

Polling every few seconds (``live.py``) is the default and always works. When ``REDIS_URL``
is set and the app runs under ASGI (gunicorn with the uvicorn worker, see
docs/zukunftswerkstatt.md), the participant, projector and moderator pages also open an
``EventSource`` on these endpoints. Every committed change publishes the workshop's new
version (``services.bump`` → ``live.publish`` on commit); the stream relays it as
``event: change`` and the page's script (``static/workshops/live.js``) triggers the same
htmx refresh as a poll – which answers 204 when the region is already current.

- Access is the page's: the participant cookie of *this* workshop for ``/mitmachen/…``, the
  team rights of the console/projector for ``/kommunen/…`` (404/403 otherwise).
- Without Redis, or under WSGI (where Django would buffer an async stream to its end and
  hold a thread per open connection), the endpoints answer 204 "not available": browsers
  then stop reconnecting and the page keeps polling.
- Bursts are coalesced (at most one event per ``MIN_INTERVAL``: 500 votes a minute must not
  become 500 refreshes per phone), comments keep proxies from closing an idle connection,
  and a connection ends after ``MAX_SECONDS`` – the browser reconnects by itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from zwk.workshops import identity, live
from zwk.workshops.models import Workshop
from zwk.workshops.participant_views import refuse_without_participant
from zwk.workshops.views.common import team_workshop

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15
MAX_SECONDS = 300
MIN_INTERVAL = 1.0
RETRY_MS = 5000


def available(request) -> bool:
    return bool(live.redis_url()) and isinstance(request, ASGIRequest)


async def redis_answers() -> bool:
    """A stream needs Redis; while it is down the page must keep polling (204 below)
    instead of opening a stream that breaks at once and reconnects every few seconds."""
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(
        live.redis_url(), socket_timeout=0.5, socket_connect_timeout=0.5
    )
    try:
        return bool(await client.ping())
    except Exception:
        logger.warning("live stream not offered: Redis does not answer", exc_info=True)
        return False
    finally:
        with contextlib.suppress(Exception):  # closing a broken connection
            await client.aclose()


def not_available() -> HttpResponse:
    """204: EventSource gives up without retrying; the page keeps polling."""
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


async def events(workshop_pk: int, version: int):
    """The event stream of one workshop: an initial ``change``, then one per coalesced burst."""
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(live.redis_url())
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    loop = asyncio.get_running_loop()
    try:
        await pubsub.subscribe(live.channel(workshop_pk))
        # First event right after subscribing: a change between page load and now is not
        # lost (if there was none, the triggered refresh costs a 204).
        yield f"retry: {RETRY_MS}\nevent: change\ndata: {version}\n\n"
        deadline = loop.time() + MAX_SECONDS
        while (left := deadline - loop.time()) > 0:
            message = await pubsub.get_message(timeout=min(HEARTBEAT_SECONDS, left))
            if message is None:
                yield ": ping\n\n"
                continue
            latest = message["data"]
            if MIN_INTERVAL:
                await asyncio.sleep(MIN_INTERVAL)
            while (more := await pubsub.get_message(timeout=0)) is not None:
                latest = more["data"]
            if isinstance(latest, bytes):
                latest = latest.decode()
            yield f"event: change\ndata: {latest}\n\n"
    except Exception:
        logger.warning("live stream of workshop %s ended", workshop_pk, exc_info=True)
    finally:
        try:
            await pubsub.aclose()
            await client.aclose()
        except Exception:  # pragma: no cover – closing a broken connection
            pass


def stream_response(workshop: Workshop) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        events(workshop.pk, workshop.version), content_type="text/event-stream"
    )
    response["Cache-Control"] = "no-cache, no-store"
    response["X-Accel-Buffering"] = "no"  # nginx: pass events through at once
    return response


# --- Participant side: /mitmachen/<code>/ereignisse/ ------------------------------------


def _participant_workshop(request, code) -> Workshop:
    workshop, participant = identity.participant_by_code(request, code)
    if participant is None:
        refuse_without_participant(request, code)  # the page's own answer: 403/404
    return workshop


@require_GET
async def participant_stream(request, code):
    workshop = await sync_to_async(_participant_workshop)(request, code)
    if not available(request) or not await redis_answers():
        return not_available()
    return stream_response(workshop)


# --- Team side: /kommunen/<slug>/werkstatt/<pk>/ereignisse/ ------------------------------


def _team_workshop(request, slug, pk) -> Workshop:
    return team_workshop(request, slug, pk)  # the console's and projector's own check


@login_required
@require_GET
async def team_stream(request, slug, pk):
    workshop = await sync_to_async(_team_workshop)(request, slug, pk)
    if not available(request) or not await redis_answers():
        return not_available()
    return stream_response(workshop)
