"""XSS corpus through every text field the UI offers.

A crawler signs in as the office and as a coordinator, opens every GET page of the permission
matrix, fills every text input and textarea of every POST form on it with script payloads
(keeping hidden values, first choices of selects) and submits it. Afterwards every page is
opened again: no payload may appear as live markup – it must be escaped or sanitised away.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.test import Client
from django.urls import reverse

from tests.zwk.permissions import LOGIN
from tests.zwk.test_permission_matrix import MATRIX, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
LIVE_MARKERS = ('<script>alert("xss")', "<img src=x onerror")
TEXT_TYPES = {"text", "search", "", None}
SKIP_FIELDS = {"csrfmiddlewaretoken", "password", "password1", "password2", "old_password",
               "new_password1", "new_password2", "next", "code", "language"}  # fmt: skip
# Forms whose submission would end the crawl's session or erase the crawling person.
SKIP_ACTIONS = ("/abmelden/", "/konto-loeschen/", "/sitzungen/", "/zwei-faktor/")


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "data": {}, "text": 0}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name") and a.get("name") not in SKIP_FIELDS:
            kind = (a.get("type") or "").lower()
            if kind in TEXT_TYPES:
                self._form["data"][a["name"]] = PAYLOAD
                self._form["text"] += 1
            elif kind in ("hidden", "number", "date", "datetime-local", "time", "email", "url"):
                self._form["data"].setdefault(a["name"], a.get("value") or "")
            elif kind in ("checkbox", "radio") and "checked" in a:
                self._form["data"].setdefault(a["name"], a.get("value") or "on")
        elif tag == "textarea" and a.get("name") not in SKIP_FIELDS:
            self._form["data"][a["name"]] = PAYLOAD
            self._form["text"] += 1
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and a.get("value"):
            self._form["data"].setdefault(self._select, a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _get_pages(world):  # noqa: F811
    urls = []
    for name, case in sorted(MATRIX.items()):
        if case.method != "get" or name.startswith(("api:", "accounts:password_reset")):
            continue
        kwargs = {case.rename.get(k, k): world["kwargs"][k] for k in case.kwargs}
        urls.append((name, reverse(name, kwargs=kwargs), case))
    return urls


def _client(user):
    client = Client()
    client.force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    return client


def test_script_payloads_in_every_text_field_never_become_markup(world, db, settings):  # noqa: F811
    settings.MEDIA_ROOT = world["media_root"]  # uploads of the world's objects
    roles = ("office", "coordinator")
    pages = _get_pages(world)
    submitted, errors = 0, []
    for role in roles:
        client = _client(world["users"][role])
        for _name, url, case in pages:
            if case.expect[role] in (LOGIN, 403, 404):
                continue
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for form in parser.forms:
                action = urljoin(url, form["action"])
                if not form["text"] or any(s in action for s in SKIP_ACTIONS):
                    continue
                try:
                    result = client.post(action, form["data"])
                except Exception as exc:  # the test client re-raises view errors
                    errors.append(f"{action}: {type(exc).__name__}: {exc}")
                    continue
                if result.status_code >= 500:
                    errors.append(f"{action}: {result.status_code}")
                submitted += 1
    assert submitted > 50, f"the crawler submitted only {submitted} forms – it is broken"

    leaks = []
    for role in (*roles, "anonymous"):
        client = Client() if role == "anonymous" else _client(world["users"][role])
        for name, url, case in pages:
            if case.expect[role] in (LOGIN, 403, 404):
                continue
            response = client.get(url)
            if response.streaming or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode(errors="replace")
            leaks += [f"{name} ({role})" for marker in LIVE_MARKERS if marker in html]
    assert not leaks, "payload rendered as markup on: " + ", ".join(sorted(set(leaks)))
    assert not errors, "bad input caused server errors: " + "; ".join(errors)
