"""The newsletter's view of upcoming events."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zwk.exchange import selectors
from zwk.exchange.models import Audience, Event, EventStatus


def _event(title, *, days, status=EventStatus.PUBLISHED, audience=Audience.OPEN):
    start = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        title=title,
        event_type="webinar",
        description="<p>x</p>",
        start=start,
        end=start + timedelta(hours=2),
        capacity=10,
        status=status,
        audience=audience,
    )


@pytest.mark.django_db
def test_upcoming_events_are_the_next_public_published_ones_soonest_first():
    _event("Später", days=20)
    _event("Bald", days=2)
    _event("Vorbei", days=-3)
    _event("Entwurf", days=1, status=EventStatus.DRAFT)
    _event("Abgesagt", days=1, status=EventStatus.CANCELLED)
    _event("Intern", days=1, audience=Audience.PROGRAMME)

    events = selectors.upcoming_events()

    assert [e.title for e in events] == ["Bald", "Später"]
    assert events[0].type_label == "Online-Seminar"
    assert events[0].get_absolute_url() == f"/austausch/veranstaltung/{events[0].pk}/"
    assert timezone.is_aware(events[0].start)
    titles = [e.title for e in selectors.upcoming_events(public_only=False, limit=None)]
    assert titles == ["Intern", "Bald", "Später"]
    assert len(selectors.upcoming_events(limit=1)) == 1
