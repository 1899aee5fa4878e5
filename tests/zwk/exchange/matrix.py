"""Permission matrix of the Austausch (online formats and events).

Published events are public; the draft used for management URLs is visible only to the office
(others get 404, no existence leak).
"""

from tests.zwk.permissions import Case, everyone

PUBLISHED = {"ev_open": "pk"}

MATRIX = {
    "exchange:list": Case("get", everyone(200)),
    "exchange:detail": Case("get", everyone(200), ("ev_open",), rename=PUBLISHED),
}


def build(world):
    from datetime import timedelta

    from django.utils import timezone

    from zwk.exchange.models import Event

    start = timezone.now() + timedelta(days=7)
    event = Event.objects.create(
        title="Matrix-Seminar",
        event_type="webinar",
        description="<p>Offen.</p>",
        start=start,
        end=start + timedelta(hours=2),
        capacity=10,
        status="published",
        audience="open",
    )
    return {"ev_open": event.pk}
