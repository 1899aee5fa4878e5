"""Site-level pages that compose several apps: start page and health check."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zwk.consulting import selectors as consulting_selectors
from zwk.consulting.models import ConsultingRequest
from zwk.core import hooks
from zwk.municipalities import selectors as municipality_selectors
from zwk.plans import selectors as plan_selectors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "my_municipalities": (
            municipality_selectors.municipalities_for_user(request.user)[:12]
            if request.user.is_authenticated
            else []
        ),
        "programme_figures": municipality_selectors.programme_figures(),
        "published_plans": plan_selectors.published_plans(),
        # "Jetzt mitmachen": open participation projects (zwk.participation)
        "participation_open": hooks.slot(hooks.PARTICIPATE_SECTIONS).render(request),
    }
    return render(request, "core/home.html", context)


OPEN_REQUESTS = (ConsultingRequest.Status.PROPOSED, ConsultingRequest.Status.ACCEPTED)


@login_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Where each role lands after login (LOGIN_REDIRECT_URL; an explicit ?next= wins):
    the office on "Braucht Aufmerksamkeit", a consultant on their Kommunen and open
    requests, a team member in the workspace of their Kommune (a choice if several)."""
    user = request.user
    if user.has_perm("accounts.view_office_area"):
        return redirect(reverse("office:dashboard") + "#aufmerksamkeit")
    municipalities = list(
        municipality_selectors.with_step_overview(
            municipality_selectors.municipalities_for_user(user)
        )
    )
    if user.is_consultant:
        requests = [
            r
            for r in consulting_selectors.requests_of_consultant(user)[:50]
            if r.status in OPEN_REQUESTS
        ]
        return render(
            request,
            "core/start_consultant.html",
            {
                "municipalities": [
                    (m, municipality_selectors.current_step(m)) for m in municipalities
                ],
                "open_requests": requests,
            },
        )
    if len(municipalities) == 1:
        return redirect(municipalities[0].get_absolute_url())
    return render(
        request,
        "core/start_choice.html",
        {"municipalities": [(m, municipality_selectors.current_step(m)) for m in municipalities]},
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:  # pragma: no cover - exercised by stopping the database
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _check_redis() -> str:
    """Cache, rate limits, live events and the task queue use Redis when REDIS_URL is set."""
    if not settings.REDIS_URL:
        return "not configured"
    reachable = getattr(cache, "reachable", None)
    try:
        if reachable is not None:  # zwk.core.cache.FailSoftRedisCache swallows errors
            return "ok" if reachable() else "error: unreachable"
        cache.set("zwk:healthz", "1", timeout=10)
        return "ok" if cache.get("zwk:healthz") == "1" else "error: no answer"
    except Exception as exc:  # any client error means "not ready"
        return f"error: {exc.__class__.__name__}"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness for load balancers and monitoring.

    - 200 ``"ok"``: the database (and Redis, if configured) answer.
    - 200 ``"degraded"``: the database answers, Redis does not – the site works on (cache
      empty, rate limits open, live pages poll, tasks run in the web process); alert, but
      keep sending traffic.
    - 503 ``"error"``: the database does not answer – nothing works.
    """
    checks = {"database": _check_database(), "redis": _check_redis()}
    if checks["database"] != "ok":
        status, code = "error", 503
    elif checks["redis"] not in ("ok", "not configured"):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
