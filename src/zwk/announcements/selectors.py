"""Reads of the Mitteilungen: who a filter reaches, the office's list, a Kommune's notices."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from zwk.accounts.models import User
from zwk.announcements.models import Announcement, Audience, Recipient
from zwk.core import hooks
from zwk.municipalities.models import Membership, Municipality, ProcessStep, Theme
from zwk.municipalities.process import STEPS
from zwk.municipalities.validators import LAND_CHOICES

CRITERIA_KEYS = ("lands", "kinds", "steps", "themes", "rounds", "municipalities")


def _funding_rounds():
    """Förderrunden (zwk.registration through zwk.core.hooks), None when not installed."""
    try:
        return hooks.service(hooks.FUNDING_ROUNDS)
    except LookupError:
        return None


def _in_step(kind: str) -> Q:
    """Kommunen whose current step is ``kind``: every earlier step done, this one not."""
    number = {s.kind: s.number for s in STEPS}[kind]
    earlier = [s.kind for s in STEPS if s.number < number]
    open_step = ProcessStep.objects.filter(municipality=OuterRef("pk")).exclude(
        status=ProcessStep.Status.DONE
    )
    return Q(Exists(open_step.filter(kind=kind))) & ~Q(Exists(open_step.filter(kind__in=earlier)))


def municipalities_matching(audience: str, criteria: dict) -> QuerySet[Municipality]:
    """The Kommunen an announcement with this audience and these criteria goes to.

    ``filter``: every given criterion must hold (Land AND Art AND Schritt AND Handlungsfeld),
    within a criterion any value counts (Bayern OR Sachsen). An unknown audience or a filter
    without any criterion reaches nobody – never everybody by accident.
    """
    criteria = criteria or {}
    qs = Municipality.objects.all()
    if audience == Audience.ALL:
        return qs.order_by("name")
    if audience == Audience.SELECTION:
        return qs.filter(pk__in=criteria.get("municipalities") or []).order_by("name")
    if audience != Audience.FILTER or not any(
        criteria.get(k) for k in ("lands", "kinds", "steps", "themes", "rounds")
    ):
        return qs.none()
    if criteria.get("lands"):
        qs = qs.filter(land__in=criteria["lands"])
    if criteria.get("kinds"):
        qs = qs.filter(kind__in=criteria["kinds"])
    if criteria.get("steps"):
        condition = Q()
        for kind in criteria["steps"]:
            condition |= _in_step(kind)
        qs = qs.filter(condition)
    if criteria.get("themes"):
        chosen = Municipality.themes.through.objects.filter(
            municipality_id=OuterRef("pk"), theme_id__in=criteria["themes"]
        )
        qs = qs.filter(Exists(chosen))
    if criteria.get("rounds"):
        rounds = _funding_rounds()
        qs = qs.filter(pk__in=rounds.municipality_ids(criteria["rounds"])) if rounds else qs.none()
    return qs.order_by("name")


def people_for(municipalities) -> QuerySet[User]:
    """Active coordinators and team members of these Kommunen, each person once."""
    memberships = Membership.objects.filter(user=OuterRef("pk"), municipality__in=municipalities)
    return User.objects.filter(Exists(memberships), is_active=True).order_by("pk")


def reach(audience: str, criteria: dict) -> tuple[int, int]:
    """(Kommunen, Personen) an announcement would reach."""
    municipalities = municipalities_matching(audience, criteria)
    return municipalities.count(), people_for(municipalities.values("pk")).count()


def criteria_labels(announcement: Announcement) -> list[tuple[str, str]]:
    """The stored criteria as readable (label, values) pairs for the office's pages."""
    from django.utils.translation import gettext as _

    c = announcement.criteria or {}
    if announcement.audience == Audience.ALL:
        return [(_("Empfänger"), _("alle Kommunen"))]
    rows = []
    if announcement.audience == Audience.SELECTION:
        names = Municipality.objects.filter(pk__in=c.get("municipalities") or []).order_by("name")
        return [(_("Ausgewählte Kommunen"), ", ".join(m.name for m in names) or "–")]
    lands = dict(LAND_CHOICES)
    kinds = dict(Municipality.Kind.choices)
    steps = {s.kind: str(s.title) for s in STEPS}
    if c.get("lands"):
        rows.append((_("Land"), ", ".join(str(lands.get(v, v)) for v in c["lands"])))
    if c.get("kinds"):
        rows.append((_("Art"), ", ".join(str(kinds.get(v, v)) for v in c["kinds"])))
    if c.get("steps"):
        rows.append((_("Aktueller Schritt"), ", ".join(steps.get(v, v) for v in c["steps"])))
    if c.get("themes"):
        names = Theme.objects.filter(pk__in=c["themes"]).values_list("name", flat=True)
        rows.append((_("Handlungsfeld"), ", ".join(names)))
    if c.get("rounds") and (rounds := _funding_rounds()):
        labels = dict(rounds.choices())
        rows.append((_("Förderrunde"), ", ".join(labels.get(v, v) for v in c["rounds"])))
    return rows


def office_announcements() -> QuerySet[Announcement]:
    """All announcements, drafts first, with recipient and read counts (one query)."""
    return (
        Announcement.objects.select_related("author")
        .annotate(
            recipient_count=Count("recipients"),
            read_count=Count("recipients", filter=Q(recipients__read_at__isnull=False)),
        )
        .order_by(F("sent_at").desc(nulls_first=True), "-created_at")
    )


def recipients_of(announcement: Announcement) -> QuerySet[Recipient]:
    return announcement.recipients.select_related("municipality", "read_by").order_by(
        "municipality__name"
    )


def unread_notices(municipality: Municipality) -> QuerySet[Recipient]:
    """Sent announcements this Kommune has not marked as read yet, newest first."""
    return (
        Recipient.objects.filter(
            municipality=municipality, read_at__isnull=True, announcement__sent_at__isnull=False
        )
        .select_related("announcement")
        .order_by("-announcement__sent_at")
    )
