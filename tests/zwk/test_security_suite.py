"""Cross-app security checks over every URL of the permission matrix.

CSRF: every URL, posted to without a token by a signed-in person, must be refused by the CSRF
protection (403 with the "Sitzung abgelaufen" page) or not accept POST at all (405) – unless
the view is on the short, justified exemption list. A view that silently became
``csrf_exempt`` (or a new API endpoint with session authentication) fails here.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.zwk.test_permission_matrix import MATRIX, world  # noqa: F401  (fixture)

# Views that must work without a CSRF token, and why.
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail programs POST without a token; a signed token in the
    # URL authorises it and the only effect is ending the subscription.
    "newsletter:unsubscribe",
    # the same for followers of "Was aus Ihren Ideen wurde" (List-Unsubscribe-Post in its mails)
    "accountability:unsubscribe",
}


def _url(name, world):  # noqa: F811
    case = MATRIX[name]
    kwargs = {case.rename.get(k, k): world["kwargs"][k] for k in case.kwargs}
    return reverse(name, kwargs=kwargs)


def test_every_post_without_csrf_token_is_refused(world, db, settings):  # noqa: F811
    settings.MEDIA_ROOT = world["media_root"]  # uploads of the world's objects
    office = world["users"]["office"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(office, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    accepted = []
    for name in sorted(MATRIX):
        if name in CSRF_EXEMPT or name.startswith("api:"):
            continue
        response = client.post(_url(name, world), MATRIX[name].data)
        csrf_refused = response.status_code == 403 and any(
            t.name == "403_csrf.html" for t in response.templates
        )
        if not (csrf_refused or response.status_code == 405):
            accepted.append(f"{name} → {response.status_code}")
    assert not accepted, "POST without CSRF token was processed: " + ", ".join(accepted)


def test_the_api_does_not_accept_session_posts_without_csrf(world, db):  # noqa: F811
    # DRF enforces CSRF for session-authenticated unsafe requests itself; token requests carry
    # no cookies, so they cannot be forged by another site.
    office = world["users"]["office"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(office, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    processed = []
    for name in sorted(n for n in MATRIX if n.startswith("api:")):
        response = client.post(_url(name, world), {})
        if response.status_code < 400:
            processed.append(f"{name} → {response.status_code}")
    assert not processed, "API accepted a session POST without CSRF token: " + ", ".join(processed)


@pytest.mark.parametrize("name", sorted(CSRF_EXEMPT))
def test_exemptions_still_exist(name):
    assert name in MATRIX, f"stale CSRF exemption {name}"
