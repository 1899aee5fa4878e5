"""A busy database is a reason to try again, not an error: retry once, then 503.

SQLite (the embedded default) lets one writer at a time; the others wait up to the configured
timeout (settings.py, ``DATABASES`` options). When even that is not enough – a burst far beyond
what SQLite is meant for, see docs/betrieb.md – the write fails with "database is locked".
PostgreSQL reports a deadlock or a serialization failure the same way in rare cases.

- ``retry_when_busy`` wraps a view whose writes are one transaction each (a vote, a card, a
  join): when the database was busy, the transaction was rolled back, so running the view once
  more is safe.
- ``DatabaseBusyMiddleware`` answers what still fails with 503 and a plain German page
  ("Bitte versuchen Sie es gleich noch einmal") and a ``Retry-After`` header instead of a 500
  – for every view.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 2
BUSY_MESSAGES = (
    "database is locked",  # SQLite: the write lock was not free within the timeout
    "database table is locked",  # SQLite, shared cache
    "deadlock detected",  # PostgreSQL
    "could not serialize access",  # PostgreSQL, serialization failure
)


def is_busy(exc: BaseException) -> bool:
    """Did the database refuse for now (locked, deadlock) rather than for good?"""
    if not isinstance(exc, DatabaseError):
        return False
    text = str(exc).lower()
    return any(message in text for message in BUSY_MESSAGES)


def retry_when_busy(view: Callable) -> Callable:
    """Run ``view`` once more when the database was busy; the second failure propagates
    (and becomes a 503 through ``DatabaseBusyMiddleware``)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DatabaseError as exc:
            if not is_busy(exc) or connection.in_atomic_block:
                raise  # inside an outer transaction a retry would not start afresh
            logger.warning("database busy on %s, trying once more", request.path)
            return view(request, *args, **kwargs)

    return wrapper


def busy_response(request: HttpRequest) -> HttpResponse:
    """503 with a plain German page; rendered without database access.

    An htmx request (a vote on the live board) gets the sentence alone as plain text: the page
    shows it next to the board it keeps (``workshops/live.js``) instead of swapping a whole
    page into the board."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(
            gettext("Gerade ist sehr viel los. Bitte versuchen Sie es gleich noch einmal."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    else:
        html = render_to_string("503_busy.html", {"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseBusyMiddleware:
    """Turn "database is locked" (after the retry) into 503 instead of a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if is_busy(exception):
            logger.warning("database busy on %s: answered 503", request.path)
            return busy_response(request)
        return None
