"""Middleware of the platform: extra security headers and the language choice."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from zwk.core import languages

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class LanguageMiddleware(LocaleMiddleware):
    """German unless the participant chose otherwise (issue 18, see zwk.core.languages).

    Order: ``?sprache=`` in the link (remembered in the language cookie), the cookie of the
    switcher, then the browser – but only when it asks for no German and for a language other
    than English; otherwise German, the programme's language.
    """

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        language, chosen_now = languages.choose(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        request.language_chosen_now = chosen_now
        if chosen_now and request.method == "GET" and languages.SWITCH_MARKER in request.GET:
            # The switcher's form: back to the clean address (shared links keep ?sprache=).
            query = request.GET.copy()
            for key in (languages.QUERY_PARAMETER, languages.SWITCH_MARKER):
                query.pop(key, None)
            path = "/" + request.path.lstrip("/")  # never "//host": no open redirect
            target = path + ("?" + query.urlencode() if query else "")
            return HttpResponseRedirect(target)
        return None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().process_response(request, response)
        if getattr(request, "language_chosen_now", False):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                request.LANGUAGE_CODE,
                max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
        return response
