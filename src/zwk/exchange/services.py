"""Writes of the Austausch: events, registrations, waiting list, reminders, retention.

No overbooking: every change that can alter the number of confirmed registrations of an event
(register, cancel, change the capacity, cancel the event) first locks the event row with
``select_for_update`` inside a transaction. Concurrent requests for the same event therefore
run one after the other on PostgreSQL; SQLite serialises writers anyway. E-mails go out
only after the transaction committed (``on_commit``), so a rollback sends nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zwk.accounts.models import User
from zwk.accounts.services import audit_record
from zwk.core.content_language import localized
from zwk.core.mail import message as mail_message
from zwk.core.mail import send_after_commit
from zwk.core.sanitize import check_url, clean_html
from zwk.core.text import plain_text
from zwk.core.uploads import check_document, random_upload_name
from zwk.core.urls import absolute_url
from zwk.exchange import ical
from zwk.exchange.models import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    _nonce,
)

logger = logging.getLogger(__name__)

BERLIN = ZoneInfo("Europe/Berlin")
TOKEN_SALT = "zwk.exchange.registration"
SLIDE_TYPES = {"pdf", "pptx", "odp"}
RETENTION_DAYS = 365  # registrations are anonymised 12 months after the event
EVENT_FIELDS = [
    "title", "event_type", "description", "start", "end", "online_link", "place", "capacity",
    "audience", "status", "organiser", "contact_email", "translations",
]  # fmt: skip
# A change of these moves the calendar entry: calendar clients get a higher SEQUENCE.
SCHEDULE_FIELDS = {"start", "end", "place", "online_link", "status"}


# --- links and mails --------------------------------------------------------------------


def registration_token(registration: Registration) -> str:
    """Signed token of the personal registration page (works without login).

    It contains the registration's id and its secret nonce; anonymising the registration
    replaces the nonce, which invalidates every link sent before.
    """
    return signing.dumps([registration.pk, registration.nonce], salt=TOKEN_SALT, compress=True)


def registration_from_token(token: str) -> Registration | None:
    try:
        pk, nonce = signing.loads(token, salt=TOKEN_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (
        Registration.objects.select_related("event")
        .filter(pk=pk, nonce=nonce, anonymised_at__isnull=True)
        .first()
    )


def registration_url(registration: Registration) -> str:
    return absolute_url(
        reverse("exchange:registration", kwargs={"token": registration_token(registration)})
    )


def _mail(registration: Registration, kind: str, *, attach_ics: bool = False) -> EmailMessage:
    """One mail about a registration: ``confirmed``, ``waiting``, ``moved_up``, ``reminder``,
    ``cancelled`` (by the person) or ``event_cancelled``.

    Written in the language of the registration page, also when a background task (reminder)
    or another person's action (moved up, event cancelled) sends it; German when unknown."""
    event = registration.event
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "event": event,
            # the team's translation of the title if there is one (issue 18), else German
            "title": str(localized(event, "title")),
            "manage_url": registration_url(registration),
            "event_url": absolute_url(event.get_absolute_url()),
            "show_link": registration.is_confirmed and bool(event.online_link),
        }
        subject = render_to_string(f"exchange/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"exchange/email/{kind}.txt", context)
    mail = mail_message(subject, body, [registration.email])
    if attach_ics:
        mail.attach(
            "veranstaltung.ics",
            ical.event_calendar(event, include_link=registration.is_confirmed),
            "text/calendar",
        )
    return mail


def _send_later(registration: Registration, kind: str, **kwargs) -> None:
    pk = registration.pk
    send_after_commit(
        lambda: _mail(Registration.objects.select_related("event").get(pk=pk), kind, **kwargs),
        what=f"exchange {kind} to registration {pk}",
    )


# --- events -----------------------------------------------------------------------------


def _clean_event(event: Event) -> None:
    event.title = plain_text(event.title).strip()
    event.description = clean_html(event.description)
    event.place = plain_text(event.place).strip()
    event.cancel_reason = plain_text(event.cancel_reason).strip()
    # Title and description in other languages get the same cleaning as the German ones.
    event.translations = {
        code: {
            key: plain_text(value).strip() if key == "title" else clean_html(value)
            for key, value in entry.items()
            if key in ("title", "description") and isinstance(value, str)
        }
        for code, entry in (event.translations or {}).items()
        if isinstance(entry, dict)
    }
    if event.online_link:
        event.online_link = check_url(event.online_link)
    if event.start and event.end and event.end <= event.start:
        raise ValidationError(_("Das Ende muss nach dem Beginn liegen."), code="end_before_start")
    if event.capacity is not None and event.capacity < 1:
        raise ValidationError(_("Es muss mindestens einen Platz geben."), code="capacity")
    if not event.description:
        raise ValidationError(_("Bitte beschreiben Sie die Veranstaltung."), code="description")
    event.full_clean(exclude=["themes", "slides"])


@transaction.atomic
def event_create(*, by: User, data: dict, themes=(), request=None) -> Event:
    event = Event(created_by=by, **{k: v for k, v in data.items() if k in EVENT_FIELDS})
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("Eine neue Veranstaltung kann nicht abgesagt sein."))
    _clean_event(event)
    event.save()
    event.themes.set(themes)
    audit_record(
        actor=by,
        action="exchange.event_created",
        message=_("Veranstaltung „%(title)s“ angelegt") % {"title": event.title},
        obj=event,
        request=request,
    )
    return event


def _lock(event: Event) -> Event:
    """The event row, locked until the end of the transaction (serialises seat changes)."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _promote(event: Event) -> list[Registration]:
    """Move people up from the waiting list while places are free. Caller holds the lock."""
    if event.status != EventStatus.PUBLISHED or event.start <= timezone.now():
        return []
    free = event.capacity - _confirmed_count(event)
    if free <= 0:
        return []
    moved = list(
        event.registrations.select_for_update()
        .filter(status=RegistrationStatus.WAITING)
        .order_by("created_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in moved:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        _send_later(registration, "moved_up", attach_ics=True)
    return moved


@transaction.atomic
def event_update(*, event: Event, by: User, data: dict, themes=None, request=None) -> Event:
    locked = _lock(event)
    before = {name: getattr(locked, name) for name in EVENT_FIELDS}
    for name, value in data.items():
        if name in EVENT_FIELDS:
            setattr(locked, name, value)
    if before["status"] == EventStatus.CANCELLED and locked.status != EventStatus.CANCELLED:
        raise ValidationError(_("Eine abgesagte Veranstaltung kann nicht wieder geöffnet werden."))
    if locked.status == EventStatus.CANCELLED and before["status"] != EventStatus.CANCELLED:
        raise ValidationError(_("Bitte sagen Sie die Veranstaltung über „Absagen“ ab."))
    unpublish = locked.status == EventStatus.DRAFT and before["status"] != EventStatus.DRAFT
    if unpublish and locked.registrations.exclude(status=RegistrationStatus.CANCELLED).exists():
        raise ValidationError(
            _("Es gibt bereits Anmeldungen; die Veranstaltung bleibt veröffentlicht.")
        )
    confirmed = _confirmed_count(locked)
    if locked.capacity is not None and locked.capacity < confirmed:
        raise ValidationError(
            _(
                "Es sind bereits %(n)s Personen bestätigt; die Zahl der Plätze kann nicht "
                "darunter sinken."
            )
            % {"n": confirmed},
            code="capacity_below_confirmed",
        )
    _clean_event(locked)
    if any(before[name] != getattr(locked, name) for name in SCHEDULE_FIELDS):
        locked.sequence += 1
    locked.save()
    if themes is not None:
        locked.themes.set(themes)
    _promote(locked)
    audit_record(
        actor=by,
        action="exchange.event_changed",
        message=_("Veranstaltung „%(title)s“ geändert") % {"title": locked.title},
        obj=locked,
        request=request,
    )
    return locked


@transaction.atomic
def event_cancel(*, event: Event, by: User, reason: str = "", request=None) -> Event:
    """Cancel the event; everyone registered or waiting is told by e-mail."""
    locked = _lock(event)
    if locked.status == EventStatus.CANCELLED:
        raise ValidationError(_("Die Veranstaltung ist bereits abgesagt."), code="already")
    if locked.end < timezone.now():
        raise ValidationError(_("Eine vergangene Veranstaltung kann nicht abgesagt werden."))
    locked.status = EventStatus.CANCELLED
    locked.cancel_reason = plain_text(reason).strip()[:2000]
    locked.sequence += 1
    locked.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    for registration in locked.registrations.exclude(status=RegistrationStatus.CANCELLED):
        _send_later(registration, "event_cancelled")
    audit_record(
        actor=by,
        action="exchange.event_cancelled",
        message=_("Veranstaltung „%(title)s“ abgesagt") % {"title": locked.title},
        obj=locked,
        request=request,
    )
    return locked


@transaction.atomic
def event_document(
    *,
    event: Event,
    by: User,
    summary: str,
    recording_url: str,
    slides=None,
    remove_slides: bool = False,
    request=None,
) -> Event:
    """Documentation afterwards: summary (rich text), recording link (http/https), slides."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.summary = clean_html(summary)
    event.recording_url = check_url(recording_url) if recording_url.strip() else ""
    old_file = event.slides.name if (slides or remove_slides) and event.slides else None
    if slides:
        checked = check_document(slides, allowed=SLIDE_TYPES)
        event.slides.save(random_upload_name(checked.kind.extension), slides, save=False)
        event.slides_name = checked.original_name
        event.slides_type = checked.kind.mime
    elif remove_slides:
        event.slides = ""
        event.slides_name = ""
        event.slides_type = ""
    event.save()
    if old_file:
        storage = event.slides.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    audit_record(
        actor=by,
        action="exchange.event_documented",
        message=_("Dokumentation zu „%(title)s“ gespeichert") % {"title": event.title},
        obj=event,
        request=request,
    )
    return event


# --- registrations ----------------------------------------------------------------------


def _check_open(event: Event) -> None:
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("Die Veranstaltung wurde abgesagt."), code="cancelled")
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("Für diese Veranstaltung ist keine Anmeldung möglich."))
    if event.start <= timezone.now():
        raise ValidationError(
            _("Die Veranstaltung hat bereits begonnen; eine Anmeldung ist nicht mehr möglich."),
            code="started",
        )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    organisation: str,
    user: User | None = None,
    municipality=None,
    notify: bool = True,
    request=None,
) -> Registration:
    """Register for the event: confirmed while places are free, otherwise on the waiting list.

    ``notify=False`` (demo data) skips the confirmation e-mail."""
    locked = _lock(event)
    _check_open(locked)
    email = email.strip()
    if (
        locked.registrations.filter(email__iexact=email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError(
            _("Mit dieser E-Mail-Adresse ist bereits eine Anmeldung vorhanden."),
            code="duplicate",
        )
    now = timezone.now()
    full = _confirmed_count(locked) >= locked.capacity
    registration = Registration(
        event=locked,
        user=user if user and user.is_authenticated else None,
        name=plain_text(name).strip(),
        email=email,
        organisation=plain_text(organisation).strip(),
        municipality=municipality,
        status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
        created_at=now,
        confirmed_at=None if full else now,
        language=translation.get_language() or "",
    )
    registration.full_clean(exclude=["event", "user", "municipality"])
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # the same address in a parallel request
        raise ValidationError(
            _("Mit dieser E-Mail-Adresse ist bereits eine Anmeldung vorhanden."),
            code="duplicate",
        ) from exc
    if notify:
        _send_later(registration, "waiting" if full else "confirmed", attach_ics=not full)
    audit_record(
        actor=user if user and user.is_authenticated else None,
        action="exchange.registered",
        message=_("Anmeldung zu „%(title)s“ (%(status)s)")
        % {"title": locked.title, "status": registration.get_status_display()},
        obj=locked,
        request=request,
    )
    return registration


@transaction.atomic
def registration_cancel(
    *, registration: Registration, by: User | None = None, notify: bool = True, request=None
):
    """Cancel a registration; a freed place goes to the first person on the waiting list.

    Returns the registrations moved up. Cancelling twice is harmless (nothing happens).
    """
    locked_event = _lock(registration.event)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == RegistrationStatus.CANCELLED:
        return []
    if locked_event.end < timezone.now():
        raise ValidationError(
            _("Die Veranstaltung ist vorbei; eine Abmeldung ist nicht mehr nötig.")
        )
    was_confirmed = current.is_confirmed
    current.status = RegistrationStatus.CANCELLED
    current.cancelled_at = timezone.now()
    current.save(update_fields=["status", "cancelled_at"])
    registration.status, registration.cancelled_at = current.status, current.cancelled_at
    if notify:
        _send_later(current, "cancelled")
    moved = _promote(locked_event) if was_confirmed else []
    audit_record(
        actor=by if by and by.is_authenticated else None,
        action="exchange.registration_cancelled",
        message=_("Abmeldung von „%(title)s“") % {"title": locked_event.title},
        obj=locked_event,
        request=request,
    )
    return moved


# --- reminders --------------------------------------------------------------------------


def reminders_due(now: datetime | None = None):
    """Confirmed, not yet reminded registrations of events starting by the end of tomorrow
    (Europe/Berlin) and not started yet."""
    now = now or timezone.now()
    tomorrow = now.astimezone(BERLIN).date() + timedelta(days=1)
    until = datetime.combine(tomorrow + timedelta(days=1), time.min, tzinfo=BERLIN)
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__start__gt=now,
        event__start__lt=until,
    ).order_by("event__start", "pk")


def reminders_send(*, now: datetime | None = None) -> int:
    """Send the reminder the day before, once per registration (safe to run repeatedly and in
    parallel: each registration is claimed under a row lock before its mail goes out)."""
    sent = 0
    for pk in list(reminders_due(now).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                registration = (
                    Registration.objects.select_for_update(skip_locked=True)
                    .select_related("event")
                    .filter(pk=pk, reminded_at__isnull=True, status=RegistrationStatus.CONFIRMED)
                    .first()
                )
                if registration is None:
                    continue
                _mail(registration, "reminder", attach_ics=True).send()
                registration.reminded_at = timezone.now()
                registration.save(update_fields=["reminded_at"])
                sent += 1
        except Exception:  # mail server down: stays unreminded, the next run tries again
            logger.exception("exchange: reminder for registration %s failed", pk)
    return sent


# --- personal data ----------------------------------------------------------------------


def _anonymise(registration: Registration, now: datetime) -> None:
    registration.name = _("anonymisiert")
    registration.email = f"anonym-{registration.pk}@anonymisiert.invalid"
    registration.user = None
    registration.nonce = _nonce()
    registration.anonymised_at = now
    registration.save(update_fields=["name", "email", "user", "nonce", "anonymised_at"])


def registrations_anonymise(*, now: datetime | None = None, days: int = RETENTION_DAYS) -> int:
    """Anonymise registrations of events that ended more than ``days`` days ago.

    Kommune/organisation and status stay (how many took part from where); name and e-mail go.
    """
    now = now or timezone.now()
    count = 0
    old = Registration.objects.filter(
        anonymised_at__isnull=True, event__end__lt=now - timedelta(days=days)
    )
    with transaction.atomic():
        for registration in old.select_for_update():
            _anonymise(registration, now)
            count += 1
    return count


def _registrations_of(user: User):
    from django.db.models import Q

    return Registration.objects.filter(
        Q(user=user) | Q(email__iexact=user.email), anonymised_at__isnull=True
    ).select_related("event")


def export_user(user: User) -> list[dict]:
    """Art. 15/20: the user's registrations (by account or e-mail address)."""
    return [
        {
            "veranstaltung": r.event.title,
            "beginn": r.event.start.isoformat(),
            "name": r.name,
            "email": r.email,
            "organisation": r.organisation,
            "status": r.status,
            "angemeldet_am": r.created_at.isoformat(),
            "storniert_am": r.cancelled_at.isoformat() if r.cancelled_at else None,
            "erinnert_am": r.reminded_at.isoformat() if r.reminded_at else None,
            "sprache": r.language or None,
        }
        for r in _registrations_of(user).order_by("created_at")
    ]


def erase_user(user: User) -> int:
    """Art. 17: cancel the user's future registrations (the waiting list moves up), then
    anonymise all of them."""
    count = 0
    now = timezone.now()
    for registration in list(_registrations_of(user)):
        if registration.is_active and registration.event.end >= now:
            registration_cancel(registration=registration, by=None, notify=False)
        with transaction.atomic():
            locked = Registration.objects.select_for_update().get(pk=registration.pk)
            _anonymise(locked, now)
            # Erasure on request goes further than the yearly anonymisation: the organisation
            # typed in may name the person ("Ingenieurbüro Quellbrunn"); a Kommune in the
            # programme stays, by its official name.
            locked.organisation = locked.municipality.name if locked.municipality_id else ""
            locked.save(update_fields=["organisation"])
        count += 1
    return count
