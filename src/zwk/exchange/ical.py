"""iCalendar (RFC 5545) for events: one ``.ics`` per event and the subscribable feed.

Times are written in UTC (``DTSTART:20260330T080000Z``): every calendar client converts them
to its own zone, and no VTIMEZONE rules can go stale. Europe/Berlin is named as the feed's
display zone (``X-WR-TIMEZONE``). The online link is only written for people who may see it.
"""

from __future__ import annotations

from datetime import UTC

import icalendar
from django.utils import timezone

from zwk.core.text import plain_text
from zwk.core.urls import absolute_url

PRODID = "-//Zukunftswerkstatt Kommunen//Austausch//DE"


def _vevent(event, *, include_link: bool) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"{event.uid}@zwk-austausch")
    item.add("dtstamp", timezone.now().astimezone(UTC))
    item.add("dtstart", event.start.astimezone(UTC))
    item.add("dtend", event.end.astimezone(UTC))
    item.add("sequence", event.sequence)
    item.add("summary", f"{event.title} ({event.get_event_type_display()})")
    url = absolute_url(event.get_absolute_url())
    description = plain_text(event.description).strip()
    if include_link and event.online_link:
        description = f"Zugangslink: {event.online_link}\n\n{description}"
    item.add("description", f"{description}\n\n{url}".strip())
    item.add("url", url)
    if event.place:
        item.add("location", event.place.replace("\r", "").replace("\n", ", "))
    elif include_link and event.online_link:
        item.add("location", event.online_link)
    else:
        item.add("location", "Online")
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("last-modified", event.updated_at.astimezone(UTC))
    return item


def _calendar(name: str | None = None) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Berlin")
        cal.add("refresh-interval", "PT6H", parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT6H")
    return cal


def event_calendar(event, *, include_link: bool = False) -> bytes:
    cal = _calendar()
    cal.add("method", "PUBLISH")
    cal.add_component(_vevent(event, include_link=include_link))
    return cal.to_ical()


def feed_calendar(events, *, name: str) -> bytes:
    cal = _calendar(name)
    for event in events:
        cal.add_component(_vevent(event, include_link=False))
    return cal.to_ical()
