"""Views of the Austausch (online formats and events). Thin: permission, form, service, response.

Events a user may not see (drafts) answer 404 – their existence is not revealed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from zwk.exchange import selectors
from zwk.exchange.models import Event, EventType

PAGE_SIZE = 12


def _event_for(request, pk: int, perm: str = "exchange.view_event") -> Event:
    event = selectors.event_detail(pk)
    if event is None or not request.user.has_perm("exchange.view_event", event):
        raise Http404
    if perm != "exchange.view_event" and not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


@require_GET
def event_list(request):
    period = "past" if request.GET.get("zeit") == "vergangen" else "upcoming"
    event_type = request.GET.get("format", "")
    event_type = event_type if event_type in EventType.values else ""
    theme = request.GET.get("thema", "")[:120]
    events = selectors.event_list(
        user=request.user, period=period, event_type=event_type, theme=theme
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("seite"))
    params = [("zeit", "vergangen")] if period == "past" else []
    params += [(k, v) for k, v in (("format", event_type), ("thema", theme)) if v]
    return render(
        request,
        "exchange/list.html",
        {
            "page": page,
            "events": page.object_list,
            "period": period,
            "event_type": event_type,
            "theme": theme,
            "types": EventType.choices,
            "themes": selectors.filter_themes(),
            "query": urlencode(params),
            "filtered": bool(event_type or theme),
            "can_add": request.user.has_perm("exchange.add_event"),
        },
    )


@require_GET
def event_detail(request, pk):
    event = _event_for(request, pk)
    return render(request, "exchange/detail.html", _detail_context(request, event))


def _detail_context(request, event, **extra) -> dict:
    user = request.user
    return {
        "event": event,
        "free_places": max(event.capacity - event.confirmed_count, 0),
        "own_registration": selectors.own_registration(event, user),
        "show_link": user.has_perm("exchange.see_online_link", event),
        "can_edit": user.has_perm("exchange.change_event", event),
        **extra,
    }
