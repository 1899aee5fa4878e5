"""Austausch: online formats and events of the programme, their registrations and waiting list.

Times are stored in UTC (``USE_TZ``) and entered and shown in Europe/Berlin. The number of
confirmed registrations of an event never exceeds its capacity: every change of a
registration's status locks the event row first (see ``services``).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.models import Municipality, Theme


class EventType(models.TextChoices):
    WEBINAR = "webinar", _("Online-Seminar")
    FORUM = "forum", _("Fachforum")
    NETWORKING = "networking", _("Vernetzungstreffen")
    WORKSHOP_TALK = "talk", _("Werkstattgespräch")


class Audience(models.TextChoices):
    PROGRAMME = "programme", _("Nur Kommunen im Programm")
    OPEN = "open", _("Offen für alle interessierten Kommunen")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("veröffentlicht")
    CANCELLED = "cancelled", _("abgesagt")


class EventQuerySet(models.QuerySet):
    def visible(self):
        """Events anyone may see: published ones and cancelled ones (shown as cancelled)."""
        return self.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())


def _nonce() -> str:
    return secrets.token_urlsafe(12)


class Event(models.Model):
    title = models.CharField(_("Titel"), max_length=200)
    event_type = models.CharField(_("Format"), max_length=20, choices=EventType.choices)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("Handlungsfelder"), blank=True, related_name="exchange_events"
    )
    description = models.TextField(
        _("Beschreibung"),
        max_length=30_000,
        help_text=_(
            "Absätze, Zwischenüberschriften (h2–h4), Listen, Hervorhebungen und Links sind "
            "erlaubt; alles andere wird beim Speichern entfernt."
        ),
    )
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    online_link = models.URLField(
        _("Zugangslink (online)"),
        max_length=500,
        blank=True,
        help_text=_("Sehen nur bestätigte Teilnehmende und die Organisation."),
    )
    place = models.TextField(
        _("Ort (vor Ort)"),
        max_length=1000,
        blank=True,
        help_text=_("Adresse und Raum, wenn die Veranstaltung (auch) vor Ort stattfindet."),
    )
    capacity = models.PositiveIntegerField(_("Plätze"))
    audience = models.CharField(
        _("Zielgruppe"), max_length=20, choices=Audience.choices, default=Audience.OPEN
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Organisation (Person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
        help_text=_("Darf die Veranstaltung bearbeiten und die Teilnahmeliste sehen."),
    )
    contact_email = models.EmailField(_("Kontakt für Rückfragen"), blank=True)
    #: Title and description in other languages, German as fallback (zwk.core.content_language).
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)
    cancel_reason = models.TextField(_("Grund der Absage"), blank=True, max_length=2000)
    # Documentation afterwards.
    summary = models.TextField(_("Zusammenfassung"), blank=True, max_length=30_000)
    recording_url = models.URLField(_("Aufzeichnung (Adresse)"), max_length=500, blank=True)
    slides = models.FileField(_("Folien"), upload_to="austausch/%Y/%m/", blank=True)
    slides_name = models.CharField(max_length=200, blank=True)
    slides_type = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Changes whenever the time or place changes: calendar clients see a new SEQUENCE.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    uid = models.CharField(max_length=40, unique=True, default=_nonce, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["status", "start"], name="exchange_event_status_start")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="event_end_after")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        """Visible to everyone (cancelled events stay visible, marked as cancelled)."""
        return self.status in (EventStatus.PUBLISHED, EventStatus.CANCELLED)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.start <= timezone.now()

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_open(self) -> bool:
        return self.audience == Audience.OPEN

    @property
    def type_label(self) -> str:
        return self.get_event_type_display()

    def get_kind_display(self) -> str:
        """Alias of the format's label (the newsletter reads events by this name)."""
        return self.get_event_type_display()

    @property
    def is_online(self) -> bool:
        return bool(self.online_link) or not self.place

    @property
    def free_places(self) -> int:
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        return max(self.capacity - confirmed, 0)

    @property
    def has_documentation(self) -> bool:
        return bool(self.summary or self.recording_url or self.slides)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("bestätigt")
    WAITING = "waiting", _("Warteliste")
    CANCELLED = "cancelled", _("storniert")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    organisation = models.CharField(_("Kommune oder Organisation"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Kommune im Programm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    status = models.CharField(_("Status"), max_length=20, choices=RegistrationStatus.choices)
    # Secret part of the cancellation link; replaced when the data is anonymised.
    nonce = models.CharField(max_length=40, default=_nonce, editable=False)
    created_at = models.DateTimeField(_("angemeldet am"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("storniert am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)
    # The interface language of the registration page (e.g. "uk"): every mail about this
    # registration is written in it, also the reminder a background task sends. Empty: German.
    language = models.CharField(_("Sprache der E-Mails"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="exchange_reg_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~Q(status="cancelled"),
                name="exchange_registration_active_email_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED
