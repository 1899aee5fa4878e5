"""Registrations, waiting list, event changes and personal data of the Austausch."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from zwk.core import personal_data
from zwk.exchange import services
from zwk.exchange.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db(transaction=False)


def _statuses(event):
    return {r.name: r.status for r in Registration.objects.filter(event=event).order_by("pk")}


def test_registration_is_confirmed_while_places_are_free_then_waiting(
    make_event, register, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        anna = register(event, "Anna A")
        ben = register(event, "Ben B")
        carla = register(event, "Carla C")
    assert (anna.status, ben.status, carla.status) == ("confirmed", "confirmed", "waiting")
    subjects = [m.subject for m in mail.outbox]
    assert subjects[:2] == [f"Anmeldung bestätigt: {event.title}"] * 2
    assert subjects[2] == f"Warteliste: {event.title}"
    # The confirmed get the access link and a calendar file; the waiting list does not.
    assert "https://konferenz.example.org/raum-42" in mail.outbox[0].body
    assert mail.outbox[0].attachments[0][0] == "veranstaltung.ics"
    assert "konferenz.example.org" not in mail.outbox[2].body
    assert "/austausch/anmeldung/" in mail.outbox[2].body  # the cancellation link


def test_cancelling_a_confirmed_place_moves_the_first_waiting_person_up(
    make_event, register, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    anna = register(event, "Anna A")
    register(event, "Ben B")
    register(event, "Carla C")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.registration_cancel(registration=anna)
    assert [r.name for r in moved] == ["Ben B"]
    assert _statuses(event) == {"Anna A": "cancelled", "Ben B": "confirmed", "Carla C": "waiting"}
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient["ben@example.org"].subject == f"Sie sind nachgerückt: {event.title}"
    assert "konferenz.example.org/raum-42" in by_recipient["ben@example.org"].body
    assert by_recipient["anna@example.org"].subject.startswith("Anmeldung storniert")
    assert "carla@example.org" not in by_recipient


def test_cancelling_a_waiting_place_moves_nobody(make_event, register):
    event = make_event(capacity=1)
    register(event, "Anna A")
    ben = register(event, "Ben B")
    register(event, "Carla C")
    assert services.registration_cancel(registration=ben) == []
    assert _statuses(event) == {"Anna A": "confirmed", "Ben B": "cancelled", "Carla C": "waiting"}


def test_cancelling_twice_is_harmless(make_event, register):
    event = make_event(capacity=1)
    anna = register(event, "Anna A")
    register(event, "Ben B")
    services.registration_cancel(registration=anna)
    assert services.registration_cancel(registration=anna) == []
    assert event.registrations.filter(status="confirmed").count() == 1


def test_the_same_address_cannot_register_twice_but_again_after_cancelling(make_event, register):
    event = make_event()
    first = register(event, "Anna A", email="anna@example.org")
    with pytest.raises(ValidationError, match="bereits eine Anmeldung"):
        register(event, "Anna Zwei", email="ANNA@example.org")
    services.registration_cancel(registration=first)
    again = register(event, "Anna A", email="anna@example.org")
    assert again.is_confirmed


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "draft"}, "keine Anmeldung möglich"),
        ({"days": -1}, "bereits begonnen"),
    ],
)
def test_registration_is_refused_for_drafts_and_started_events(
    make_event, register, fields, message
):
    event = make_event(**fields)
    with pytest.raises(ValidationError, match=message):
        register(event)
    assert not event.registrations.exists()


def test_registration_is_refused_after_the_event_was_cancelled(make_event, register, office_user):
    event = make_event()
    services.event_cancel(event=event, by=office_user, reason="Referentin erkrankt.")
    event.refresh_from_db()
    with pytest.raises(ValidationError, match="abgesagt"):
        register(event)


def test_cancelling_the_event_informs_everyone_registered_or_waiting(
    make_event, register, office_user, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    register(event, "Anna A")
    register(event, "Ben B")
    gone = register(event, "Carla C")
    services.registration_cancel(registration=gone)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=office_user, reason="Referentin erkrankt.")
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "ben@example.org"]
    assert all("Referentin erkrankt." in m.body for m in mail.outbox)
    assert mail.outbox[0].subject == f"Abgesagt: {event.title}"


def test_capacity_cannot_drop_below_the_confirmed(make_event, register, office_user):
    event = make_event(capacity=3)
    for name in ("Anna A", "Ben B", "Carla C"):
        register(event, name)
    with pytest.raises(ValidationError, match="bereits 3 Personen bestätigt"):
        services.event_update(event=event, by=office_user, data={"capacity": 2})
    event.refresh_from_db()
    assert event.capacity == 3


def test_more_places_move_the_waiting_list_up_in_order(make_event, register, office_user):
    event = make_event(capacity=1)
    for name in ("Anna A", "Ben B", "Carla C", "Dora D"):
        register(event, name)
    services.event_update(event=event, by=office_user, data={"capacity": 3})
    assert _statuses(event) == {
        "Anna A": "confirmed",
        "Ben B": "confirmed",
        "Carla C": "confirmed",
        "Dora D": "waiting",
    }


def test_moving_the_time_raises_the_calendar_sequence(make_event, office_user):
    event = make_event()
    services.event_update(event=event, by=office_user, data={"title": "Neuer Titel"})
    event.refresh_from_db()
    assert event.sequence == 0
    services.event_update(
        event=event,
        by=office_user,
        data={"start": event.start + timedelta(hours=1), "end": event.end + timedelta(hours=1)},
    )
    event.refresh_from_db()
    assert event.sequence == 1


def test_description_is_sanitised_and_bad_links_refused(make_event):
    event = make_event(
        description='<p onclick="x()">Hallo <script>alert(1)</script><a href="javascript:x">a</a></p>'
    )
    assert "script" not in event.description
    assert "onclick" not in event.description
    assert "javascript" not in event.description
    assert event.description.startswith("<p>Hallo")
    with pytest.raises(ValidationError, match="nur http:// oder https://"):
        make_event("Böser Link", online_link="javascript:alert(1)")


def test_end_must_be_after_start(make_event):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError, match="Ende muss nach dem Beginn"):
        make_event(start=start, end=start)


def test_documentation_accepts_slides_and_only_http_recordings(make_event, office_user, pdf_upload):
    event = make_event(days=-10)
    with pytest.raises(ValidationError, match="nur http"):
        services.event_document(
            event=event, by=office_user, summary="", recording_url="javascript:alert(1)"
        )
    with pytest.raises(ValidationError, match="nicht erlaubt"):
        services.event_document(
            event=event,
            by=office_user,
            summary="",
            recording_url="",
            slides=pdf_upload("folien.exe"),
        )
    services.event_document(
        event=event,
        by=office_user,
        summary="<p>Ergebnisse <script>x</script></p>",
        recording_url="https://video.example.org/aufzeichnung",
        slides=pdf_upload("folien.pdf"),
    )
    event.refresh_from_db()
    assert event.summary == "<p>Ergebnisse </p>"
    assert event.slides_name == "folien.pdf"
    assert event.has_documentation


# --- reminders --------------------------------------------------------------------------


def test_reminder_goes_out_once_the_day_before_to_confirmed_people_only(make_event, register):
    now = timezone.now()
    tomorrow = make_event("Morgen", start=now + timedelta(hours=30), capacity=1)
    later = make_event("Nächste Woche", days=7)
    register(tomorrow, "Anna A")
    register(tomorrow, "Ben B")  # waiting list: no reminder
    register(later, "Carla C")
    mail.outbox.clear()

    assert services.reminders_send(now=now + timedelta(hours=8)) == 1
    assert services.reminders_send(now=now + timedelta(hours=9)) == 0
    assert [m.to[0] for m in mail.outbox] == ["anna@example.org"]
    assert mail.outbox[0].subject == "Erinnerung: morgen „Morgen“"
    assert "konferenz.example.org/raum-42" in mail.outbox[0].body


def test_no_reminder_for_cancelled_events_or_cancelled_registrations(
    make_event, register, office_user
):
    now = timezone.now()
    one = make_event("Eins", start=now + timedelta(hours=20))
    two = make_event("Zwei", start=now + timedelta(hours=20))
    services.registration_cancel(registration=register(one, "Anna A"))
    register(two, "Ben B")
    services.event_cancel(event=two, by=office_user)
    mail.outbox.clear()
    assert services.reminders_send(now=now) == 0


# --- personal data ----------------------------------------------------------------------


def test_registrations_are_anonymised_twelve_months_after_the_event(make_event, register):
    event = make_event(capacity=5)
    registration = register(event, "Anna A")
    token = services.registration_token(registration)
    assert services.registrations_anonymise(now=event.end + timedelta(days=364)) == 0
    assert services.registrations_anonymise(now=event.end + timedelta(days=366)) == 1
    registration.refresh_from_db()
    assert registration.name == "anonymisiert"
    assert "anna" not in registration.email
    assert registration.organisation == "Gemeinde Musterdorf"
    assert services.registration_from_token(token) is None  # the old link is dead
    assert services.registrations_anonymise(now=event.end + timedelta(days=400)) == 0


def test_personal_data_export_and_erasure(make_event, register, member):
    provider = {p.key: p for p in personal_data.providers()}["exchange"]
    event = make_event(capacity=1)
    mine = register(event, "Mia Mitglied", email=member.email.upper(), user=member)
    register(event, "Ben B")
    exported = provider.export(member)
    assert [(r["veranstaltung"], r["status"]) for r in exported] == [(event.title, "confirmed")]

    assert provider.erase(member) == 1
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
    assert mine.name == "anonymisiert" and mine.user is None
    # Her place went to the waiting list.
    assert event.registrations.get(name="Ben B").is_confirmed
    assert provider.export(member) == []


def test_mails_are_plain_text_without_html_escaping(
    make_event, register, django_capture_on_commit_callbacks
):
    event = make_event("Wohnen & Leben – „Dorf“ <2027>")
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "Anna O'Brien")
    message = mail.outbox[-1]
    assert message.subject == "Anmeldung bestätigt: Wohnen & Leben – „Dorf“ <2027>"
    assert "Guten Tag Anna O'Brien," in message.body
    assert "&amp;" not in message.body and "&#x27;" not in message.body
