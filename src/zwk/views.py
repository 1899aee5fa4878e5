"""Site-level pages that compose several apps: start page and health check."""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zwk.municipalities import selectors as municipality_selectors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "my_municipalities": (
            municipality_selectors.municipalities_for_user(request.user)[:12]
            if request.user.is_authenticated
            else []
        ),
        "programme_figures": municipality_selectors.programme_figures(),
    }
    return render(request, "core/home.html", context)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:  # pragma: no cover - exercised by stopping the database
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _check_redis() -> str:
    """Cache, sessions and the task queue depend on Redis when REDIS_URL is set."""
    if not settings.REDIS_URL:
        return "not configured"
    try:
        cache.set("zwk:healthz", "1", timeout=10)
        return "ok" if cache.get("zwk:healthz") == "1" else "error: no answer"
    except Exception as exc:  # any client error means "not ready"
        return f"error: {exc.__class__.__name__}"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: 200 when the database (and Redis, if configured) answer."""
    checks = {"database": _check_database(), "redis": _check_redis()}
    ready = all(v in ("ok", "not configured") for v in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "error", **checks}, status=200 if ready else 503
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
