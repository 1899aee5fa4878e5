"""Contact relay, rate limits, discussions, moderation, digest and erasure (services)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tests.factories import MunicipalityFactory, UserFactory, membership
from tests.zwk.network.helpers import (
    first_post,
    make_conversation,
    make_thread,
    preset_theme,
    reply,
)
from zwk.accounts.models import AuditEntry
from zwk.core import personal_data
from zwk.municipalities.models import Membership
from zwk.network import services
from zwk.network.models import Message, Post, Report, Subscription


@pytest.fixture
def receiver(other_municipality, other_member):
    """``other_member`` coordinates Nachbarstadt; add a plain team member who gets no mail."""
    team = UserFactory(username="nachbar-team")
    membership(team, other_municipality)
    return other_member


# --- contact -----------------------------------------------------------------------------


def test_message_is_relayed_to_the_coordinators_without_the_senders_address(
    municipality, other_municipality, coordinator, receiver
):
    conversation = make_conversation(municipality, other_municipality, coordinator)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [receiver.email]  # the coordinator, not the plain team member
    assert "Wie organisieren Sie den Bürgerbus?" in sent.body
    assert coordinator.email not in sent.body and not sent.reply_to
    assert "Musterdorf" in sent.body
    assert f"/austausch/netzwerk/nachbarstadt/nachrichten/{conversation.pk}/" in sent.body
    message = conversation.messages.get()
    assert (message.author, message.author_municipality) == (coordinator, municipality)
    assert AuditEntry.objects.filter(action="network.message_sent", municipality=municipality)


def test_reply_with_consent_reveals_the_address_only_then(
    municipality, other_municipality, coordinator, receiver
):
    conversation = make_conversation(municipality, other_municipality, coordinator)
    mail.outbox.clear()
    reply(conversation, other_municipality, receiver, "Gern, rufen Sie an.")
    assert mail.outbox[0].to == [coordinator.email]
    assert receiver.email not in mail.outbox[0].body and not mail.outbox[0].reply_to
    reply(conversation, other_municipality, receiver, "Hier meine Adresse.", share_email=True)
    revealed = mail.outbox[1]
    assert receiver.email in revealed.body and revealed.reply_to == [receiver.email]
    assert AuditEntry.objects.filter(action="network.email_shared").count() == 1


def test_audit_names_the_kommune_each_message_and_shared_address_went_to(
    municipality, other_municipality, coordinator, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conversation = services.conversation_start(
            municipality=municipality,
            to_municipality=other_municipality,
            by=coordinator,
            subject="Bürgerbus",
            text="Wie organisieren Sie ihn?",
            share_email=True,
        )
    reply(conversation, other_municipality, receiver, "So.", share_email=True)
    entries = AuditEntry.objects.filter(action__startswith="network.").order_by("id")
    assert [(e.action, e.municipality, e.object_type, e.message) for e in entries] == [
        (
            "network.message_sent",
            municipality,
            "network.conversation",
            "Nachricht an Nachbarstadt gesendet",
        ),
        (
            "network.email_shared",
            municipality,
            "network.message",
            "E-Mail-Adresse an Nachbarstadt mitgeteilt",
        ),
        (
            "network.message_sent",
            other_municipality,
            "network.conversation",
            "Antwort an Musterdorf gesendet",
        ),
        (
            "network.email_shared",
            other_municipality,
            "network.message",
            "E-Mail-Adresse an Musterdorf mitgeteilt",
        ),
    ]


def test_no_relay_mail_for_a_message_that_was_rolled_back(
    municipality, other_municipality, coordinator, receiver, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.conversation_start(
            municipality=municipality,
            to_municipality=other_municipality,
            by=coordinator,
            subject="Bürgerbus",
            text="Wie organisieren Sie den Bürgerbus?",
        )
        raise RuntimeError  # whatever fails after the message in the same transaction
    assert not Message.objects.exists() and mail.outbox == []


def test_only_members_of_the_kommune_write_for_it(municipality, other_municipality, consultant):
    with pytest.raises(PermissionDenied):
        make_conversation(municipality, other_municipality, consultant)
    assert not Message.objects.exists() and not mail.outbox


def test_text_is_plain_and_length_limited(municipality, other_municipality, coordinator, receiver):
    conversation = make_conversation(
        municipality,
        other_municipality,
        coordinator,
        text="<script>alert(1)</script><b>Hallo</b>\x00 Nachbarn\r\n\r\n\r\n\r\nGruß",
    )
    assert conversation.messages.get().text == "Hallo Nachbarn\n\nGruß"
    with pytest.raises(ValidationError, match="zu lang"):
        make_conversation(municipality, other_municipality, coordinator, text="x" * 4001)
    with pytest.raises(ValidationError):
        make_conversation(municipality, other_municipality, coordinator, text="<p> </p>")


def test_messages_are_rate_limited(
    settings, municipality, other_municipality, coordinator, receiver
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "network.message": "3/1h"}
    for _i in range(3):
        make_conversation(municipality, other_municipality, coordinator)
    with pytest.raises(ValidationError, match="später noch einmal"):
        make_conversation(municipality, other_municipality, coordinator)
    assert Message.objects.count() == 3 and len(mail.outbox) == 3


def test_writing_to_oneself_is_refused(municipality, coordinator):
    with pytest.raises(ValidationError):
        make_conversation(municipality, municipality, coordinator)


# --- discussions and moderation ------------------------------------------------------------


def test_thread_starts_with_a_post_and_subscribes_its_author(member):
    thread = make_thread(member)
    post = first_post(thread)
    assert post.text == "Wer hat Erfahrung?" and post.author_label.endswith("(Musterdorf)")
    assert Subscription.objects.filter(user=member, thread=thread).exists()


def test_own_post_can_be_edited_for_15_minutes_only(member):
    post = first_post(make_thread(member))
    services.post_edit(post=post, by=member, text="Korrigiert")
    post.refresh_from_db()
    assert post.text == "Korrigiert" and post.edited_at
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    post.refresh_from_db()
    with pytest.raises(ValidationError, match="15 Minuten"):
        services.post_edit(post=post, by=member, text="Zu spät")
    assert not member.has_perm("network.edit_post", post)


def test_others_cannot_edit_a_post(member, coordinator):
    post = first_post(make_thread(member))
    with pytest.raises(PermissionDenied):
        services.post_edit(post=post, by=coordinator, text="fremd")
    assert not coordinator.has_perm("network.edit_post", post)


def test_deleting_the_only_post_removes_the_thread_but_keeps_others(member, coordinator):
    thread = make_thread(member)
    reply = services.post_add(thread=thread, by=coordinator, text="Antwort")
    assert services.post_delete(post=reply, by=coordinator) == thread
    reply.refresh_from_db()
    assert reply.is_deleted and reply.text == ""
    assert services.post_delete(post=first_post(thread), by=member) is None
    assert not type(thread).objects.filter(pk=thread.pk).exists()


def test_report_hide_and_reports_queue(member, coordinator, office_user):
    thread = make_thread(member)
    post = first_post(thread)
    report = services.post_report(post=post, by=coordinator, reason=Report.Reason.SPAM)
    with pytest.raises(ValidationError, match="bereits gemeldet"):
        services.post_report(post=post, by=coordinator, reason=Report.Reason.SPAM)
    with pytest.raises(ValidationError):
        services.post_report(post=post, by=member, reason=Report.Reason.SPAM)  # own post
    with pytest.raises(PermissionDenied):
        services.post_hide(post=post, by=coordinator, reason="nein")
    services.post_hide(post=post, by=office_user, reason="Werbung")
    report.refresh_from_db()
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Werbung"
    assert report.outcome == Report.Outcome.HIDDEN and report.resolved_by == office_user


def test_other_reason_needs_an_explanation(member, coordinator):
    post = first_post(make_thread(member))
    with pytest.raises(ValidationError, match="erläutern"):
        services.post_report(post=post, by=coordinator, reason=Report.Reason.OTHER)


def test_locked_thread_takes_no_posts(member, office_user):
    thread = make_thread(member)
    services.thread_lock(thread=thread, by=office_user, lock=True, reason="Erledigt")
    with pytest.raises(ValidationError, match="gesperrt"):
        services.post_add(thread=thread, by=member, text="Noch was")
    with pytest.raises(ValidationError, match="gesperrt"):
        services.post_edit(post=first_post(thread), by=member, text="Noch was")
    services.thread_lock(thread=thread, by=office_user, lock=False)
    assert services.post_add(thread=thread, by=member, text="Noch was").pk


def test_posts_are_rate_limited(settings, member):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "network.post": "2/10m"}
    thread = make_thread(member)
    services.post_add(thread=thread, by=member, text="zwei")
    with pytest.raises(ValidationError, match="später"):
        services.post_add(thread=thread, by=member, text="drei")


# --- digest ----------------------------------------------------------------------------------


def test_digest_sends_each_post_once(member, coordinator, other_member):
    theme = preset_theme()
    services.subscription_toggle(user=other_member, theme=theme)
    thread = make_thread(member, theme=theme)  # member is subscribed to the own thread
    services.post_add(thread=thread, by=coordinator, text="Zweiter Beitrag")
    mail.outbox.clear()
    assert services.digest_send() == 2
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert "Wer hat Erfahrung?" in by_person[other_member.email]
    assert "Zweiter Beitrag" in by_person[other_member.email]
    assert "Wer hat Erfahrung?" not in by_person[member.email]  # not one's own post
    assert "Zweiter Beitrag" in by_person[member.email]
    assert services.digest_send() == 0 and len(mail.outbox) == 2  # idempotent
    services.post_add(thread=thread, by=coordinator, text="Dritter Beitrag")
    assert services.digest_send() == 2
    assert all("Zweiter Beitrag" not in m.body for m in mail.outbox[2:])
    assert all("Dritter Beitrag" in m.body for m in mail.outbox[2:])
    assert all(m.subject == "ZWK-Austausch: 1 neuer Beitrag" for m in mail.outbox[2:])


def test_digest_leaves_out_hidden_and_own_posts(member, coordinator, office_user):
    thread = make_thread(member)
    services.subscription_toggle(user=coordinator, thread=thread)
    hidden = services.post_add(thread=thread, by=member, text="Unsinn")
    services.post_hide(post=hidden, by=office_user, reason="Spam")
    services.post_add(thread=thread, by=coordinator, text="Eigener")
    mail.outbox.clear()
    assert services.digest_send() == 1  # the coordinator has only a hidden and an own post
    assert mail.outbox[0].to == [member.email]
    assert "Eigener" in mail.outbox[0].body and "Unsinn" not in mail.outbox[0].body


def test_new_subscriber_does_not_get_the_history(member, coordinator):
    thread = make_thread(member)
    services.post_add(thread=thread, by=member, text="alt")
    services.subscription_toggle(user=coordinator, thread=thread)
    mail.outbox.clear()
    assert services.digest_send() == 0


def test_unsubscribing_is_a_toggle(member):
    theme = preset_theme()
    assert services.subscription_toggle(user=member, theme=theme) is True
    assert services.subscription_toggle(user=member, theme=theme) is False
    assert not Subscription.objects.filter(user=member, theme=theme).exists()


# --- personal data ---------------------------------------------------------------------------


def test_erasure_anonymises_posts_and_forgets_subscriptions(
    member, coordinator, municipality, other_municipality, receiver
):
    thread = make_thread(member)
    make_conversation(municipality, other_municipality, member)
    provider = next(p for p in personal_data.providers() if p.key == "network")
    exported = provider.export(member)
    assert exported["beitraege"][0]["text"] == "Wer hat Erfahrung?"
    assert exported["nachrichten"][0]["kommune"] == "Musterdorf"
    assert provider.erase(member) > 0
    post = first_post(thread)
    assert post.author is None and post.author_label == "gelöschtes Konto"
    assert post.text == "Wer hat Erfahrung?"  # the discussion keeps its content
    assert not Subscription.objects.filter(user=member).exists()
    assert not Message.objects.filter(author=member).exists()


def test_relay_skips_people_without_coordination_role(municipality, coordinator):
    quiet = MunicipalityFactory(name="Stillbach", slug="stillbach")
    team = UserFactory(username="still-team")
    membership(team, quiet, Membership.Role.MEMBER)
    make_conversation(municipality, quiet, coordinator)
    assert mail.outbox == []  # nobody coordinates Stillbach yet; the message waits on the platform
