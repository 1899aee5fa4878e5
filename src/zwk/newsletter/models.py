"""Newsletter: subscribers (double opt-in), consent records, issues and per-recipient deliveries.

A ``Delivery`` row exists once per (issue, subscriber) – the unique constraint and the
``idempotency_key`` make a resumed send skip everyone who already got the issue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    PROGRAMME = "programme", _("Neues aus dem Programm")
    TOOLBOX = "toolbox", _("Werkzeugkoffer: neue Methoden und Beispiele")
    EVENTS = "events", _("Veranstaltungen und Online-Formate")
    PRACTICE = "practice", _("Erfahrungen aus den Kommunen")
    DEMOGRAPHY = "demography", _("Daten und Demografie")


def topic_labels(values) -> list[str]:
    names = dict(Topic.choices)
    return [str(names[v]) for v in values or [] if v in names]


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wartet auf Bestätigung")
        ACTIVE = "active", _("angemeldet")
        UNSUBSCRIBED = "unsubscribed", _("abgemeldet")

    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    topics = models.JSONField(
        _("Themen"), default=list, blank=True, help_text=_("Leer: alle Themen.")
    )
    # Changes whenever a confirmation link is issued or used: an old or used link no longer
    # matches, so replaying it cannot confirm twice.
    confirm_nonce = models.CharField(max_length=32, blank=True)
    # Part of the unsubscribe and preference links; a new one invalidates old links.
    link_key = models.CharField(max_length=32)
    created_at = models.DateTimeField(_("angemeldet am"), auto_now_add=True)
    confirm_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Abonnentin/Abonnent")
        verbose_name_plural = _("Abonnentinnen und Abonnenten")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique")
        ]
        indexes = [models.Index(fields=["status"], name="newsletter_subscriber_status")]

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def topic_labels(self) -> list[str]:
        return topic_labels(self.topics)

    def wants(self, issue_topics) -> bool:
        """An issue without topics goes to everyone; no chosen topics means all topics."""
        return not issue_topics or not self.topics or bool(set(issue_topics) & set(self.topics))


class ConsentRecord(models.Model):
    """Proof of consent and its withdrawal: when, which consent text, from which network
    (a keyed hash of the IP address – the address itself is never stored)."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("Anmeldung angefragt")
        CONFIRMED = "confirmed", _("Einwilligung bestätigt")
        PREFERENCES = "preferences", _("Themen geändert")
        WITHDRAWN = "withdrawn", _("Einwilligung widerrufen")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents", verbose_name=_("Abonnent")
    )
    action = models.CharField(_("Vorgang"), max_length=20, choices=Action.choices)
    text_version = models.CharField(_("Fassung des Einwilligungstexts"), max_length=20)
    ip_hash = models.CharField(_("IP-Prüfsumme"), max_length=64, blank=True)
    via = models.CharField(_("Weg"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Einwilligungsnachweis")
        verbose_name_plural = _("Einwilligungsnachweise")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.subscriber}: {self.get_action_display()}"


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SCHEDULED = "scheduled", _("geplant")
        SENDING = "sending", _("wird versendet")
        SENT = "sent", _("versendet")

    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(
        _("Text"),
        max_length=60_000,
        help_text=_(
            "Absätze, Zwischenüberschriften (h2–h4), Listen, Hervorhebungen und Links sind "
            "erlaubt; alles andere wird beim Speichern entfernt."
        ),
    )
    topics = models.JSONField(
        _("Themen"),
        default=list,
        blank=True,
        help_text=_("Geht an alle, die eines dieser Themen gewählt haben. Leer: an alle."),
    )
    include_toolbox = models.BooleanField(
        _("Neue Einträge aus dem Werkzeugkoffer anhängen"), default=False
    )
    include_events = models.BooleanField(_("Kommende Veranstaltungen anhängen"), default=False)
    # Frozen when sending starts, so that the archive shows what the mail contained.
    extras = models.JSONField(default=dict, blank=True, editable=False)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_at = models.DateTimeField(_("Versand geplant für"), null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("versendet am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-sent_at"], name="newsletter_issue_status")]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        if self.status == self.Status.SENT:
            return reverse("newsletter:archive_detail", kwargs={"pk": self.pk})
        return reverse("newsletter:issue_detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    @property
    def topic_labels(self) -> list[str]:
        return topic_labels(self.topics)


class Delivery(models.Model):
    """One recipient of one issue. Claimed, sent and marked ``sent`` in one transaction."""

    class Status(models.TextChoices):
        PENDING = "pending", _("ausstehend")
        SENT = "sent", _("versendet")
        FAILED = "failed", _("fehlgeschlagen")
        SKIPPED = "skipped", _("übersprungen")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    idempotency_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    last_error = models.CharField(_("letzter Fehler"), max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_unique"
            )
        ]
        indexes = [models.Index(fields=["issue", "status"], name="newsletter_delivery_todo")]

    def __str__(self) -> str:
        return self.idempotency_key

    @staticmethod
    def key_for(issue_id: int, subscriber_id: int) -> str:
        return f"issue-{issue_id}-subscriber-{subscriber_id}"
