"""A busy database answers 503 in a form the asking page can show (core/database.py)."""

from __future__ import annotations

from django.db.utils import OperationalError
from django.test import RequestFactory

from zwk.core.database import DatabaseBusyMiddleware


def _answer(**headers):
    request = RequestFactory().post("/mitmachen/demo/karten/1/punkt/", headers=headers)
    middleware = DatabaseBusyMiddleware(lambda r: None)
    return middleware.process_exception(request, OperationalError("database is locked"))


def test_a_busy_database_gives_a_full_german_page_to_a_browser():
    response = _answer()
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    body = response.content.decode()
    assert "<h1>" in body and "Bitte versuchen Sie es gleich noch einmal" in body


def test_a_busy_database_gives_the_live_board_one_sentence_to_show_beside_it():
    response = _answer(HX_Request="true")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert body == "Gerade ist sehr viel los. Bitte versuchen Sie es gleich noch einmal."


def test_other_database_errors_are_not_hidden_as_busy():
    request = RequestFactory().post("/")
    middleware = DatabaseBusyMiddleware(lambda r: None)
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None
