"""``Cache-Control: no-store`` for everything that is not public (issue 21.12).

A page or download for a signed-in person (a Kommune's plan, a non-public Kommunalprofil as
XLSX, the team list, an export) must not stay in a shared computer's browser cache after
logging out, nor in a proxy. Private are:

- every response to a signed-in person (pages, fragments, downloads, images – also a public
  page, which shows the person's name in the header),
- every response to a request with an ``Authorization`` header (API keys),
- every response under a link that carries a secret token in its path (invitations,
  password reset, newsletter settings, event registrations: the ``token``/``uidb64`` part),
- the participant side of a Zukunftswerkstatt (``/mitmachen/…``: own cards and votes through
  the device identity).

These responses get Django's never-cache headers (``no-cache, no-store, must-revalidate,
private``, ``max-age=0``), whatever the view set before. Everything else – public pages and
downloads for anonymous visitors, e.g. the Werkzeugkoffer – keeps its own caching.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

TOKEN_KWARGS = frozenset({"token", "uidb64"})
PRIVATE_NAMESPACES = frozenset({"participate"})


def is_private(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if request.META.get("HTTP_AUTHORIZATION"):
        return True
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return bool(TOKEN_KWARGS & match.kwargs.keys()) or bool(
        PRIVATE_NAMESPACES & set(match.namespaces)
    )


class NoStoreForPrivateMiddleware:
    """After authentication in ``MIDDLEWARE``; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private(request):
            add_never_cache_headers(response)
        return response
