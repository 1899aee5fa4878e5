"""Beratungspool: consultant profiles, consulting requests, proposals, day budgets and logs.

Days are ``Decimal`` with one decimal place; only whole and half days are valid (checked by a
constraint and by the services). A log counts against the budget of the calendar year of the
day it was worked (``worked_on``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zwk.consulting.vocab import LANGUAGE_CHOICES, METHOD_CHOICES
from zwk.municipalities.models import Municipality, Theme
from zwk.municipalities.process import STEP_KIND_CHOICES
from zwk.municipalities.validators import LAND_CHOICES

DAYS = {"max_digits": 5, "decimal_places": 1}


class ConsultantProfile(models.Model):
    """What the pool shows about one consultant (one per consultant account)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultant_profile"
    )
    headline = models.CharField(
        _("Kurzvorstellung"),
        max_length=200,
        blank=True,
        help_text=_("Ein Satz, z. B. „Moderation von Beteiligungsprozessen im ländlichen Raum“."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("Handlungsfelder"), blank=True, related_name="consultants"
    )
    cv = models.TextField(_("Kurzlebenslauf"), blank=True, max_length=3000)
    availability_note = models.CharField(
        _("Verfügbarkeit"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „dienstags bis donnerstags, keine Abendtermine“."),
    )
    available_from = models.DateField(_("verfügbar ab"), null=True, blank=True)
    available_until = models.DateField(_("verfügbar bis"), null=True, blank=True)
    days_per_month = models.DecimalField(
        _("Tage pro Monat"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("23"))],
        help_text=_("Wie viele Beratungstage Sie im Monat übernehmen können."),
        **DAYS,
    )
    accepts_requests = models.BooleanField(
        _("nimmt neue Anfragen an"),
        default=True,
        help_text=_("Ohne Haken erscheinen Sie nicht unter den Vorschlägen für neue Anfragen."),
    )
    photo = models.ImageField(_("Foto"), upload_to="beratung/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Beratungsprofil")
        verbose_name_plural = _("Beratungsprofile")
        ordering = ["user__last_name", "user__first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_until__gte=models.F("available_from")),
                name="consultant_availability_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("consulting:profile", kwargs={"pk": self.pk})

    def codes(self, kind: str) -> list[str]:
        """Codes of one kind (uses prefetched ``tags`` when present)."""
        return sorted(t.code for t in self.tags.all() if t.kind == kind)


class ProfileTag(models.Model):
    """One method, region (Land) or language of a profile – a row each, so the pool filters
    portably (SQLite and PostgreSQL) with an index instead of searching JSON."""

    class Kind(models.TextChoices):
        METHOD = "method", _("Methode")
        REGION = "region", _("Region")
        LANGUAGE = "language", _("Sprache")

    CHOICES = {
        Kind.METHOD: dict(METHOD_CHOICES),
        Kind.REGION: dict(LAND_CHOICES),
        Kind.LANGUAGE: dict(LANGUAGE_CHOICES),
    }

    profile = models.ForeignKey(ConsultantProfile, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    code = models.CharField(max_length=30)

    class Meta:
        verbose_name = _("Merkmal")
        verbose_name_plural = _("Merkmale")
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind", "code"], name="profile_tag_unique")
        ]
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def label(self) -> str:
        return str(self.CHOICES[self.kind].get(self.code, self.code))


class ConsultingRequest(models.Model):
    """A Kommune asks the office for consulting; the office proposes a consultant."""

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        PROPOSED = "proposed", _("zugewiesen, Antwort ausstehend")
        ACCEPTED = "accepted", _("angenommen")
        DECLINED = "declined", _("abgelehnt, neu zuzuweisen")
        COMPLETED = "completed", _("abgeschlossen")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    class Format(models.TextChoices):
        ON_SITE = "vor_ort", _("vor Ort")
        ONLINE = "online", _("online")
        EITHER = "beides", _("vor Ort oder online")

    class Urgency(models.TextChoices):
        LOW = "low", _("kann warten")
        NORMAL = "normal", _("normal")
        HIGH = "high", _("dringend")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="consulting_requests"
    )
    topic = models.CharField(_("Thema"), max_length=200)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    step = models.CharField(
        _("Schritt im Prozess"), max_length=20, choices=STEP_KIND_CHOICES, blank=True
    )
    methods = models.JSONField(_("gewünschte Methoden"), default=list, blank=True)
    format = models.CharField(
        _("gewünschtes Format"), max_length=10, choices=Format.choices, default=Format.EITHER
    )
    language = models.CharField(
        _("Sprache der Beratung"), max_length=10, choices=LANGUAGE_CHOICES, default="de"
    )
    wished_from = models.DateField(_("gewünscht ab"), null=True, blank=True)
    wished_until = models.DateField(_("gewünscht bis"), null=True, blank=True)
    dates_note = models.CharField(
        _("Terminwünsche"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „Werkstatt am Samstag, 14. März, vormittags“."),
    )
    urgency = models.CharField(
        _("Dringlichkeit"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    days_estimated = models.DecimalField(
        _("geschätzter Umfang in Tagen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
        **DAYS,
    )
    description = models.TextField(_("Beschreibung"), max_length=5000)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Beraterin/Berater"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consulting_requests",
    )
    summary = models.TextField(_("Ergebnis"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("gestellt am"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Beratungsanfrage")
        verbose_name_plural = _("Beratungsanfragen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wished_until__isnull=True)
                | Q(wished_from__isnull=True)
                | Q(wished_until__gte=models.F("wished_from")),
                name="consulting_request_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("consulting:request", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    @property
    def method_labels(self) -> list[str]:
        labels = dict(METHOD_CHOICES)
        return [str(labels[c]) for c in self.methods if c in labels]


class Proposal(models.Model):
    """The office proposes a consultant for a request; the consultant decides."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("ausstehend")
        ACCEPTED = "accepted", _("angenommen")
        DECLINED = "declined", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("zurückgenommen")

    request = models.ForeignKey(
        ConsultingRequest, on_delete=models.CASCADE, related_name="proposals"
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consulting_proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("Nachricht an die Beratung"), blank=True, max_length=2000)
    score = models.IntegerField(_("Passung (Punkte)"), default=0)
    reasons = models.JSONField(_("Gründe"), default=list, blank=True)
    decision = models.CharField(
        _("Entscheidung"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_reason = models.TextField(_("Begründung"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.consultant} → {self.request}"

    @property
    def municipality(self):
        return self.request.municipality


class DayBudget(models.Model):
    """Consulting days a Kommune may use in one calendar year (set by the office)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="consulting_budgets"
    )
    year = models.PositiveSmallIntegerField(
        _("Jahr"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    days = models.DecimalField(
        _("Beratungstage"), validators=[MinValueValidator(Decimal("0"))], **DAYS
    )
    allow_overrun = models.BooleanField(
        _("Überschreitung erlauben"),
        default=False,
        help_text=_(
            "Mit Haken dürfen Beraterinnen und Berater mehr Tage buchen, als im Budget übrig sind."
        ),
    )
    note = models.CharField(_("Notiz"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Tagebudget")
        verbose_name_plural = _("Tagebudgets")
        ordering = ["-year", "municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="day_budget_unique"),
            models.CheckConstraint(condition=Q(days__gte=0), name="day_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.days}"


class DayLog(models.Model):
    """Days a consultant worked on an accepted request."""

    request = models.ForeignKey(ConsultingRequest, on_delete=models.CASCADE, related_name="logs")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="consulting_logs"
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="consulting_logs",
    )
    worked_on = models.DateField(_("Datum"))
    days = models.DecimalField(_("Tage"), **DAYS)
    activity = models.CharField(_("Tätigkeit"), max_length=500)
    over_budget = models.BooleanField(_("über dem Budget"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Beratungstag")
        verbose_name_plural = _("Beratungstage")
        ordering = ["-worked_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(days__gt=0), name="day_log_positive"),
        ]
        indexes = [models.Index(fields=["municipality", "worked_on"])]

    def __str__(self) -> str:
        return f"{self.worked_on:%d.%m.%Y} {self.days} – {self.activity[:40]}"
