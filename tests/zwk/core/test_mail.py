"""Mail after commit (``zwk.core.mail``): a rollback sends nothing, a failing mail server is
logged and never undoes what was saved."""

import logging

import pytest
from django.db import transaction

from zwk.core.mail import message, send_after_commit


def test_mail_goes_out_after_the_commit_only(db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_after_commit(lambda: message("Hallo\n Welt", "Text", ["a@example.org"]), what="t")
        assert mailoutbox == []
    assert [(m.subject, m.to) for m in mailoutbox] == [("Hallo Welt", ["a@example.org"])]


def test_a_rollback_sends_nothing(db, mailoutbox, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_after_commit(lambda: message("Hallo", "Text", ["a@example.org"]), what="t")
        raise RuntimeError
    assert mailoutbox == []


def test_a_failing_mail_server_is_logged_not_raised(
    db, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    with (
        caplog.at_level(logging.ERROR, logger="zwk.core.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_after_commit(lambda: message("Hallo", "Text", ["a@example.org"]), what="probe")
    assert "mail probe could not be sent" in caplog.text
