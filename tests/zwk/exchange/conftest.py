from datetime import timedelta

import pytest
from django.utils import timezone

from zwk.exchange import services


@pytest.fixture
def make_event(office_user):
    """An event through the service: published, open, in a week, 2 hours, 10 places."""

    def _make(title="Online-Seminar Wohnen im Alter", *, days=7, themes=(), **fields):
        start = fields.pop("start", None) or timezone.now() + timedelta(days=days)
        data = {
            "title": title,
            "event_type": "webinar",
            "description": "<p>Wie Kommunen Wohnen im Alter gestalten.</p>",
            "start": start,
            "end": fields.pop("end", None) or start + timedelta(hours=2),
            "capacity": 10,
            "audience": "open",
            "status": "published",
            "online_link": "https://konferenz.example.org/raum-42",
        }
        data.update(fields)
        return services.event_create(by=office_user, data=data, themes=themes)

    return _make


@pytest.fixture
def register():
    def _register(event, name="Erika Muster", email=None, **kwargs):
        email = email or f"{name.split()[0].lower()}@example.org"
        return services.registration_create(
            event=event, name=name, email=email, organisation="Gemeinde Musterdorf", **kwargs
        )

    return _register
