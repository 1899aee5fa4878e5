"""Calendar files: times in UTC, correct across the daylight saving changes of Europe/Berlin."""

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from zwk.exchange import ical, services

BERLIN = ZoneInfo("Europe/Berlin")


def _event_lines(content: bytes) -> dict:
    cal = icalendar.Calendar.from_ical(content)
    return {c["summary"]: c for c in cal.walk("VEVENT")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("berlin_start", "utc_start"),
    [
        # Last Saturday of winter time (CET, UTC+1) and first Monday of summer time (CEST, UTC+2)
        (datetime(2027, 3, 27, 10, 0), "20270327T090000Z"),
        (datetime(2027, 3, 29, 10, 0), "20270329T080000Z"),
        # The day summer time ends: 31 October 2027, 03:00 CEST → 02:00 CET.
        (datetime(2027, 10, 30, 18, 30), "20271030T163000Z"),
        (datetime(2027, 10, 31, 18, 30), "20271031T173000Z"),
    ],
)
def test_ics_converts_berlin_wall_time_to_utc_across_dst(
    make_event, client, berlin_start, utc_start
):
    start = berlin_start.replace(tzinfo=BERLIN)
    event = make_event("Seminar", start=start, end=start.replace(hour=start.hour + 2))
    response = client.get(reverse("exchange:ics", kwargs={"pk": event.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert f"DTSTART:{utc_start}" in text
    parsed = _event_lines(response.content)["Seminar (Online-Seminar)"]
    assert parsed.decoded("dtstart").astimezone(BERLIN).replace(tzinfo=None) == berlin_start
    assert (
        parsed.decoded("dtend") - parsed.decoded("dtstart")
        == start.replace(hour=start.hour + 2) - start
    )


@pytest.mark.django_db
def test_an_event_over_the_night_of_the_time_change_lasts_its_real_duration(make_event):
    # 30 Oct 2027 22:00 CEST to 31 Oct 2027 06:00 CET: 9 real hours, not 8.
    start = datetime(2027, 10, 30, 22, 0, tzinfo=BERLIN)
    end = datetime(2027, 10, 31, 6, 0, tzinfo=BERLIN)
    event = make_event("Nachtforum", start=start, end=end)
    content = ical.event_calendar(event)
    assert b"DTSTART:20271030T200000Z" in content
    assert b"DTEND:20271031T050000Z" in content


@pytest.mark.django_db
def test_public_ics_hides_the_link_the_registration_ics_shows_it(make_event, client, register):
    event = make_event("Seminar")
    public = client.get(reverse("exchange:ics", kwargs={"pk": event.pk})).content
    assert b"konferenz.example.org" not in public
    registration = register(event)
    token = services.registration_token(registration)
    own = client.get(reverse("exchange:registration_ics", kwargs={"token": token})).content
    assert b"konferenz.example.org/raum-42" in own


@pytest.mark.django_db
def test_feed_lists_visible_events_marks_cancelled_and_leaves_out_drafts(
    make_event, client, office_user
):
    make_event("Offen")
    make_event("Entwurf", status="draft")
    gone = make_event("Abgesagt")
    services.event_cancel(event=gone, by=office_user)
    response = client.get(reverse("exchange:calendar"))
    assert response.status_code == 200
    events = _event_lines(response.content)
    assert set(events) == {"Offen (Online-Seminar)", "Abgesagt (Online-Seminar)"}
    assert events["Abgesagt (Online-Seminar)"]["status"] == "CANCELLED"
    assert events["Offen (Online-Seminar)"]["status"] == "CONFIRMED"
    assert b"X-WR-TIMEZONE:Europe/Berlin" in response.content
    assert b"konferenz.example.org" not in response.content
