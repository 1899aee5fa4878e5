"""Demo data of the office overview: one Kommune with a "Stillstand".

Talstadt (no consultant, step 1 still open) joined ten weeks ago and its team last did
something nine weeks ago, so ``/geschaeftsstelle/`` flags it with the default rule (six
weeks). Only the demo Kommune's own timestamps are moved; nothing is created.
"""

from datetime import timedelta

from django.utils import timezone

from zwk.accounts.models import AuditEntry
from zwk.municipalities.models import Municipality, ProcessStep

ORDER = 900  # after every app that writes audit entries

SLUG = "talstadt"


def build(*, municipalities, users, stdout) -> None:
    m = municipalities.get(SLUG)
    if m is None or not m.is_demo:
        return
    if m.steps.filter(status=ProcessStep.Status.DONE).exists():
        return  # someone moved it on: leave it alone
    now = timezone.now()
    Municipality.objects.filter(pk=m.pk, created_at__gt=now - timedelta(weeks=10)).update(
        created_at=now - timedelta(weeks=10)
    )
    moved = AuditEntry.objects.filter(
        municipality=m, created_at__gt=now - timedelta(weeks=9)
    ).update(created_at=now - timedelta(weeks=9))
    if moved:
        stdout.write(f"{m.name}: seit über 6 Wochen ohne Aktivität (Stillstand in der Übersicht).")
