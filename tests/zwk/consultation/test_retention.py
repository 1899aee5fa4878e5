"""After the retention period the comments on the draft lose what could point to a person
(pseudonym, age group, Ortsteil, consent record) – in the Beteiligung's daily purge task;
texts, answers and the closed consultation's summary stay."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.zwk.consultation.factories import comment, make_consultation
from zwk.accounts.models import AuditEntry
from zwk.consultation import services
from zwk.consultation.models import Consultation, PublicComment
from zwk.consultation.retention import comments_purge
from zwk.participation.tasks import purge_responses

pytestmark = pytest.mark.django_db


def _end(consultation, days_ago):
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_on=timezone.localdate() - timedelta(days=days_ago + 10),
        ends_on=timezone.localdate() - timedelta(days=days_ago),
    )


def test_the_daily_purge_anonymises_comments_after_the_retention_period(
    consultation, coordinator, client_for, settings
):
    settings.CONSULTATION_RETENTION_DAYS = 180
    first = comment(consultation, body="Mehr Bänke am Markt bitte.")
    comment(consultation, body="Und Schatten!", parent=first, pseudonym="Opa Karl")
    services.comment_answer(comment=first, by=coordinator, answer="Wir prüfen drei Standorte.")
    services.consultation_close(
        consultation=consultation, by=coordinator, key_points="Bänke und Schatten."
    )
    consultation.refresh_from_db()
    summary = dict(consultation.summary)
    _end(consultation, 180)  # the last day kept
    purge_responses()
    assert not PublicComment.objects.filter(pseudonym="").exists()

    _end(consultation, 181)
    purge_responses()
    rows = list(PublicComment.objects.filter(consultation=consultation))
    assert len(rows) == 2
    for row in rows:
        assert (row.pseudonym, row.age_group, row.district, row.consent_version) == ("", "", "", "")
        assert row.consent_at == row.created_at
    first.refresh_from_db()
    assert first.body == "Mehr Bänke am Markt bitte." and first.answer.startswith("Wir prüfen")
    consultation.refresh_from_db()
    assert consultation.summary == summary  # the council report's figures stay
    entry = AuditEntry.objects.get(action="consultation.comments_purged")
    assert "2 Kommentare" in entry.message

    page = client_for(coordinator).get(
        reverse("consultation:team", kwargs={"slug": consultation.plan.municipality.slug})
    )
    html = page.content.decode()
    assert "Mehr Bänke am Markt bitte." in html and "anonym" in html
    assert "Lina" not in html and "Opa Karl" not in html and "Altstadt" not in html

    assert comments_purge() == 0  # once only
    assert AuditEntry.objects.filter(action="consultation.comments_purged").count() == 1


def test_a_recent_or_open_consultation_keeps_its_names(draft, coordinator, settings):
    settings.CONSULTATION_RETENTION_DAYS = 30
    running = make_consultation(draft[0], by=coordinator)
    comment(running)
    assert comments_purge() == 0
    _end(running, 30)
    assert comments_purge() == 0
    assert PublicComment.objects.get().pseudonym == "Lina"
    _end(running, 31)  # a shorter period set by the operator
    assert comments_purge() == 1
    assert PublicComment.objects.get().pseudonym == ""
