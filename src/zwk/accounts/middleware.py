"""Per-request account security: session activity and the two-factor requirement."""

from urllib.parse import quote

from django.shortcuts import redirect
from django.urls import reverse

from zwk.accounts import sessions, two_factor

# Pages a signed-in person must reach *before* the second factor is set up or entered.
EXEMPT_URL_NAMES = (
    "accounts:two_factor",
    "accounts:login",
    "accounts:login_verify",
    "accounts:logout",
    "set_language",
    "healthz",
)
EXEMPT_PREFIXES = ("/static/",)


class SessionActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            sessions.touch(request)
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Office, consultants and coordinators see nothing until their session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt: tuple[str, ...] | None = None

    def _is_exempt(self, path: str) -> bool:
        if self._exempt is None:  # URLconf is not ready in __init__
            self._exempt = tuple(reverse(name) for name in EXEMPT_URL_NAMES) + EXEMPT_PREFIXES
        return path.startswith(self._exempt)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not self._is_exempt(request.path)
            and two_factor.is_required(user)
        ):
            target = reverse("accounts:two_factor") + "?next=" + quote(request.get_full_path())
            return redirect(target)
        return self.get_response(request)
