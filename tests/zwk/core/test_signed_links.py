"""Links already in people's mailboxes keep working after the newsletter and the followers
moved to ``zwk.core.signed_links``: the tokens below were made by the apps' own
``tokens.py`` before that (commit 1d1a9da), with the secret key and at the moment set here."""

from types import SimpleNamespace

import pytest
from django.core import signing

from zwk.accountability import tokens as follower_tokens
from zwk.newsletter import tokens as newsletter_tokens

SECRET = "zwk-test-links-sent-before-the-core-helper"
MADE_AT = 1_800_000_000  # Unix time the old tokens were made at
HOUR = 3600

SUBSCRIBER = SimpleNamespace(pk=41, confirm_nonce="N" * 32, link_key="K" * 32)
FOLLOWER = SimpleNamespace(pk=42, confirm_nonce="n" * 32, link_key="k" * 32)
OLD = {
    "newsletter_confirm": "eyJzIjo0MSwibiI6Ik5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OIn0"
    ":1xocE4:zp8D1pgY2Slzy1_vzukU3G0doA1yGufZ5P497bSuqKM",
    "newsletter_link": "eyJzIjo0MSwiayI6IktLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLIn0"
    ":1xocE4:KyKtgoUrfVzD5WTeu8qBM8KD0A0fix9f5JUW151OnBE",
    "follower_confirm": "eyJmIjo0MiwibiI6Im5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5uIn0"
    ":1xocE4:cyfemgBBem6Yi6Qt6IfwrxhWsyFW3rj9FAmnWTCMFzU",
    "follower_link": "eyJmIjo0MiwiayI6Imtra2tra2tra2tra2tra2tra2tra2tra2tra2tra2trIn0"
    ":1xocE4:hQD94GrwD-Gpdy3AElXP23hGJSLZHgWeYlp_DTtXXE0",
}


@pytest.fixture
def clock(settings, monkeypatch):
    """``clock(seconds)``: signing reads the time ``seconds`` after the old tokens were made."""
    settings.SECRET_KEY = SECRET

    def at(seconds):
        monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: MADE_AT + seconds))

    return at


def test_links_sent_before_still_confirm_and_unsubscribe(clock, settings):
    settings.NEWSLETTER_CONFIRM_HOURS = 48
    clock(47 * HOUR)
    assert newsletter_tokens.read_confirm_token(OLD["newsletter_confirm"]) == (
        newsletter_tokens.Payload(41, "N" * 32)
    )
    assert follower_tokens.read(OLD["follower_confirm"], confirm=True) == (42, "n" * 32)
    clock(400 * 24 * HOUR)  # the unsubscribe link of a mail from last year
    assert newsletter_tokens.read_link_token(OLD["newsletter_link"]) == (
        newsletter_tokens.Payload(41, "K" * 32)
    )
    assert follower_tokens.read(OLD["follower_link"], confirm=False) == (42, "k" * 32)


def test_new_links_are_made_exactly_as_before(clock):
    clock(0)
    assert newsletter_tokens.confirm_token(SUBSCRIBER) == OLD["newsletter_confirm"]
    assert newsletter_tokens.link_token(SUBSCRIBER) == OLD["newsletter_link"]
    assert follower_tokens.confirm_token(FOLLOWER) == OLD["follower_confirm"]
    assert follower_tokens.link_token(FOLLOWER) == OLD["follower_link"]


def test_confirmation_links_expire_after_their_hours(clock, settings):
    settings.NEWSLETTER_CONFIRM_HOURS = 48
    clock(49 * HOUR)
    assert newsletter_tokens.read_confirm_token(OLD["newsletter_confirm"]) is (
        newsletter_tokens.Problem.EXPIRED
    )
    # each app its own hours: a follower's link (72 hours) still confirms
    assert follower_tokens.read(OLD["follower_confirm"], confirm=True) == (42, "n" * 32)
    clock(follower_tokens.CONFIRM_HOURS * HOUR + 1)
    assert follower_tokens.read(OLD["follower_confirm"], confirm=True) == follower_tokens.EXPIRED


def test_a_link_of_one_app_or_purpose_opens_nothing_in_another(clock):
    clock(HOUR)
    assert follower_tokens.read(OLD["newsletter_link"], confirm=False) == follower_tokens.INVALID
    assert follower_tokens.read(OLD["follower_link"], confirm=True) == follower_tokens.INVALID
    assert newsletter_tokens.read_link_token(OLD["follower_link"]) is (
        newsletter_tokens.Problem.INVALID
    )
