"""Sending as a background job: batches, retries, and a crash in the middle that neither
loses nor duplicates a mail (one delivery row per subscriber, idempotency key)."""

import threading
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from zwk.newsletter import sending, services
from zwk.newsletter.models import Delivery, Issue, Subscriber

BERLIN = ZoneInfo("Europe/Berlin")


class Crash(BaseException):
    """Stands for the worker dying (killed, out of memory): not an ordinary error."""


class CrashingBackend(EmailBackend):
    """Accepts ``allow`` messages, then the process 'dies' inside the mail backend."""

    allow = 0

    def send_messages(self, messages):
        if len(mail.outbox) >= type(self).allow:
            raise Crash
        return super().send_messages(messages)


class FlakyBackend(EmailBackend):
    """Refuses the address in ``refuse`` (permanently) and fails once for ``once``."""

    refuse = ""
    once: set = set()

    def send_messages(self, messages):
        for m in messages:
            if m.to[0] == type(self).refuse:
                raise OSError("550 mailbox unavailable")
            if m.to[0] in type(self).once:
                type(self).once.discard(m.to[0])
                raise OSError("421 try again later")
        return super().send_messages(messages)


@pytest.fixture
def readers(subscribe):
    return [subscribe(f"leser{i:02d}@example.org") for i in range(12)]


def _received():
    return sorted(m.to[0] for m in mail.outbox)


@pytest.mark.parametrize("k", [0, 1, 5, 11])
def test_send_interrupted_after_k_mails_resumes_without_loss_or_duplicates(
    readers, make_issue, settings, k
):
    settings.NEWSLETTER_BATCH_SIZE = 4
    issue = make_issue()
    sending.issue_start(issue_id=issue.pk)
    settings.EMAIL_BACKEND = f"{__name__}.CrashingBackend"
    CrashingBackend.allow = k
    with pytest.raises(Crash):
        sending.deliver_pending(issue_id=issue.pk)
    assert len(mail.outbox) == k
    assert issue.deliveries.filter(status=Delivery.Status.SENT).count() == k
    assert issue.deliveries.filter(status=Delivery.Status.PENDING).count() == 12 - k
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENDING

    # Resume (the periodic job does the same) with a working mail server.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_scheduled_newsletters", stdout=None)
    assert _received() == sorted(r.email for r in readers)  # everyone exactly once
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert issue.deliveries.filter(status=Delivery.Status.SENT).count() == 12
    # Running again sends nothing more.
    sending.issue_start(issue_id=issue.pk)
    sending.deliver_pending(issue_id=issue.pk)
    call_command("send_scheduled_newsletters", stdout=None)
    assert len(mail.outbox) == 12


class SlowBackend(EmailBackend):
    def send_messages(self, messages):
        time.sleep(0.005)  # let parallel workers interleave
        return super().send_messages(messages)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel workers need row locks (PostgreSQL)"
)
def test_parallel_workers_send_each_mail_once(transactional_db, subscribe, make_issue, settings):
    readers = [subscribe(f"parallel{i:02d}@example.org") for i in range(30)]
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    settings.NEWSLETTER_BATCH_SIZE = 5
    issue = make_issue()
    sending.issue_start(issue_id=issue.pk)
    errors = []

    def worker():
        try:
            sending.deliver_pending(issue_id=issue.pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert _received() == sorted(r.email for r in readers)
    assert issue.deliveries.filter(status=Delivery.Status.SENT).count() == 30


def test_delivery_rows_are_unique_per_issue_and_subscriber(readers, make_issue):
    issue = make_issue()
    sending.issue_start(issue_id=issue.pk)
    sending.issue_start(issue_id=issue.pk)  # idempotent
    assert issue.deliveries.count() == 12
    row = issue.deliveries.first()
    assert row.idempotency_key == f"issue-{issue.pk}-subscriber-{row.subscriber_id}"
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(
            issue=issue, subscriber_id=row.subscriber_id, idempotency_key="anders"
        )


def test_message_id_derives_from_the_idempotency_key(readers, make_issue):
    issue = make_issue()
    sending.issue_start(issue_id=issue.pk)
    sending.deliver_pending(issue_id=issue.pk)
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert len(ids) == 12
    assert f"<issue-{issue.pk}-subscriber-{readers[0].pk}@zwk.example>" in ids


def test_temporary_errors_are_retried_and_a_refused_address_fails(readers, make_issue, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    FlakyBackend.refuse = "leser03@example.org"
    FlakyBackend.once = {"leser07@example.org"}
    issue = make_issue()
    # The view's path: start, then the Celery task (eager without Redis) with its retries.
    services.issue_send_now(issue=issue, by=issue.created_by)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert len(mail.outbox) == 11
    assert _received().count("leser07@example.org") == 1
    failed = issue.deliveries.get(status=Delivery.Status.FAILED)
    assert failed.subscriber.email == "leser03@example.org"
    assert failed.attempts == 3
    assert "550" in failed.last_error
    assert issue.deliveries.get(subscriber__email="leser07@example.org").attempts == 2


def test_who_unsubscribes_while_sending_is_skipped(readers, make_issue):
    issue = make_issue()
    sending.issue_start(issue_id=issue.pk)
    services.unsubscribe(subscriber=readers[0])
    sending.deliver_pending(issue_id=issue.pk)
    assert readers[0].email not in _received()
    assert issue.deliveries.get(subscriber=readers[0]).status == Delivery.Status.SKIPPED


def test_pending_and_unsubscribed_addresses_get_nothing(subscribe, make_issue):
    subscribe("offen@example.org", status=Subscriber.Status.PENDING)
    subscribe("weg@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    subscribe("da@example.org")
    services.issue_send_now(issue=make_issue(), by=None)
    assert _received() == ["da@example.org"]


# --- scheduling -------------------------------------------------------------------------


def test_scheduled_issue_is_sent_when_due_and_only_once(readers, make_issue, office_user):
    issue = make_issue()
    services.issue_schedule(issue=issue, when=timezone.now() + timedelta(hours=1), by=office_user)
    call_command("send_scheduled_newsletters", stdout=None)
    assert not mail.outbox  # not yet due
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    call_command("send_scheduled_newsletters", stdout=None)
    call_command("send_scheduled_newsletters", stdout=None)
    from zwk.newsletter.tasks import send_scheduled

    send_scheduled.delay()  # the beat entry runs the same
    assert len(mail.outbox) == 12
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_scheduling_reads_berlin_time_summer_and_winter(client_for, office_user, make_issue):
    issue = make_issue()
    client = client_for(office_user)
    url = f"/newsletter/ausgaben/{issue.pk}/planen/"
    year = timezone.now().year + 1
    for local, utc_hour in ((f"{year}-01-15T09:00", 8), (f"{year}-07-15T09:00", 7)):
        response = client.post(url, {"planen-when": local})
        assert response.status_code == 302
        issue.refresh_from_db()
        assert issue.status == Issue.Status.SCHEDULED
        assert issue.scheduled_at.astimezone(ZoneInfo("UTC")).hour == utc_hour
        assert issue.scheduled_at.astimezone(BERLIN).hour == 9


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2020-01-01T09:00", "in der Zukunft"),
        ("morgen früh", "Datum und Uhrzeit"),
    ],
)
def test_bad_schedule_is_refused(client_for, office_user, make_issue, value, message):
    issue = make_issue()
    response = client_for(office_user).post(
        f"/newsletter/ausgaben/{issue.pk}/planen/", {"planen-when": value}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_time_that_does_not_exist_in_berlin_is_refused(client_for, office_user, make_issue):
    # The clocks jump from 02:00 to 03:00 on the last Sunday in March.
    year = timezone.now().year + 1
    last_sunday = max(
        d for d in (datetime(year, 3, day) for day in range(25, 32)) if d.weekday() == 6
    )
    issue = make_issue()
    response = client_for(office_user).post(
        f"/newsletter/ausgaben/{issue.pk}/planen/",
        {"planen-when": last_sunday.strftime("%Y-%m-%dT02:30")},
    )
    assert response.status_code == 400
    issue.refresh_from_db()
    assert issue.scheduled_at is None


def test_unschedule_returns_to_draft_and_nothing_is_sent(readers, make_issue, office_user):
    issue = make_issue()
    services.issue_schedule(issue=issue, when=timezone.now() + timedelta(hours=1), by=office_user)
    services.issue_unschedule(issue=issue, by=office_user)
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now() - timedelta(hours=1))
    call_command("send_scheduled_newsletters", stdout=None)
    assert not mail.outbox


def test_a_sent_issue_cannot_be_changed(sent_issue, office_user, client_for):
    issue = sent_issue()
    with pytest.raises(services.ValidationError):
        services.issue_update(
            issue=issue, by=office_user, data={"subject": "x", "body": "<p>y</p>"}
        )
    response = client_for(office_user).post(f"/newsletter/ausgaben/{issue.pk}/versenden/")
    assert response.status_code == 400
    assert "nicht mehr ändern" in response.content.decode()


# --- office pages -----------------------------------------------------------------------


def test_test_mail_goes_to_the_office_user_only(readers, make_issue, office_user, client_for):
    issue = make_issue(subject="Dezember-Ausgabe")
    response = client_for(office_user).post(f"/newsletter/ausgaben/{issue.pk}/test/")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [office_user.email]
    assert mail.outbox[0].subject == "[Test] Dezember-Ausgabe"
    assert not Delivery.objects.exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_office_writes_previews_and_sends(readers, client_for, office_user):
    client = client_for(office_user)
    response = client.post(
        "/newsletter/ausgaben/neu/",
        {"subject": "Frühjahr 2027", "body": "<p>Hallo <strong>Kommunen</strong></p>"},
    )
    issue = Issue.objects.get()
    assert response["Location"] == f"/newsletter/ausgaben/{issue.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "<strong>Kommunen</strong>" in detail  # HTML preview
    assert "Hallo Kommunen" in detail  # plain-text preview
    assert "12 Personen" in detail
    html = client.get(f"/newsletter/ausgaben/{issue.pk}/vorschau/")
    assert "'unsafe-inline'" in html["Content-Security-Policy"]
    assert "<h1" in html.content.decode()
    confirm = client.get(f"/newsletter/ausgaben/{issue.pk}/versenden/")
    assert "an 12 Abonnentinnen und Abonnenten" in confirm.content.decode()
    client.post(f"/newsletter/ausgaben/{issue.pk}/versenden/")
    assert len(mail.outbox) == 12
    listing = client.get("/newsletter/ausgaben/").content.decode()
    assert "versendet" in listing


def test_issue_form_errors_keep_input(client_for, office_user):
    response = client_for(office_user).post(
        "/newsletter/ausgaben/neu/", {"subject": "", "body": "<p>Text bleibt</p>"}
    )
    assert response.status_code == 400
    assert "Bitte geben Sie einen Betreff an." in response.content.decode()
    assert "Text bleibt" in response.content.decode()
    assert not Issue.objects.exists()
