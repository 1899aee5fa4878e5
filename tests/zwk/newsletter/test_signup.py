"""Sign-up with double opt-in: confirmation links expire, cannot be replayed, consent is
recorded without the IP address, and the form never reveals whether an address is known."""

import re
import time

import pytest
from django.core import mail, signing
from django.urls import reverse

from zwk.newsletter.content import CONSENT_VERSION
from zwk.newsletter.models import ConsentRecord, Subscriber

SIGNUP = "/newsletter/"


def _post(client, email="leser@example.org", topics=("events",), consent="on", **extra):
    data = {"anmeldung-email": email, "anmeldung-topics": list(topics)}
    if consent:
        data["anmeldung-consent"] = consent
    return client.post(SIGNUP, data, **extra)


def _link(message) -> str:
    match = re.search(r"https://zwk\.example(/newsletter/bestaetigen/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_sends_a_confirmation_and_nothing_is_active_before_it(client, db):
    response = _post(client, remote_addr="203.0.113.7")
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:signup_done")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.topics == ["events"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["leser@example.org"]
    assert "48 Stunden" in mail.outbox[0].body
    consent = ConsentRecord.objects.get()
    assert consent.action == ConsentRecord.Action.REQUESTED
    assert consent.text_version == CONSENT_VERSION
    # A keyed hash, not the address (nor its plain SHA-256).
    assert len(consent.ip_hash) == 64
    assert "203.0.113" not in consent.ip_hash
    import hashlib

    assert consent.ip_hash != hashlib.sha256(b"203.0.113.7").hexdigest()


def test_confirmation_link_asks_then_confirms_once(client, db):
    _post(client)
    link = _link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "Ja, Newsletter erhalten" in page.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # GET changes nothing

    done = client.post(link)
    assert "Sie sind angemeldet" in done.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.confirmed_at is not None

    replay = client.post(link)
    assert replay.status_code == 200
    assert "Dieser Link wurde bereits verwendet" in replay.content.decode()
    assert client.get(link).content.decode().count("bereits verwendet") == 1
    assert Subscriber.objects.count() == 1
    assert ConsentRecord.objects.filter(action=ConsentRecord.Action.CONFIRMED).count() == 1


def test_expired_confirmation_link_is_refused_with_a_clear_page(client, db, monkeypatch):
    real = signing.TimestampSigner.timestamp
    monkeypatch.setattr(
        signing.TimestampSigner,
        "timestamp",
        lambda self: signing.b62_encode(int(time.time()) - 49 * 3600),
    )
    _post(client)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", real)
    link = _link(mail.outbox[0])
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "Dieser Bestätigungslink ist abgelaufen" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert not ConsentRecord.objects.filter(action=ConsentRecord.Action.CONFIRMED).exists()


def test_a_newer_confirmation_link_replaces_the_older_one(client, db, monkeypatch):
    from zwk.newsletter import services

    monkeypatch.setattr(services, "RESEND_INTERVAL", services.timedelta(0))
    _post(client)
    _post(client)
    old, new = _link(mail.outbox[0]), _link(mail.outbox[1])
    assert "bereits verwendet" in client.post(old).content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert "Sie sind angemeldet" in client.post(new).content.decode()


def test_tampered_confirmation_link_is_invalid(client, db):
    _post(client)
    link = _link(mail.outbox[0])
    response = client.post(link[:-3] + "xx/")
    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_same_answer_for_new_pending_and_active_addresses(client, subscribe, monkeypatch):
    from zwk.newsletter import services

    monkeypatch.setattr(services, "RESEND_INTERVAL", services.timedelta(0))
    subscribe("aktiv@example.org")
    answers = []
    for email in ("neu@example.org", "neu@example.org", "AKTIV@example.org"):
        response = _post(client, email=email)
        answers.append((response.status_code, response["Location"]))
    assert len(set(answers)) == 1
    assert Subscriber.objects.count() == 2  # no duplicate for a differently cased address
    # The owner of the active address is told by mail instead.
    notice = mail.outbox[-1]
    assert notice.to == ["AKTIV@example.org"] or notice.to == ["aktiv@example.org"]
    assert "bereits" in notice.subject
    assert "/newsletter/einstellungen/" in notice.body


def test_repeated_signups_do_not_flood_the_mailbox(client, db):
    for _ in range(3):
        assert _post(client).status_code == 302
    assert len(mail.outbox) == 1


def test_signups_are_rate_limited_per_network(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "newsletter.signup": "2/1h"}
    assert _post(client, email="a@example.org").status_code == 302
    assert _post(client, email="b@example.org").status_code == 302
    response = _post(client, email="c@example.org")
    assert response.status_code == 429
    assert "sehr viele Anmeldungen" in response.content.decode()
    assert 'value="c@example.org"' in response.content.decode()
    assert not Subscriber.objects.filter(email="c@example.org").exists()
    # Another network is not affected.
    assert _post(client, email="d@example.org", REMOTE_ADDR="198.51.100.4").status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_limit(client, db, settings):
    """Without TRUSTED_PROXIES the socket address counts, whatever the client writes."""
    settings.TRUSTED_PROXIES = []
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "newsletter.signup": "2/1h"}
    codes = [
        _post(
            client,
            email=f"f{i}@example.org",
            HTTP_X_REAL_IP=f"198.51.100.{i}",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        ).status_code
        for i in range(4)
    ]
    assert codes == [302, 302, 429, 429]
    assert len(mail.outbox) == 2


def test_behind_a_trusted_proxy_each_client_address_counts_alone(client, db, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's socket address
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "newsletter.signup": "2/1h"}
    first = [
        _post(client, email=f"a{i}@example.org", HTTP_X_REAL_IP="198.51.100.1").status_code
        for i in range(3)
    ]
    assert first == [302, 302, 429]
    other = _post(client, email="b@example.org", HTTP_X_REAL_IP="198.51.100.2")
    assert other.status_code == 302


def test_confirmation_mails_to_one_address_are_limited_from_any_network(
    client, db, settings, monkeypatch
):
    from zwk.newsletter import services

    monkeypatch.setattr(services, "RESEND_INTERVAL", services.timedelta(0))
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "newsletter.confirmation": "3/1d"}
    codes = [
        _post(client, email="opfer@example.org", REMOTE_ADDR=f"198.51.100.{i}").status_code
        for i in range(1, 7)
    ]
    assert codes == [302] * 6  # the same answer: the limit is not an oracle
    assert len(mail.outbox) == 3
    assert all(message.to == ["opfer@example.org"] for message in mail.outbox)
    # Another address is not affected.
    _post(client, email="andere@example.org", REMOTE_ADDR="198.51.100.9")
    assert mail.outbox[-1].to == ["andere@example.org"]


@pytest.mark.parametrize(
    ("email", "consent", "message"),
    [
        ("keine-adresse", "on", "gültige E-Mail-Adresse"),
        ("leser@example.org", "", "Bitte bestätigen Sie Ihre Einwilligung"),
    ],
)
def test_bad_input_is_refused_with_the_input_kept(client, db, email, consent, message):
    response = _post(client, email=email, consent=consent)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert f'value="{email}"' in body
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_unsubscribed_address_must_confirm_again(client, subscribe, monkeypatch):
    from zwk.newsletter import services

    subscriber = subscribe("zurueck@example.org")
    services.unsubscribe(subscriber=subscriber)
    _post(client, email="zurueck@example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    client.post(_link(mail.outbox[-1]))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
