"""Personal data of the Mitteilungen for the DSGVO export and erasure: who wrote an
announcement, and who marked a notice as read for their Kommune."""

from __future__ import annotations

from django.db import transaction

from zwk.announcements.models import Announcement, Recipient


def export_user(user) -> dict:
    written = Announcement.objects.filter(author=user).order_by("created_at")
    read = Recipient.objects.filter(read_by=user).select_related("announcement", "municipality")
    return {
        "verfasst": [
            {
                "Betreff": a.subject,
                "erstellt": a.created_at.isoformat(),
                "gesendet": a.sent_at.isoformat() if a.sent_at else None,
            }
            for a in written
        ],
        "gelesen": [
            {
                "Mitteilung": r.announcement.subject,
                "Kommune": r.municipality.name,
                "gelesen": r.read_at.isoformat() if r.read_at else None,
            }
            for r in read.order_by("read_at")
        ],
    }


@transaction.atomic
def erase_user(user) -> int:
    """Announcements stay (they belong to the programme), without their author; read marks
    stay for the Kommune, without the person who set them."""
    return Announcement.objects.filter(author=user).update(author=None) + Recipient.objects.filter(
        read_by=user
    ).update(read_by=None)
