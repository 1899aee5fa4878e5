"""Event pages as people use them: list, registration, personal link, organising."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import UserFactory
from zwk.core import ratelimit
from zwk.exchange import services
from zwk.exchange.models import Event, Registration

BERLIN = ZoneInfo("Europe/Berlin")
LINK = "https://konferenz.example.org/raum-42"

pytestmark = pytest.mark.django_db


def _register_data(name="Erika Muster", email="erika@example.org", **extra):
    return {
        "anmeldung-name": name,
        "anmeldung-email": email,
        "anmeldung-organisation": "Gemeinde Musterdorf",
        "anmeldung-consent": "on",
        **extra,
    }


def _url(name, event=None, **kwargs):
    if event is not None:
        kwargs["pk"] = event.pk
    return reverse(f"exchange:{name}", kwargs=kwargs)


# --- list -------------------------------------------------------------------------------


def test_list_shows_upcoming_soonest_first_and_past_separately(make_event, client):
    make_event("Später", days=20)
    make_event("Bald", days=2)
    past = make_event("Vorbei", days=-20)
    make_event("Entwurf", days=3, status="draft")
    html = client.get(_url("list")).content.decode()
    assert html.index("Bald") < html.index("Später")
    assert "Vorbei" not in html and "Entwurf" not in html
    past_html = client.get(_url("list") + "?zeit=vergangen").content.decode()
    assert past.title in past_html and "Bald" not in past_html


def test_list_filters_by_format_and_theme(make_event, client, office_user):
    from zwk.municipalities.models import Theme

    wohnen = Theme.objects.filter(municipality__isnull=True).first()
    make_event("Wohnen-Seminar", themes=[wohnen])
    make_event("Forum Mobilität", event_type="forum")
    by_type = client.get(_url("list") + "?format=forum").content.decode()
    assert "Forum Mobilität" in by_type and "Wohnen-Seminar" not in by_type
    by_theme = client.get(_url("list") + f"?thema={wohnen.slug}").content.decode()
    assert "Wohnen-Seminar" in by_theme and "Forum Mobilität" not in by_theme
    empty = client.get(_url("list") + "?format=talk").content.decode()
    assert "Keine Veranstaltungen für diese Auswahl" in empty
    # Nonsense parameters are ignored, not a 500.
    assert client.get(_url("list") + "?format=%00&thema=x&seite=abc").status_code == 200


def test_list_is_paginated(make_event, client):
    for i in range(14):
        make_event(f"Termin {i:02d}", days=i + 1)
    first = client.get(_url("list")).content.decode()
    assert "Termin 11" in first and "Termin 12" not in first
    assert "Seite 1 von 2" in first
    second = client.get(_url("list") + "?seite=2").content.decode()
    assert "Termin 12" in second and "Termin 13" in second


def test_times_are_shown_in_berlin_time_across_dst(make_event, client):
    start = datetime(2027, 3, 29, 10, 0, tzinfo=BERLIN)  # first Monday of summer time
    event = make_event("Sommerzeit", start=start, end=start + timedelta(hours=2))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "29. März 2027, 10:00" in html
    assert 'datetime="2027-03-29T10:00:00+02:00"' in html
    assert Event.objects.get(pk=event.pk).start == datetime(
        2027, 3, 29, 8, 0, tzinfo=ZoneInfo("UTC")
    )


# --- registration -----------------------------------------------------------------------


def test_anonymous_visitor_registers_for_an_open_event_and_gets_the_link_by_mail(
    make_event, client, django_capture_on_commit_callbacks
):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("register", event), _register_data())
    registration = Registration.objects.get(event=event)
    assert registration.is_confirmed and registration.user is None
    assert response.status_code == 302
    # The token carries the second it was signed: compare what it stands for, not its text
    target = resolve(response["Location"])
    assert target.url_name == "registration"
    assert services.registration_from_token(target.kwargs["token"]) == registration
    page = client.get(response["Location"]).content.decode()
    assert "Bestätigt – Sie haben einen Platz." in page
    assert LINK in page
    assert mail.outbox[0].to == ["erika@example.org"]
    assert LINK in mail.outbox[0].body


def test_online_link_is_hidden_from_everyone_not_confirmed(
    make_event, client_for, member, other_member, register
):
    event = make_event(capacity=1)
    register(event, "Mia Mitglied", email=member.email, user=member)
    register(event, "Olaf Other", email=other_member.email, user=other_member)  # waiting
    assert LINK not in client_for(None).get(event.get_absolute_url()).content.decode()
    assert LINK not in client_for(other_member).get(event.get_absolute_url()).content.decode()
    assert LINK in client_for(member).get(event.get_absolute_url()).content.decode()
    # The waiting person's own page does not show it either.
    waiting = Registration.objects.get(email=other_member.email)
    page = (
        client_for(None)
        .get(_url("registration", token=services.registration_token(waiting)))
        .content.decode()
    )
    assert "Warteliste, Platz 1" in page and LINK not in page


def test_the_organiser_and_the_office_see_the_link(make_event, client_for, consultant, office_user):
    event = make_event(organiser=consultant)
    assert LINK in client_for(consultant).get(event.get_absolute_url()).content.decode()
    assert LINK in client_for(office_user).get(event.get_absolute_url()).content.decode()


def test_invalid_registration_is_shown_again_with_german_errors_and_input_kept(make_event, client):
    event = make_event()
    response = client.post(
        _url("register", event), {"anmeldung-name": "Erika", "anmeldung-email": "kaputt"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert "Bitte stimmen Sie der Speicherung Ihrer Angaben zu." in html
    assert 'value="Erika"' in html
    assert not Registration.objects.exists()


def test_duplicate_registration_is_a_400_with_a_message(make_event, client, register):
    event = make_event()
    register(event, "Erika Muster", email="erika@example.org")
    response = client.post(_url("register", event), _register_data(email="Erika@Example.org"))
    assert response.status_code == 400
    assert "bereits eine Anmeldung vorhanden" in response.content.decode()
    assert Registration.objects.count() == 1


def test_full_event_puts_the_visitor_on_the_waiting_list(make_event, client, register):
    event = make_event(capacity=1)
    register(event, "Anna A")
    detail = client.get(event.get_absolute_url()).content.decode()
    assert "Auf die Warteliste setzen" in detail
    response = client.post(_url("register", event), _register_data(), follow=True)
    assert "Warteliste, Platz 1" in response.content.decode()


def test_programme_event_needs_a_login_and_membership(
    make_event, client_for, member, django_user_model
):
    event = make_event(audience="programme")
    anonymous = client_for(None)
    detail = anonymous.get(event.get_absolute_url()).content.decode()
    assert "Kommunen im Programm vorbehalten" in detail
    response = anonymous.post(_url("register", event), _register_data())
    assert response.status_code == 302 and "/anmelden/" in response["Location"]
    outsider = UserFactory(username="aussen", email="aussen@example.org")
    assert client_for(outsider).post(_url("register", event), _register_data()).status_code == 403
    response = client_for(member).post(_url("register", event), _register_data(email="x@y.de"))
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    # Logged in: the account's address is used, not what was posted.
    assert registration.email == member.email and registration.user == member
    assert not Registration.objects.filter(email="x@y.de").exists()


def test_anonymous_registrations_are_rate_limited(make_event, client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "exchange.register": "2/10m"}
    event = make_event(capacity=50)
    codes = [
        client.post(_url("register", event), _register_data(email=f"p{i}@example.org")).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]
    assert Registration.objects.count() == 2
    assert ratelimit.limits("exchange.register") == [ratelimit.Window(2, 600)]


def test_a_forged_forwarded_header_does_not_escape_the_registration_limit(
    make_event, client, settings
):
    settings.TRUSTED_PROXIES = []
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "exchange.register": "2/10m"}
    event = make_event(capacity=50)
    codes = [
        client.post(
            _url("register", event),
            _register_data(email=f"p{i}@example.org"),
            HTTP_X_REAL_IP=f"198.51.100.{i}",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        ).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]
    # Another client address registers as usual.
    other = client.post(
        _url("register", event), _register_data(email="q@example.org"), REMOTE_ADDR="192.0.2.50"
    )
    assert other.status_code == 302


def test_registration_needs_the_csrf_token(make_event):
    event = make_event()
    response = Client(enforce_csrf_checks=True).post(_url("register", event), _register_data())
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_no_registration_form_on_started_or_cancelled_events(make_event, client, office_user):
    started = make_event("Läuft", start=timezone.now() - timedelta(minutes=5))
    assert "Verbindlich anmelden" not in client.get(started.get_absolute_url()).content.decode()
    response = client.post(_url("register", started), _register_data())
    assert response.status_code == 400
    assert "bereits begonnen" in response.content.decode()
    cancelled = make_event("Abgesagt")
    services.event_cancel(event=cancelled, by=office_user, reason="Zu wenige Anmeldungen.")
    html = client.get(cancelled.get_absolute_url()).content.decode()
    assert "Diese Veranstaltung wurde abgesagt." in html and "Zu wenige Anmeldungen." in html
    assert "Verbindlich anmelden" not in html


# --- cancellation link ------------------------------------------------------------------


def test_cancellation_link_works_without_login_after_a_confirmation_page(
    make_event, client, register, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    anna = register(event, "Anna A")
    ben = register(event, "Ben B")
    url = _url("registration_cancel", token=services.registration_token(anna))
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "wirklich stornieren" in confirm.content.decode()
    anna.refresh_from_db()
    assert anna.is_confirmed  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Ihre Anmeldung ist storniert" in response.content.decode()
    anna.refresh_from_db()
    ben.refresh_from_db()
    assert anna.status == "cancelled" and ben.is_confirmed
    assert any(m.subject.startswith("Sie sind nachgerückt") for m in mail.outbox)
    # A second click is harmless.
    assert client.post(url).status_code == 302


@pytest.mark.parametrize("tamper", ["garbage", "swap_pk"])
def test_forged_or_foreign_tokens_are_404(make_event, client, register, tamper):
    event = make_event()
    anna = register(event, "Anna A")
    register(event, "Ben B")
    if tamper == "garbage":
        token = "abc:def"
    else:
        # Another registration's id with Anna's nonce, signed with a wrong key: rejected.
        from django.core import signing

        token = signing.dumps([anna.pk + 1, anna.nonce], salt="other", compress=True)
    for name in ("registration", "registration_cancel", "registration_ics"):
        assert client.get(_url(name, token=token)).status_code == 404
    assert client.post(_url("registration_cancel", token=token)).status_code == 404
    assert Registration.objects.filter(status="cancelled").count() == 0


def test_registration_token_is_bound_to_one_registration(make_event, register):
    event = make_event()
    anna = register(event, "Anna A")
    ben = register(event, "Ben B")
    token = services.registration_token(anna)
    assert services.registration_from_token(token) == anna
    assert services.registration_token(ben) != token


# --- organising -------------------------------------------------------------------------


def _event_form(**overrides):
    data = {
        "title": "Fachforum Nahversorgung",
        "event_type": "forum",
        "description": "<p>Dorfläden und mobile Angebote.</p><script>x()</script>",
        "start": "2027-10-31T10:00",
        "end": "2027-10-31T12:30",
        "online_link": "",
        "place": "Rathaus Musterstadt, Saal 2",
        "capacity": "25",
        "audience": "programme",
        "status": "published",
        "organiser": "",
        "contact_email": "",
    }
    data.update(overrides)
    return data


def test_office_creates_an_event_entered_in_berlin_time_stored_in_utc(client_for, office_user):
    client = client_for(office_user)
    response = client.post(_url("create"), _event_form())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    # 31 October 2027 is the day summer time ends: 10:00 is already CET (UTC+1).
    assert event.start == datetime(2027, 10, 31, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert "<script>" not in event.description
    # The edit form shows the Berlin wall time again.
    edit = client.get(_url("edit", event)).content.decode()
    assert 'value="2027-10-31T10:00"' in edit


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("start", "2027-03-28T02:30", "Zeitumstellung"),  # does not exist (clocks jump)
        ("start", "2027-10-31T02:30", "Zeitumstellung"),  # exists twice
        ("end", "2027-10-31T09:00", "Ende muss nach dem Beginn"),
        ("online_link", "javascript:alert(1)", "nur http:// oder https://"),
        ("capacity", "0", "größer oder gleich 1"),
        ("start", "morgen", "Datum und Uhrzeit"),
    ],
)
def test_bad_event_input_is_a_400_in_german_and_nothing_is_saved(
    client_for, office_user, field, value, message
):
    response = client_for(office_user).post(_url("create"), _event_form(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_organiser_edits_but_members_may_not(make_event, client_for, consultant, member):
    event = make_event(organiser=consultant)
    data = _event_form(title="Neuer Titel", organiser="")
    data.update(
        start=timezone.localtime(event.start).strftime("%Y-%m-%dT%H:%M"),
        end=timezone.localtime(event.end).strftime("%Y-%m-%dT%H:%M"),
    )
    assert client_for(member).post(_url("edit", event), data).status_code == 403
    response = client_for(consultant).post(_url("edit", event), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Neuer Titel"
    assert event.organiser == consultant  # organisers cannot hand the event on


def test_drafts_of_others_are_not_found(make_event, client_for, consultant, unassigned_consultant):
    draft = make_event(status="draft", organiser=consultant)
    assert client_for(consultant).get(draft.get_absolute_url()).status_code == 200
    for name in ("detail", "edit", "attendees", "documentation", "cancel", "ics"):
        assert client_for(unassigned_consultant).get(_url(name, draft)).status_code == 404


def test_cancel_event_asks_first_then_cancels(make_event, client_for, office_user, register):
    event = make_event()
    register(event)
    client = client_for(office_user)
    confirm = client.get(_url("cancel", event))
    assert "wirklich absagen" in confirm.content.decode()
    assert Event.objects.get(pk=event.pk).status == "published"
    response = client.post(_url("cancel", event), {"absage-reason": "Krankheit."})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled and event.cancel_reason == "Krankheit."
    again = client.post(_url("cancel", event), {"absage-reason": ""})
    assert again.status_code == 400
    assert "bereits abgesagt" in again.content.decode()


def test_attendance_export_neutralises_formulas(make_event, client_for, consultant, register):
    event = make_event(organiser=consultant, capacity=1)
    register(event, '=HYPERLINK("http://böse.example")', email="a@example.org")
    register(event, "+Ben B", email="b@example.org")
    client = client_for(consultant)
    page = client.get(_url("attendees", event)).content.decode()
    assert "1 von 1 Plätzen bestätigt, 1 auf der Warteliste." in page
    response = client.get(_url("attendees_export", event, fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nr.", "Name", "E-Mail-Adresse"]
    assert rows[1][1] == '\'=HYPERLINK("http://böse.example")'
    assert rows[2][1] == "'+Ben B" and rows[2][4] == "Warteliste"
    response = client.get(_url("attendees_export", event, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value.startswith("'=") and sheet["B2"].data_type == "s"


def test_documentation_upload_and_public_download(make_event, client_for, office_user, pdf_upload):
    event = make_event(days=-3)
    client = client_for(office_user)
    bad = client.post(
        _url("documentation", event),
        {"doku-summary": "<p>Kurz</p>", "doku-recording_url": "ftp://x.example/v"},
    )
    assert bad.status_code == 400 and "nur http:// oder https://" in bad.content.decode()
    wrong = client.post(
        _url("documentation", event),
        {"doku-summary": "", "doku-recording_url": "", "doku-slides": pdf_upload("folien.pptx")},
    )
    assert wrong.status_code == 400 and "passt nicht zur Endung" in wrong.content.decode()
    ok = client.post(
        _url("documentation", event),
        {
            "doku-summary": "<p>Drei Erkenntnisse</p>",
            "doku-recording_url": "https://video.example.org/123",
            "doku-slides": pdf_upload("folien.pdf"),
        },
    )
    assert ok.status_code == 302
    public = client_for(None)
    html = public.get(event.get_absolute_url()).content.decode()
    assert "Drei Erkenntnisse" in html and "https://video.example.org/123" in html
    download = public.get(_url("slides", event))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    past = public.get(_url("list") + "?zeit=vergangen").content.decode()
    assert "Zur Dokumentation" in past


def test_consultant_registers_for_a_programme_event_and_sees_the_registration(
    make_event, client_for, consultant
):
    event = make_event(audience="programme")
    client = client_for(consultant)
    assert client.post(_url("register", event), _register_data()).status_code == 302
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Sie sind für diese Veranstaltung angemeldet." in html
    assert LINK in html
    assert "Verbindlich anmelden" not in html


def test_list_query_count_does_not_grow_with_the_events(
    make_event, client, django_assert_max_num_queries, register
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(3):
        register(make_event(f"A{i}", days=i + 1), f"Person {i}")
    with CaptureQueriesContext(connection) as few:
        client.get(_url("list"))
    for i in range(9):
        register(make_event(f"B{i}", days=i + 5), f"Leute {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url("list"))


def test_a_cancelled_event_can_be_corrected_but_stays_cancelled(
    make_event, client_for, office_user
):
    event = make_event()
    services.event_cancel(event=event, by=office_user)
    client = client_for(office_user)
    assert 'name="status"' not in client.get(_url("edit", event)).content.decode()
    data = _event_form(title="Korrigierter Titel", status="published")
    data.update(
        start=timezone.localtime(event.start).strftime("%Y-%m-%dT%H:%M"),
        end=timezone.localtime(event.end).strftime("%Y-%m-%dT%H:%M"),
    )
    assert client.post(_url("edit", event), data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Korrigierter Titel" and event.is_cancelled
