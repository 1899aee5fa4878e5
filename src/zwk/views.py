"""Site-level pages that compose several apps: start page and health check."""

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


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError as exc:  # pragma: no cover - exercised by stopping the database
        database = f"error: {exc.__class__.__name__}"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "error", "database": database}, status=status
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
