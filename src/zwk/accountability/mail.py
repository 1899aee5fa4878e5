"""The mails of followers (plain German text): the confirmation (double opt-in) and the
notice of a status change, with the one-click unsubscribe link in the text and in the
``List-Unsubscribe`` headers (RFC 2369 / RFC 8058)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from zwk.accountability import tokens
from zwk.core.mail import message
from zwk.core.urls import absolute_url


def page_url(follower) -> str:
    return absolute_url(
        reverse("accountability:public", kwargs={"slug": follower.municipality.slug})
    )


def confirm_url(follower) -> str:
    return absolute_url(
        reverse(
            "accountability:confirm",
            kwargs={"slug": follower.municipality.slug, "token": tokens.confirm_token(follower)},
        )
    )


def unsubscribe_url(follower) -> str:
    return absolute_url(
        reverse(
            "accountability:unsubscribe",
            kwargs={"slug": follower.municipality.slug, "token": tokens.link_token(follower)},
        )
    )


def _headers(follower) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(follower)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmation(follower, what: str):
    context = {
        "follower": follower,
        "what": what,
        "confirm_url": confirm_url(follower),
        "hours": tokens.CONFIRM_HOURS,
        "municipality": follower.municipality,
    }
    return message(
        _("Bitte bestätigen Sie: Neuigkeiten zu Ihren Ideen in %(name)s")
        % {"name": follower.municipality.name},
        render_to_string("accountability/email/confirm.txt", context),
        [follower.email],
    )


def status_notice(follower, *, title: str, status_label: str, what: str, idea: bool = False):
    context = {
        "follower": follower,
        "title": title,
        "idea": idea,
        "status_label": status_label,
        "what": what,
        "page_url": page_url(follower),
        "unsubscribe_url": unsubscribe_url(follower),
        "municipality": follower.municipality,
    }
    return message(
        _("Neuer Stand: „%(title)s“ ist jetzt „%(status)s“")
        % {"title": title, "status": status_label},
        render_to_string("accountability/email/status.txt", context),
        [follower.email],
        headers=_headers(follower),
    )
