"""Sending: recipients fixed in one transaction, e-mails to exactly the coordinators and team
members of the recipient Kommunen after the commit, the notice survives a failing mail server."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import UserFactory, assign, membership
from zwk.accounts.models import AuditEntry
from zwk.announcements import services
from zwk.announcements.models import Announcement
from zwk.core import personal_data

pytestmark = pytest.mark.django_db


def _send(office, django_capture_on_commit_callbacks, **data):
    data = {"subject": "Fördermittel 2027", "body": "Bitte melden Sie sich.", **data}
    draft = services.announcement_create(by=office, data=data)
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_send(announcement=draft, by=office)
    draft.refresh_from_db()
    return draft


def test_mails_go_to_exactly_the_teams_of_the_chosen_kommunen(
    landscape, office_user, mailoutbox, django_capture_on_commit_callbacks
):
    assign(UserFactory(username="beraterin"), landscape["gruenau"])  # consultants: no mail
    announcement = _send(
        office_user,
        django_capture_on_commit_callbacks,
        audience="filter",
        criteria={"lands": ["14"]},
    )
    addresses = sorted(m.to[0] for m in mailoutbox)
    assert addresses == [
        "goerlitz-koordination@example.org",
        "goerlitz-team@example.org",
        "gruenau-koordination@example.org",  # the inactive Grünau team member gets nothing
    ]
    assert all(len(m.to) == 1 for m in mailoutbox)  # nobody sees the other addresses
    mail = next(m for m in mailoutbox if m.to == ["goerlitz-team@example.org"])
    assert mail.subject == "Mitteilung der Geschäftsstelle: Fördermittel 2027"
    assert "Bitte melden Sie sich." in mail.body
    assert "https://zwk.example/kommunen/goerlitz/" in mail.body
    assert [r.municipality.slug for r in announcement.recipients.all()] == ["goerlitz", "gruenau"]
    assert (announcement.mails_sent, announcement.mails_failed) == (3, 0)
    assert announcement.mailed_at is not None


def test_a_person_in_two_kommunen_gets_one_mail(
    landscape, office_user, mailoutbox, django_capture_on_commit_callbacks
):
    both = landscape["people"]["bamberg"][0]
    membership(both, landscape["ebern"])
    _send(
        office_user,
        django_capture_on_commit_callbacks,
        audience="filter",
        criteria={"lands": ["09"]},
    )
    mine = [m for m in mailoutbox if m.to == [both.email]]
    assert len(mine) == 1
    assert "Bamberg" in mine[0].body and "Ebern" in mine[0].body
    assert len(mailoutbox) == 4


def test_failing_mail_server_keeps_the_notices(
    landscape, office_user, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(self, fail_silently=False):
        raise OSError("SMTP kaputt")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    announcement = _send(office_user, django_capture_on_commit_callbacks, audience="all")
    assert announcement.recipients.count() == 4
    assert announcement.sent_at is not None
    assert (announcement.mails_sent, announcement.mails_failed) == (0, 7)


def test_a_repeated_mail_job_sends_nothing_twice(
    landscape, office_user, mailoutbox, django_capture_on_commit_callbacks
):
    announcement = _send(office_user, django_capture_on_commit_callbacks, audience="all")
    assert len(mailoutbox) == 7
    assert services.mails_deliver(announcement_id=announcement.pk) == (0, 0)
    assert len(mailoutbox) == 7


def test_no_mail_before_the_commit(landscape, office_user, mailoutbox):
    draft = services.announcement_create(
        by=office_user, data={"subject": "S", "body": "B", "audience": "all"}
    )
    services.announcement_send(announcement=draft, by=office_user)
    assert mailoutbox == []  # the test transaction never commits


def test_sending_is_recorded_in_the_audit_log(
    landscape, office_user, django_capture_on_commit_callbacks
):
    announcement = _send(office_user, django_capture_on_commit_callbacks, audience="all")
    entry = AuditEntry.objects.get(action="announcements.sent")
    assert entry.actor == office_user and entry.object_id == str(announcement.pk)
    assert "an 4 Kommunen" in entry.message


def test_an_announcement_is_sent_only_once(
    landscape, office_user, django_capture_on_commit_callbacks
):
    announcement = _send(office_user, django_capture_on_commit_callbacks, audience="all")
    with pytest.raises(ValidationError, match="bereits gesendet"):
        services.announcement_send(announcement=announcement, by=office_user)
    assert announcement.recipients.count() == 4


def test_a_filter_that_matches_nobody_is_refused(landscape, office_user):
    draft = services.announcement_create(
        by=office_user,
        data={"subject": "S", "body": "B", "audience": "filter", "criteria": {"steps": ["review"]}},
    )
    with pytest.raises(ValidationError, match="Keine Kommune"):
        services.announcement_send(announcement=draft, by=office_user)
    draft.refresh_from_db()
    assert draft.is_draft and not draft.recipients.exists()


def test_subject_and_body_are_stored_as_plain_text(office_user):
    announcement = services.announcement_create(
        by=office_user,
        data={
            "subject": "<b>Hallo</b>",
            "body": "<script>alert(1)</script>Text",
            "audience": "all",
        },
    )
    assert announcement.subject == "Hallo"
    assert "<script>" not in announcement.body and "Text" in announcement.body


def test_personal_data_export_and_erasure(
    landscape, office_user, django_capture_on_commit_callbacks
):
    provider = {p.key: p for p in personal_data.providers()}["announcements"]
    announcement = _send(office_user, django_capture_on_commit_callbacks, audience="all")
    reader = landscape["people"]["ebern"][1]
    recipient = announcement.recipients.get(municipality=landscape["ebern"])
    services.notice_dismiss(recipient=recipient, by=reader)
    assert provider.export(office_user)["verfasst"][0]["Betreff"] == "Fördermittel 2027"
    assert provider.export(reader)["gelesen"][0]["Kommune"] == "Ebern"
    assert provider.erase(office_user) == 1 and provider.erase(reader) == 1
    announcement = Announcement.objects.get(pk=announcement.pk)
    recipient.refresh_from_db()
    assert announcement.author is None and recipient.read_by is None
    assert recipient.read_at is not None  # the Kommune's read state stays
