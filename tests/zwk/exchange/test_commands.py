"""Management commands: reminders the day before (once) and anonymisation after 12 months."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from zwk.exchange.models import Registration

pytestmark = pytest.mark.django_db


def _run(name, *args):
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_send_event_reminders_sends_each_reminder_once(make_event, register):
    event = make_event(start=timezone.now() + timedelta(hours=12))
    register(event, "Anna A")
    register(event, "Ben B")
    mail.outbox.clear()
    assert _run("send_event_reminders").strip() == "2 Erinnerung(en) versendet."
    assert _run("send_event_reminders").strip() == "0 Erinnerung(en) versendet."
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "ben@example.org"]
    assert all(m.attachments for m in mail.outbox)  # with the calendar file
    assert Registration.objects.filter(reminded_at__isnull=True).count() == 0


def test_a_failing_mail_server_leaves_the_reminder_for_the_next_run(
    make_event, register, monkeypatch
):
    event = make_event(start=timezone.now() + timedelta(hours=12))
    register(event, "Anna A")
    mail.outbox.clear()

    def broken(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    assert _run("send_event_reminders").strip() == "0 Erinnerung(en) versendet."
    assert Registration.objects.get().reminded_at is None
    monkeypatch.undo()
    assert _run("send_event_reminders").strip() == "1 Erinnerung(en) versendet."


def test_anonymise_command_respects_the_retention(make_event, register):
    old = make_event("Alt", days=-400)
    Registration.objects.create(
        event=old, name="Anna A", email="anna@example.org", organisation="X", status="confirmed"
    )
    recent = make_event("Neu", days=-30)
    Registration.objects.create(
        event=recent, name="Ben B", email="ben@example.org", organisation="X", status="confirmed"
    )
    assert _run("anonymise_event_registrations").strip() == "1 Anmeldung(en) anonymisiert."
    assert set(Registration.objects.values_list("name", flat=True)) == {"anonymisiert", "Ben B"}
    assert _run("anonymise_event_registrations", "--days", "10").strip() == (
        "1 Anmeldung(en) anonymisiert."
    )


def test_celery_beat_runs_reminders_in_the_morning_and_anonymisation_at_night(settings):
    from zwk.celery import app

    app.loader.import_default_modules()
    reminders = settings.CELERY_BEAT_SCHEDULE["exchange-event-reminders"]
    anonymise = settings.CELERY_BEAT_SCHEDULE["exchange-anonymise-registrations"]
    assert reminders["task"] in app.tasks and anonymise["task"] in app.tasks
    assert reminders["schedule"].hour == {8} and anonymise["schedule"].hour == {3}
