"""Building the newsletter's mails: confirmation, notices and issues (HTML + plain text).

Every issue mail carries the RFC 2369 / RFC 8058 headers, so that mail programs offer
one-click unsubscribing: ``List-Unsubscribe`` with an https address (and a mailto address if
``NEWSLETTER_UNSUBSCRIBE_MAILTO`` is set) and ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click``. The Message-ID derives from the delivery's idempotency key.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from zwk.core.urls import absolute_url
from zwk.newsletter import selectors, tokens
from zwk.newsletter.content import html_to_text
from zwk.newsletter.models import Delivery, Issue, Subscriber


def from_email() -> str:
    return settings.NEWSLETTER_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "zwk.example"


def unsubscribe_url(subscriber: Subscriber) -> str:
    token = tokens.link_token(subscriber)
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": token}))


def preferences_url(subscriber: Subscriber) -> str:
    token = tokens.link_token(subscriber)
    return absolute_url(reverse("newsletter:preferences", kwargs={"token": token}))


def confirm_url(subscriber: Subscriber) -> str:
    token = tokens.confirm_token(subscriber)
    return absolute_url(reverse("newsletter:confirm", kwargs={"token": token}))


def list_headers(subscriber: Subscriber) -> dict[str, str]:
    targets = [f"<{unsubscribe_url(subscriber)}>"]
    mailto = settings.NEWSLETTER_UNSUBSCRIBE_MAILTO
    if mailto:
        subject = quote(f"abmelden {tokens.link_token(subscriber)}")
        targets.append(f"<mailto:{mailto}?subject={subject}>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{_('Newsletter ZWK')} <newsletter.{site_host()}>",
    }


def send_confirmation(subscriber: Subscriber) -> None:
    context = {
        "confirm_url": confirm_url(subscriber),
        "hours": tokens.confirm_hours(),
        "signup_url": absolute_url(reverse("newsletter:signup")),
    }
    EmailMessage(
        subject=_("Bitte bestätigen Sie Ihre Anmeldung zum ZWK-Newsletter"),
        body=render_to_string("newsletter/email/confirm.txt", context),
        from_email=from_email(),
        to=[subscriber.email],
    ).send()


def send_already_subscribed(subscriber: Subscriber) -> None:
    """Someone entered an address that is already subscribed: tell its owner, not the form."""
    context = {"preferences_url": preferences_url(subscriber)}
    EmailMessage(
        subject=_("Sie erhalten den ZWK-Newsletter bereits"),
        body=render_to_string("newsletter/email/already.txt", context),
        from_email=from_email(),
        to=[subscriber.email],
    ).send()


def issue_context(issue: Issue, subscriber: Subscriber | None) -> dict:
    signup = absolute_url(reverse("newsletter:signup"))
    return {
        "issue": issue,
        "body": mark_safe(issue.body),  # cleaned with nh3 on write
        "body_text": html_to_text(issue.body),
        "extras": selectors.extras_for(issue),
        "unsubscribe_url": unsubscribe_url(subscriber) if subscriber else signup,
        "preferences_url": preferences_url(subscriber) if subscriber else signup,
        "archive_url": absolute_url(reverse("newsletter:archive")),
        "social_links": selectors.social_links(),
        "is_test": subscriber is None,
    }


def render_issue(issue: Issue, subscriber: Subscriber | None = None) -> tuple[str, str]:
    """(HTML, plain text) of the issue as the subscriber receives it."""
    context = issue_context(issue, subscriber)
    return (
        render_to_string("newsletter/email/issue.html", context),
        render_to_string("newsletter/email/issue.txt", context),
    )


def issue_message(
    issue: Issue,
    subscriber: Subscriber | None,
    *,
    to: str | None = None,
    delivery: Delivery | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    html, text = render_issue(issue, subscriber)
    subject = issue.subject if subscriber else _("[Test] %(subject)s") % {"subject": issue.subject}
    headers = list_headers(subscriber) if subscriber else {}
    if delivery is not None:
        headers["Message-ID"] = f"<{delivery.idempotency_key}@{site_host()}>"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email(),
        to=[to or subscriber.email],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message
