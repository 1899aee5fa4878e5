"""Reads of the newsletter, shaped for pages and mails."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from zwk.core.urls import absolute_url
from zwk.newsletter.models import Delivery, Issue, Subscriber
from zwk.toolbox.models import Entry

log = logging.getLogger(__name__)

EXTRA_LIMIT = 8


def last_sent_at(*, exclude: Issue | None = None):
    qs = Issue.objects.filter(status=Issue.Status.SENT, sent_at__isnull=False)
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("-sent_at").values_list("sent_at", flat=True).first()


def new_toolbox_entries(*, since=None, limit: int = EXTRA_LIMIT) -> list[dict]:
    """Published Werkzeugkoffer entries since the last issue (all recent ones before the first)."""
    qs = Entry.objects.published().filter(published_at__isnull=False)
    if since is not None:
        qs = qs.filter(published_at__gt=since)
    return [
        {
            "title": entry.title,
            "url": absolute_url(entry.get_absolute_url()),
            "summary": entry.summary,
            "kind": entry.get_entry_type_display(),
        }
        for entry in qs.order_by("-published_at", "-pk")[:limit]
    ]


def upcoming_events(*, limit: int = EXTRA_LIMIT) -> list[dict]:
    """Upcoming events of the Austausch, if that app offers them; [] otherwise."""
    try:
        from zwk.exchange import selectors as exchange_selectors

        events = list(exchange_selectors.upcoming_events(limit=limit) or [])
    except (ImportError, AttributeError, TypeError):
        return []
    except Exception:  # the events must never stop a newsletter
        log.exception("newsletter: upcoming events could not be read")
        return []
    out = []
    for event in events[:limit]:
        starts = getattr(event, "starts_at", None) or getattr(event, "start", None)
        url = getattr(event, "get_absolute_url", None)
        out.append(
            {
                "title": str(getattr(event, "title", event)),
                "url": absolute_url(url()) if callable(url) else "",
                "when": formats.date_format(timezone.localtime(starts), "DATETIME_FORMAT")
                if starts
                else "",
                "kind": str(getattr(event, "get_kind_display", lambda: "")() or ""),
            }
        )
    return out


def build_extras(issue: Issue) -> dict:
    extras = {}
    if issue.include_toolbox:
        extras["toolbox"] = new_toolbox_entries(since=last_sent_at(exclude=issue))
    if issue.include_events:
        extras["events"] = upcoming_events()
    return extras


def extras_for(issue: Issue) -> dict:
    """What the issue pulls in: frozen once sending started, live while it is a draft."""
    if issue.status in (Issue.Status.SENDING, Issue.Status.SENT):
        return issue.extras or {}
    return build_extras(issue)


def archive_issues():
    return Issue.objects.filter(status=Issue.Status.SENT).order_by("-sent_at", "-pk")


def office_issues():
    return (
        Issue.objects.select_related("created_by")
        .annotate(
            sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
            pending_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.PENDING)),
            failed_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
        )
        .order_by("-created_at", "-pk")
    )


def delivery_counts(issue: Issue) -> dict[str, int]:
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in issue.deliveries.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts.values())
    return counts


def recipients_for(issue: Issue) -> list[Subscriber]:
    """Active subscribers who want at least one of the issue's topics."""
    return [
        s
        for s in Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).only("pk", "topics")
        if s.wants(issue.topics)
    ]


def subscriber_counts() -> dict[str, int]:
    counts = dict.fromkeys(Subscriber.Status.values, 0)
    for row in Subscriber.objects.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


SOCIAL = [
    # key, label, rel
    ("mastodon", "Mastodon", "me noopener"),
    ("bluesky", "Bluesky", "noopener"),
    ("twitter", "X (Twitter)", "noopener"),
]


def social_links() -> list[dict]:
    """Configured social media profiles (settings ``NEWSLETTER_SOCIAL_LINKS``, from the env)."""
    configured = settings.NEWSLETTER_SOCIAL_LINKS or {}
    out = []
    for key, label, rel in SOCIAL:
        url = (configured.get(key) or "").strip()
        if url.startswith("https://"):
            out.append(
                {
                    "key": key,
                    "label": label,
                    "url": url,
                    "rel": rel,
                    "title": _("Zukunftswerkstatt Kommunen auf %(network)s") % {"network": label},
                }
            )
    return out
