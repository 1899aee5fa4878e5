"""Personal data of the newsletter for the DSGVO export and erasure, keyed by the user's
e-mail address (subscribers have no account; the address is what links them to a user)."""

from __future__ import annotations

from django.db import transaction

from zwk.newsletter.models import Subscriber


def _subscribers(user):
    email = (getattr(user, "email", "") or "").strip()
    if not email:
        return Subscriber.objects.none()
    return Subscriber.objects.filter(email__iexact=email)


def export_user(user) -> list[dict]:
    out = []
    for s in _subscribers(user).prefetch_related("consents", "deliveries__issue"):
        out.append(
            {
                "email": s.email,
                "status": s.status,
                "topics": s.topics,
                "created_at": s.created_at.isoformat(),
                "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
                "unsubscribed_at": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
                "consents": [
                    {
                        "action": c.action,
                        "text_version": c.text_version,
                        "ip_hash": c.ip_hash,
                        "via": c.via,
                        "at": c.created_at.isoformat(),
                    }
                    for c in s.consents.all()
                ],
                "deliveries": [
                    {
                        "issue": d.issue.subject,
                        "status": d.status,
                        "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                    }
                    for d in s.deliveries.all()
                ],
            }
        )
    return out


@transaction.atomic
def erase_user(user) -> int:
    """Delete the subscriber and its consent records; delivery rows stay without a person
    (the issue's statistics), their link to the subscriber is cleared."""
    count = 0
    for subscriber in _subscribers(user):
        count += 1 + subscriber.consents.count()
        subscriber.delete()
    return count
