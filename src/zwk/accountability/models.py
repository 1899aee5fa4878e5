"""„Was aus Ihren Ideen wurde“: followers (double opt-in), survey answers the team shows
publicly, and the dated status history of measures.

The chain contribution → sketch → measure lives in the apps below (workshop cards and
sketches, ``Measure.origin_sketch``); this app only adds what they do not store:

* ``FeaturedAnswer`` – a survey free text the team chose to show publicly (a copy of the text:
  the survey's free texts are purged after its retention period), optionally with the
  measure it led to.
* ``StatusChange`` – when a measure got which status (the plan keeps only the current one).
* ``Follower`` – an e-mail address that follows one contribution, all contributions of one
  participation project, or all of a Kommune's contributions; mails only after the
  confirmation (double opt-in).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

ANSWER_TEXT_MAX = 2000


class FeaturedAnswer(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    answer = models.OneToOneField(
        "participation.Answer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="featured",
    )
    # The survey's project, kept when the answer itself is purged: followers of the project
    # hear of the measure the answer led to.
    project = models.ForeignKey(
        "participation.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("Antwort"), max_length=ANSWER_TEXT_MAX)
    source = models.CharField(_("aus der Umfrage"), max_length=300)
    answered_on = models.DateField(_("beantwortet am"))
    measure = models.ForeignKey(
        "plans.Measure",
        verbose_name=_("daraus wurde die Maßnahme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="featured_answers",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hervorgehobene Antwort")
        verbose_name_plural = _("hervorgehobene Antworten")
        ordering = ["-answered_on", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class StatusChange(models.Model):
    measure = models.ForeignKey(
        "plans.Measure", on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("Status"), max_length=20)
    changed_at = models.DateTimeField(_("geändert am"), auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusänderungen")
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["measure", "-changed_at"], name="acc_status_measure")]

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.status}"


class Follower(models.Model):
    class Kind(models.TextChoices):
        ALL = "all", _("alle Beiträge der Kommune")
        CARD = "card", _("Karte aus der Zukunftswerkstatt")
        ANSWER = "answer", _("Antwort aus einer Umfrage")
        IDEA = "idea", _("Idee")
        PROJECT = "project", _("alle Beiträge eines Beteiligungsprojekts")

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet auf Bestätigung")
        ACTIVE = "active", _("bestätigt")
        UNSUBSCRIBED = "unsubscribed", _("abgemeldet")

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    kind = models.CharField(_("folgt"), max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField(default=0)  # 0 for ALL; the Project's pk for PROJECT
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # Changes when a confirmation link is sent or used: an old or used link no longer matches.
    confirm_nonce = models.CharField(max_length=32, blank=True)
    # Part of the unsubscribe link; a link never expires but dies with a new key.
    link_key = models.CharField(max_length=32)
    consent_version = models.CharField(max_length=20, blank=True)
    # The interface language of the follow request (e.g. "uk"): the mails on a new status are
    # written in it, although a background task sends them. Empty: German.
    language = models.CharField(_("Sprache der E-Mails"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("angefragt am"), auto_now_add=True)
    confirm_sent_at = models.DateTimeField(null=True, blank=True)
    consented_at = models.DateTimeField(_("Einwilligung bestätigt am"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Folgende Person")
        verbose_name_plural = _("Folgende Personen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "municipality",
                Lower("email"),
                "kind",
                "object_id",
                name="accountability_follower_once",
            )
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="acc_follower_status")]

    def __str__(self) -> str:
        return f"{self.email} → {self.kind} {self.object_id or ''}".strip()

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE
