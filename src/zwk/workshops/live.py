"""Cheap live updates by polling: a version tag per view, 204/304 when nothing changed.

Every visible change bumps ``Workshop.version``. A live partial carries its tag in the
polling URL (``?v=<tag>``); when the tag still matches, the server answers 204 No Content,
which htmx ignores – no rendering, no swap, a few hundred bytes on a slow phone connection.
Clients that use HTTP caching get the same through ``ETag`` / ``If-None-Match`` (304).
"""

from __future__ import annotations

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
