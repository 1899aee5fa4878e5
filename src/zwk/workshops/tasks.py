"""Background jobs of the Zukunftswerkstatt (Celery; synchronous without Redis)."""

import logging

from celery import shared_task

from zwk.workshops.participant_data import purge_review
from zwk.workshops.retention import participants_purge

log = logging.getLogger(__name__)


@shared_task(name="zwk.workshops.tasks.purge_participants")
def purge_participants() -> int:
    """Anonymise participants whose workshop's retention period has passed (daily, beat).

    Warns about cards that probably hold personal data (they outlive the purge) – numbers
    only; the moderation reviews them on the workshop's participants page."""
    for workshop, flagged in purge_review():
        log.warning(
            "Zukunftswerkstatt %s (Nr. %s): %d Karte(n) mit vermutlich personenbezogenen "
            "Angaben vor der Löschfrist zu prüfen: Nr. %s",
            workshop.code,
            workshop.pk,
            len(flagged),
            ", ".join(str(item.card.pk) for item in flagged),
        )
    return sum(count for _workshop, count in participants_purge())
