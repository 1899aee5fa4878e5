"""Verstetigung and the reminder of the next Zwischenbilanz (mail outbox, idempotency)."""

import io
from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory
from tests.zwk.plans.factories import make_measure
from zwk.municipalities.models import Membership
from zwk.plans import services
from zwk.plans.models import Continuation, ReviewSchedule
from zwk.plans.review.continuation import send_review_reminders

pytestmark = pytest.mark.django_db

REVIEW = date(2026, 6, 30)


def _schedule(municipality, when=REVIEW):
    return ReviewSchedule.objects.create(plan=services.plan_for(municipality), next_review=when)


def test_reminder_goes_to_the_coordination_a_week_before_once(
    municipality, coordinator, member, settings
):
    settings.SITE_URL = "https://zwk.example"
    _schedule(municipality)
    assert send_review_reminders(today=date(2026, 6, 22)) == 0  # eight days before: not yet
    assert send_review_reminders(today=date(2026, 6, 23)) == 1  # seven days before
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]  # the coordination only, not the team
    assert "Musterdorf" in message.subject
    assert "30.06.2026" in message.body
    assert "https://zwk.example/kommunen/musterdorf/bilanz/" in message.body
    # Running again – the same day or later – sends nothing twice.
    assert send_review_reminders(today=date(2026, 6, 23)) == 0
    assert send_review_reminders(today=date(2026, 7, 5)) == 0
    assert len(mail.outbox) == 1
    schedule = ReviewSchedule.objects.get()
    assert schedule.reminder_sent_for == REVIEW and schedule.reminder_sent_at is not None


def test_a_new_date_is_reminded_again(municipality, coordinator):
    schedule = _schedule(municipality)
    send_review_reminders(today=REVIEW)
    schedule.next_review = date(2026, 12, 15)
    schedule.save()
    assert send_review_reminders(today=date(2026, 7, 1)) == 0
    assert send_review_reminders(today=date(2026, 12, 10)) == 1
    assert len(mail.outbox) == 2


def test_overdue_review_is_reminded_with_its_date(municipality, coordinator):
    _schedule(municipality)
    send_review_reminders(today=date(2026, 8, 1))
    assert "war für den 30.06.2026 geplant" in mail.outbox[0].body


def test_every_active_coordinator_gets_it_and_none_is_no_mail(municipality, coordinator):
    second = UserFactory(username="koordination2", email="zweite@example.org")
    Membership.objects.create(user=second, municipality=municipality, role="coordinator")
    inactive = UserFactory(username="weg", email="weg@example.org", is_active=False)
    Membership.objects.create(user=inactive, municipality=municipality, role="coordinator")
    _schedule(municipality)
    send_review_reminders(today=REVIEW)
    assert sorted(mail.outbox[0].to) == sorted([coordinator.email, "zweite@example.org"])


def test_without_coordinator_nothing_is_sent_and_it_stays_due(municipality, member):
    _schedule(municipality)
    assert send_review_reminders(today=REVIEW) == 0
    assert mail.outbox == []
    assert ReviewSchedule.objects.get().reminder_sent_for is None


def test_management_command_and_beat_schedule(municipality, coordinator):
    _schedule(municipality)
    out = io.StringIO()
    call_command("send_review_reminders", "--stichtag", "2026-06-30", stdout=out)
    call_command("send_review_reminders", "--stichtag", "2026-06-30", stdout=out)
    assert out.getvalue().splitlines() == [
        "1 Erinnerung(en) verschickt.",
        "0 Erinnerung(en) verschickt.",
    ]
    assert len(mail.outbox) == 1
    entry = settings.CELERY_BEAT_SCHEDULE["plans-review-reminders"]
    assert entry["task"] == "zwk.plans.tasks.send_review_reminders"
    from zwk.plans.tasks import send_review_reminders as task

    assert task.name == entry["task"]


def test_continuation_page_saves_decisions_owner_and_date(municipality, member, client_for):
    running = make_measure(municipality, member, "Dorfladen", status="running")
    make_measure(municipality, member, "Bürgerbus")
    make_measure(municipality, member, "Verworfen", status="dropped", status_reason="zu teuer")
    client = client_for(member)
    url = reverse("review:continuation", args=[municipality.slug])
    page = client.get(url).content.decode()
    assert "Dorfladen" in page and "Bürgerbus" in page and "Verworfen" not in page
    response = client.post(
        url,
        {
            "termin-next_review": "2027-03-01",
            f"m{running.pk}-decision": "continue",
            f"m{running.pk}-owner": "Dorfladen-Genossenschaft eG",
            f"m{running.pk}-note": "",
            **{f"m{m.pk}-decision": "open" for m in running.plan.measures.exclude(pk=running.pk)},
        },
    )
    assert response.status_code == 302
    continuation = Continuation.objects.get()
    assert (continuation.measure, continuation.decision, continuation.owner) == (
        running,
        "continue",
        "Dorfladen-Genossenschaft eG",
    )
    assert ReviewSchedule.objects.get().next_review == date(2027, 3, 1)
    html = client.get(reverse("review:review", args=[municipality.slug])).content.decode()
    assert "Dorfladen-Genossenschaft eG" in html and "wird fortgeführt" in html


def test_continuing_without_owner_is_refused_and_nothing_written(municipality, member, client_for):
    measure = make_measure(municipality, member, "Dorfladen")
    response = client_for(member).post(
        reverse("review:continuation", args=[municipality.slug]),
        {
            "termin-next_review": "2027-03-01",
            f"m{measure.pk}-decision": "continue",
            f"m{measure.pk}-owner": "",
            f"m{measure.pk}-note": "Ehrenamt gesucht",
        },
    )
    assert response.status_code == 400
    assert "Bitte nennen Sie, wer die Maßnahme fortführt." in response.content.decode()
    assert "Ehrenamt gesucht" in response.content.decode()
    assert not Continuation.objects.exists() and not ReviewSchedule.objects.exists()
