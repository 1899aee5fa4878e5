"""Registration of a Kommune by its administration, funding rounds and the onboarding videos.

An ``Application`` goes ``unconfirmed`` (e-mail link not yet followed) → ``pending`` (the
Geschäftsstelle decides) → ``approved`` (the Kommune is created, the applicant invited as its
coordinator) or ``rejected`` (with a reason). ``PostalCode`` maps the PLZ of the
Gemeindeverzeichnis to AGS for the search. A ``FundingRound`` is a cohort of funded Kommunen;
only Kommunen in a round get consulting days.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.models import Municipality
from zwk.municipalities.process import STEPS

STEP_CHOICES = [(s.kind, f"{s.number}. {s.title}") for s in STEPS]


class Application(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("E-Mail noch nicht bestätigt")
        PENDING = "pending", _("wartet auf Prüfung")
        APPROVED = "approved", _("freigegeben")
        REJECTED = "rejected", _("abgelehnt")

    kind = models.CharField(_("Art"), max_length=20, choices=Municipality.Kind.choices)
    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8)
    name = models.CharField(_("Name der Kommune"), max_length=200)
    local_name = models.CharField(_("Name des Quartiers"), max_length=200, blank=True)
    land = models.CharField(_("Land"), max_length=2)
    person_name = models.CharField(_("Ihr Name"), max_length=200)
    function = models.CharField(_("Ihre Funktion in der Verwaltung"), max_length=200)
    email = models.EmailField(_("Dienstliche E-Mail-Adresse"))
    private_domain = models.BooleanField(_("private E-Mail-Domain"), default=False)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    reason = models.TextField(_("Begründung"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )

    class Meta:
        verbose_name = _("Anmeldung einer Kommune")
        verbose_name_plural = _("Anmeldungen von Kommunen")
        ordering = ["-created_at"]
        constraints = [
            # one open application per address and place: a repeated submission finds it
            models.UniqueConstraint(
                fields=["email", "ags", "kind", "local_name"],
                condition=Q(status__in=["unconfirmed", "pending"]),
                name="registration_one_open_per_person_and_place",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_status_display()})"

    @property
    def display_name(self) -> str:
        return f"{self.name} – {self.local_name}" if self.local_name else self.name

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.UNCONFIRMED, self.Status.PENDING)


class PostalCode(models.Model):
    """A Postleitzahl of a Gemeinde (from the Gemeindeverzeichnis; a PLZ may span Gemeinden)."""

    code = models.CharField(_("Postleitzahl"), max_length=5)
    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8)

    class Meta:
        verbose_name = _("Postleitzahl")
        verbose_name_plural = _("Postleitzahlen")
        constraints = [
            models.UniqueConstraint(fields=["code", "ags"], name="registration_postal_unique")
        ]
        indexes = [models.Index(fields=["code"], name="registration_postal_code")]

    def __str__(self) -> str:
        return f"{self.code} → {self.ags}"


class FundingRound(models.Model):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"))
    places = models.PositiveIntegerField(_("Plätze"))
    consulting_days = models.DecimalField(
        _("Beratungstage je Kommune und Jahr"),
        max_digits=5,
        decimal_places=1,
        help_text=_("Ganze oder halbe Tage; gilt für jedes Kalenderjahr der Runde."),
    )
    open_for_applications = models.BooleanField(
        _("Bewerbung möglich"),
        default=False,
        help_text=_("Im Beratungspool wird Kommunen ohne Runde gezeigt, wie sie sich bewerben."),
    )
    how_to_apply = models.TextField(
        _("So bewerben sich Kommunen"),
        blank=True,
        max_length=4000,
        help_text=_("Fristen, Unterlagen und Ansprechstelle – wird öffentlich gezeigt."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    municipalities = models.ManyToManyField(
        Municipality, through="RoundMembership", related_name="funding_rounds", blank=True
    )

    class Meta:
        verbose_name = _("Förderrunde")
        verbose_name_plural = _("Förderrunden")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="funding_round_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(consulting_days__gte=0), name="funding_round_days_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> range:
        return range(self.starts_on.year, self.ends_on.year + 1)


class RoundMembership(models.Model):
    funding_round = models.ForeignKey(
        FundingRound, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="round_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Teilnahme an einer Förderrunde")
        verbose_name_plural = _("Teilnahmen an Förderrunden")
        constraints = [
            models.UniqueConstraint(
                fields=["funding_round", "municipality"], name="round_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.funding_round}"


class StepVideo(models.Model):
    """The explainer video of one step, uploaded by the office, with its captions (WebVTT)."""

    step_kind = models.CharField(_("Schritt"), max_length=20, choices=STEP_CHOICES, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    video = models.FileField(_("Video (MP4 oder WebM)"), upload_to="step_videos/")
    captions = models.FileField(_("Untertitel (WebVTT)"), upload_to="step_videos/")
    uploaded_at = models.DateTimeField(auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Erklärvideo")
        verbose_name_plural = _("Erklärvideos")
        ordering = ["step_kind"]

    def __str__(self) -> str:
        return self.title
