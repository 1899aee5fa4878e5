"""Unsubscribing without login: the RFC 8058 headers of every issue mail, the one-click POST
that mail programs send without a CSRF token, and the preference page behind a signed link."""

import re

from django.core import mail
from django.test import Client

from zwk.newsletter import sending, services, tokens
from zwk.newsletter.models import ConsentRecord, Subscriber


def _send(make_issue, **data):
    issue = make_issue(**data)
    sending.issue_start(issue_id=issue.pk)
    sending.deliver_pending(issue_id=issue.pk)
    return issue


def test_issue_mail_carries_one_click_unsubscribe_headers(subscribe, make_issue):
    subscriber = subscribe("leserin@example.org")
    _send(make_issue)
    message = mail.outbox[0]
    token = tokens.link_token(subscriber)
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<https://zwk.example/newsletter/abmelden/{token}/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    raw = message.message().as_string()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
    # Both parts offer the same link; the HTML part is an alternative.
    html = message.alternatives[0][0]
    assert f"/newsletter/abmelden/{token}/" in html
    assert f"/newsletter/abmelden/{token}/" in message.body


def test_mailto_is_added_when_configured(subscribe, make_issue, settings):
    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "abmelden@zwk.example"
    subscribe("leserin@example.org")
    _send(make_issue)
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    https, mailto = header.split(", ")
    assert https.startswith("<https://zwk.example/newsletter/abmelden/")
    assert re.fullmatch(r"<mailto:abmelden@zwk\.example\?subject=abmelden%20[^>]+>", mailto)


def test_one_click_post_unsubscribes_without_csrf_token_or_login(subscribe, db):
    subscriber = subscribe("leserin@example.org")
    url = f"/newsletter/abmelden/{tokens.link_token(subscriber)}/"
    client = Client(enforce_csrf_checks=True)  # like a mail program: no cookie, no token
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "Sie sind abgemeldet" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    record = subscriber.consents.get(action=ConsentRecord.Action.WITHDRAWN)
    assert record.via == "one-click"
    # Idempotent: a second click changes nothing and records nothing.
    client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert subscriber.consents.filter(action=ConsentRecord.Action.WITHDRAWN).count() == 1


def test_get_only_asks(subscribe, client):
    subscriber = subscribe("leserin@example.org")
    response = client.get(f"/newsletter/abmelden/{tokens.link_token(subscriber)}/")
    assert "Ja, abmelden" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE


def test_forged_or_foreign_token_changes_nothing(subscribe, client):
    anna = subscribe("anna@example.org")
    token = tokens.link_token(anna)
    forged = token.replace(token.split(":")[0], "eyJzIjoxfQ")  # other payload, old signature
    for bad in (forged, token[:-2] + "AA", "kaputt"):
        response = client.post(f"/newsletter/abmelden/{bad}/")
        assert response.status_code == 400
        assert "Dieser Link ist ungültig" in response.content.decode()
    anna.refresh_from_db()
    assert anna.status == Subscriber.Status.ACTIVE


def test_renewed_link_key_invalidates_old_links(subscribe, client):
    anna = subscribe("anna@example.org")
    old = tokens.link_token(anna)
    anna.link_key = tokens.new_key()
    anna.save()
    assert client.post(f"/newsletter/abmelden/{old}/").status_code == 400


def test_unsubscribed_mail_gets_no_further_issue(subscribe, make_issue, client):
    anna = subscribe("anna@example.org")
    subscribe("ben@example.org")
    client.post(f"/newsletter/abmelden/{tokens.link_token(anna)}/")
    _send(make_issue)
    assert [m.to for m in mail.outbox] == [["ben@example.org"]]


def test_preferences_change_topics_through_the_signed_link(subscribe, client):
    anna = subscribe("anna@example.org", topics=["events"])
    url = f"/newsletter/einstellungen/{tokens.link_token(anna)}/"
    page = client.get(url)
    assert 'value="events" ' in page.content.decode() and "checked" in page.content.decode()
    response = client.post(url, {"themen-topics": ["toolbox", "practice"]})
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.topics == ["practice", "toolbox"]
    assert anna.consents.filter(action=ConsentRecord.Action.PREFERENCES).exists()
    bad = client.post(url, {"themen-topics": ["erfunden"]})
    assert bad.status_code == 400
    anna.refresh_from_db()
    assert anna.topics == ["practice", "toolbox"]


def test_topics_decide_who_receives_an_issue(subscribe, make_issue):
    subscribe("alles@example.org")  # no topics chosen: everything
    subscribe("events@example.org", topics=["events"])
    subscribe("toolbox@example.org", topics=["toolbox"])
    _send(make_issue, topics=["events"])
    assert sorted(m.to[0] for m in mail.outbox) == ["alles@example.org", "events@example.org"]


def test_preferences_of_unsubscribed_address_offer_signup(subscribe, client):
    anna = subscribe("anna@example.org")
    services.unsubscribe(subscriber=anna)
    response = client.get(f"/newsletter/einstellungen/{tokens.link_token(anna)}/")
    assert "Erneut anmelden" in response.content.decode()
    assert (
        client.post(
            f"/newsletter/einstellungen/{tokens.link_token(anna)}/", {"themen-topics": ["events"]}
        ).status_code
        == 400
    )
