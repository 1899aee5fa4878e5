"""Permission matrix of the API.

API endpoints authenticate by token only (no session): with a browser session every role is
anonymous to them – public data 200, a Kommune's own data 401. The token pages are for
logged-in people; each person sees and revokes only their own tokens (others: 404).
"""

from tests.zwk.api import factories
from tests.zwk.permissions import LOGIN, Case, everyone, logged_in

PUBLIC = {"api_public": "slug"}


def build(world):
    office, suffix = world["users"]["office"], world.get("suffix", "")
    factories.kommune(f"api-offen{suffix}", "09180778" if suffix else "09180777", by=office)
    _token, _plain = factories.token(world["users"]["member"])
    entry = factories.entry(office, title="API-Matrix-Werkzeug")
    event = factories.event(title="API-Matrix-Forum")
    return {
        "api_public": f"api-offen{suffix}",
        "api_token": _token.pk,
        "api_entry": entry.slug,
        "api_event": event.pk,
    }


def own_token_only(code):
    return {**logged_in(404), "anonymous": LOGIN, "member": code}


MATRIX = {
    "api:schema": Case("get", everyone(200)),
    "api:docs": Case("get", everyone(200)),
    "api:tokens": Case("get", logged_in(200)),
    "api:token_revoke": Case(
        "get", own_token_only(200), ("api_token",), rename={"api_token": "pk"}
    ),
    "api:municipalities": Case("get", everyone(200)),
    "api:municipality": Case("get", everyone(200), ("api_public",), rename=PUBLIC),
    "api:profile": Case("get", everyone(200), ("api_public",), rename=PUBLIC),
    "api:projection": Case("get", everyone(200), ("api_public",), rename=PUBLIC),
    "api:plan": Case("get", everyone(200), ("api_public",), rename=PUBLIC),
    "api:plans": Case("get", everyone(200)),
    "api:entries": Case("get", everyone(200)),
    "api:entry": Case("get", everyone(200), ("api_entry",), rename={"api_entry": "slug"}),
    "api:events": Case("get", everyone(200)),
    "api:event": Case("get", everyone(200), ("api_event",), rename={"api_event": "pk"}),
    # Own data: a session is no token – 401 for everyone, also for the Kommune's team.
    "api:own_municipalities": Case("get", everyone(401)),
    "api:own_municipality": Case("get", everyone(401), ("slug",)),
    "api:own_profile": Case("get", everyone(401), ("slug",)),
    "api:own_plan": Case("get", everyone(401), ("slug",)),
}
