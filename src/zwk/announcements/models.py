"""Mitteilungen der Geschäftsstelle an alle oder ausgewählte Kommunen.

An ``Announcement`` is written as a draft, then sent once: sending fixes the recipient
Kommunen (one ``Recipient`` row each, with the Kommune's read state) and e-mails the
coordinators and team members of those Kommunen after the transaction committed. The notice
on the Kommune's workspace lives in the database, so a failed e-mail never loses it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    ALL = "all", _("alle Kommunen")
    FILTER = "filter", _("Kommunen nach Merkmalen")
    SELECTION = "selection", _("einzeln ausgewählte Kommunen")


class Announcement(models.Model):
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Text"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verfasst von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(
        _("Empfänger"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    # The filter as chosen (kept after sending, so the office can see how recipients were
    # picked): {"lands": [...], "kinds": [...], "steps": [...], "themes": [ids],
    # "municipalities": [ids]} – empty lists mean "no restriction".
    criteria = models.JSONField(_("Auswahlkriterien"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)
    # E-mail delivery (after the commit, in a background job); the notices do not depend on it.
    mailed_at = models.DateTimeField(_("E-Mails versandt am"), null=True, blank=True)
    mails_sent = models.PositiveIntegerField(_("E-Mails zugestellt"), default=0)
    mails_failed = models.PositiveIntegerField(_("E-Mails fehlgeschlagen"), default=0)

    class Meta:
        verbose_name = _("Mitteilung")
        verbose_name_plural = _("Mitteilungen")
        ordering = [models.F("sent_at").desc(nulls_first=True), "-created_at"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("announcements:detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.sent_at is None


class Recipient(models.Model):
    """One Kommune an announcement was sent to, and whether someone there has read it."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="recipients"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="announcement_receipts",
    )
    read_at = models.DateTimeField(_("gelesen am"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gelesen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Empfängerkommune")
        verbose_name_plural = _("Empfängerkommunen")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "municipality"], name="announcement_recipient_unique"
            )
        ]
        indexes = [models.Index(fields=["municipality", "read_at"])]

    def __str__(self) -> str:
        return f"{self.announcement} → {self.municipality}"
