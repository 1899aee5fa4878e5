"""Reads of the Austausch: event lists shaped for pages, feeds and the newsletter."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from zwk.exchange.models import (
    Audience,
    Event,
    EventStatus,
    EventType,
    Registration,
    RegistrationStatus,
)
from zwk.municipalities.models import Theme

PERIODS = {"kommend": "upcoming", "vergangen": "past"}


def _with_counts(qs: QuerySet) -> QuerySet:
    return (
        qs.select_related("organiser")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "name")))
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
    )


def upcoming_events(*, limit: int | None = 5, public_only: bool = True) -> list[Event]:
    """The next published, not cancelled events (for the newsletter and the start page).

    ``public_only`` keeps only events open to all interested Kommunen; otherwise events for
    programme Kommunen are included too. Each event has ``title``, ``start`` (aware),
    ``type_label`` and ``get_absolute_url()``.
    """
    qs = Event.objects.filter(status=EventStatus.PUBLISHED).upcoming()
    if public_only:
        qs = qs.filter(audience=Audience.OPEN)
    qs = qs.prefetch_related("themes").order_by("start", "pk")
    return list(qs[:limit] if limit else qs)


def events_for_user(user) -> QuerySet:
    """Events the user may see: visible ones; drafts only for the office and their organiser."""
    qs = Event.objects.all()
    if not user.is_authenticated:
        return qs.visible()
    if user.is_office:
        return qs
    return qs.filter(
        Q(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED]) | Q(organiser=user)
    )


def event_list(*, user, period: str = "upcoming", event_type: str = "", theme: str = ""):
    """Upcoming events soonest first, past events latest first; filtered by format and theme."""
    now = timezone.now()
    qs = events_for_user(user)
    if period == "past":
        qs = qs.past(now).order_by("-start", "-pk")
    else:
        qs = qs.upcoming(now).order_by("start", "pk")
    if event_type in EventType.values:
        qs = qs.filter(event_type=event_type)
    if theme:
        qs = qs.filter(themes__slug=theme, themes__municipality__isnull=True)
    return _with_counts(qs.distinct())


def filter_themes() -> QuerySet:
    """The maintained Handlungsfelder that at least one visible event has."""
    return (
        Theme.objects.filter(municipality__isnull=True, exchange_events__isnull=False)
        .filter(exchange_events__status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
        .distinct()
        .order_by("order", "name")
    )


def event_detail(pk: int):
    return _with_counts(Event.objects.filter(pk=pk)).first()


def calendar_events(*, limit: int = 200) -> list[Event]:
    """Feed entries: visible events from 30 days ago on (cancelled ones as CANCELLED)."""
    since = timezone.now() - timezone.timedelta(days=30)
    return list(Event.objects.visible().filter(end__gte=since).order_by("start", "pk")[:limit])


def own_registration(event: Event, user) -> Registration | None:
    """The user's active registration for the event (by account), if any."""
    if not user.is_authenticated:
        return None
    return (
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .filter(Q(user=user) | Q(email__iexact=user.email))
        .first()
    )


def attendees(event: Event) -> QuerySet:
    """Registrations for the attendance list: confirmed first, then the waiting list."""
    return (
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("municipality")
        .order_by("status", "created_at", "pk")
    )  # "confirmed" < "waiting"


def waiting_position(registration: Registration) -> int | None:
    if not registration.is_waiting:
        return None
    return (
        registration.event.registrations.filter(
            status=RegistrationStatus.WAITING, created_at__lte=registration.created_at
        )
        .exclude(Q(created_at=registration.created_at) & Q(pk__gt=registration.pk))
        .count()
    )
