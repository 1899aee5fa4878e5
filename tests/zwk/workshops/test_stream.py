"""Live updates through server-sent events and Redis pub/sub (``stream.py``).

Uses the real Redis at 127.0.0.1:6379 (database 13 for the cache-free client; pub/sub channels
are global in Redis, so every test gets its own channel prefix). Skipped only if Redis is
unreachable. Without ``REDIS_URL`` the endpoints say "not available" (204) and the pages poll.
"""

import asyncio
import json
import uuid

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient, Client
from django.urls import reverse

from tests.zwk.workshops.factories import make_workshop, open_phase
from zwk.workshops import live, services, stream

REDIS_URL = "redis://127.0.0.1:6379/13"


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis at 127.0.0.1:6379 is not reachable")
    return client


@pytest.fixture
def redis_live(settings, monkeypatch):
    client = _redis_or_skip()
    settings.REDIS_URL = REDIS_URL
    monkeypatch.setattr(live, "CHANNEL_PREFIX", f"zwk:test:{uuid.uuid4().hex}")
    monkeypatch.setattr(live, "_redis_clients", {})
    monkeypatch.setattr(stream, "MIN_INTERVAL", 0)
    yield client
    client.close()


def _async_like(client):
    """An ASGI test client on the same device (cookies) as ``client``."""
    twin = AsyncClient()
    twin.cookies = client.cookies
    return twin


def _join(client, workshop, name="Anna"):
    url = reverse("participate:entry", kwargs={"code": workshop.code})
    assert client.post(url, {"pseudonym": name, "consent": "on"}).status_code == 302


def test_a_committed_write_publishes_the_new_version(
    redis_live, workshop, critique, coordinator, django_capture_on_commit_callbacks
):
    pubsub = redis_live.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(live.channel(workshop.pk))
    with django_capture_on_commit_callbacks(execute=True):
        services.card_add_paper(phase=critique, by=coordinator, text="Zu wenig Busse")
    message = None
    for _ in range(20):
        message = pubsub.get_message(timeout=0.2)
        if message:
            break
    pubsub.close()
    assert message is not None, "no live message published"
    data = json.loads(message["data"])
    workshop.refresh_from_db()
    assert data == {"w": workshop.pk, "v": workshop.version}


def test_nothing_is_published_before_the_commit(redis_live, workshop, critique, coordinator):
    pubsub = redis_live.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(live.channel(workshop.pk))
    pubsub.get_message(timeout=0.1)
    services.card_add_paper(phase=critique, by=coordinator, text="Noch nicht committed")
    assert pubsub.get_message(timeout=0.3) is None  # the test's transaction never commits
    pubsub.close()


async def _read_events(client, url, publish, **extra):
    """Open the stream, read the first event, publish, read until a change arrives."""
    response = await client.get(url, **extra)
    if response.status_code != 200:
        return response, []
    assert response["Content-Type"].startswith("text/event-stream")
    chunks = aiter(response.streaming_content)
    received = [(await anext(chunks)).decode()]
    await asyncio.to_thread(publish)
    while len(received) < 4:
        chunk = (await asyncio.wait_for(anext(chunks), timeout=5)).decode()
        received.append(chunk)
        if "event: change" in chunk:
            break
    await chunks.aclose()
    return response, received


def test_the_participant_stream_delivers_a_change_to_its_participant(
    redis_live, workshop, critique
):
    anna = Client()
    _join(anna, workshop)
    client = _async_like(anna)  # same device
    url = reverse("participate:stream", kwargs={"code": workshop.code})

    def publish():
        live.publish(workshop.pk, 4711)

    response, events = async_to_sync(_read_events)(client, url, publish)
    assert response.status_code == 200
    assert events[0].startswith("retry: ") and "event: change" in events[0]
    assert "event: change\ndata: " in events[-1] and '"v": 4711' in events[-1]


def test_the_team_stream_delivers_a_change_to_the_kommune_team(redis_live, workshop, member):
    client = AsyncClient()
    async_to_sync(client.aforce_login)(
        member, backend="zwk.accounts.backends.EmailOrUsernameBackend"
    )
    url = reverse(
        "workshops:stream", kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk}
    )
    response, events = async_to_sync(_read_events)(
        client, url, lambda: live.publish(workshop.pk, 99)
    )
    assert response.status_code == 200
    assert '"v": 99' in events[-1]


def test_the_streams_refuse_whoever_may_not_see_the_page(
    redis_live, workshop, municipality, coordinator, other_member
):
    # Refusals happen before any streaming: the WSGI test client runs the async views too.
    other = make_workshop(municipality, by=coordinator, code="nachbar")
    open_phase(other, "critique", by=coordinator)
    stranger = Client()
    _join(stranger, other, "Fremd")  # participant of another workshop
    participant_url = reverse("participate:stream", kwargs={"code": workshop.code})
    assert stranger.get(participant_url).status_code == 403
    assert Client().get(participant_url).status_code == 403
    unknown = reverse("participate:stream", kwargs={"code": "unbekannt"})
    assert Client().get(unknown).status_code == 404
    team_url = reverse("workshops:stream", kwargs={"slug": municipality.slug, "pk": workshop.pk})
    outsider = Client()
    outsider.force_login(other_member, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    assert outsider.get(team_url).status_code == 404
    assert Client().get(team_url).status_code == 302  # to the login, like the console


def test_without_redis_the_stream_is_not_available_and_the_page_polls(settings, workshop, critique):
    settings.REDIS_URL = ""
    anna = Client()
    _join(anna, workshop)
    url = reverse("participate:stream", kwargs={"code": workshop.code})
    response = async_to_sync(_async_like(anna).get)(url)
    assert response.status_code == 204
    page = anna.get(reverse("participate:entry", kwargs={"code": workshop.code})).content.decode()
    assert 'hx-trigger="every 3s, live-refresh"' in page  # polling stays
    assert "data-live-stream" not in page  # no stream offered


def test_with_redis_the_pages_offer_the_stream(redis_live, workshop, critique, member):
    anna = Client()
    _join(anna, workshop)
    page = anna.get(reverse("participate:entry", kwargs={"code": workshop.code})).content.decode()
    stream_url = reverse("participate:stream", kwargs={"code": workshop.code})
    assert f'data-live-stream="{stream_url}"' in page
    assert 'hx-trigger="every 3s, live-refresh"' in page  # and the polling fallback
    team = Client()
    team.force_login(member, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    kwargs = {"slug": workshop.municipality.slug, "pk": workshop.pk}
    team_stream = reverse("workshops:stream", kwargs=kwargs)
    for name in ("workshops:detail", "workshops:projector"):
        assert (
            f'data-live-stream="{team_stream}"'
            in team.get(reverse(name, kwargs=kwargs)).content.decode()
        )


def test_under_wsgi_the_stream_is_not_available_even_with_redis(redis_live, workshop, critique):
    anna = Client()  # the WSGI test client: Django would buffer the stream to its end
    _join(anna, workshop)
    url = reverse("participate:stream", kwargs={"code": workshop.code})
    assert anna.get(url).status_code == 204
