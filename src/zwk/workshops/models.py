"""Zukunftswerkstatt: workshops, phases, participants, cards, clusters, votes and sketches."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zwk.core.content_language import ContributionLanguage
from zwk.core.models import Authored, Created
from zwk.workshops.phases import PHASE_KIND_CHOICES, PHASE_TYPES_BY_KIND

# No 0/O, 1/I/L: codes are read aloud and typed from a projector or a printed sheet.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 6
CARD_MAX_LENGTH = 280
PRIVACY_NOTICE_VERSION = "2026-11"
INVITE_PARAM = "einladung"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def unique_code() -> str:
    for _attempt in range(20):
        code = new_code()
        if not Workshop.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free workshop code")  # 31**6 codes – practically unreachable


def new_token() -> str:
    return secrets.token_urlsafe(24)


code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{2,23}$",
    _("3 bis 24 Zeichen: Kleinbuchstaben, Ziffern und Bindestriche, ohne Umlaute."),
)


class Workshop(Created):
    class Access(models.TextChoices):
        PUBLIC = "public", _("öffentlich (auf der Mitmachen-Seite aufgeführt)")
        INVITE = "invite", _("nur mit Einladung (Link oder QR-Code mit Schlüssel)")

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="workshops"
    )
    title = models.CharField(_("Titel"), max_length=200)
    question = models.TextField(
        _("Leitfrage"),
        max_length=500,
        help_text=_("z. B. „Wie wollen wir 2040 in unserer Stadt leben – in jedem Alter?“"),
    )
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    online_url = models.URLField(
        _("Online-Raum"), blank=True, help_text=_("Link zur Videokonferenz, falls hybrid/online.")
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Moderation"),
        blank=True,
        related_name="moderated_workshops",
    )
    themes = models.ManyToManyField(
        "municipalities.Theme",
        verbose_name=_("Handlungsfelder im Fokus"),
        blank=True,
        related_name="workshops",
    )
    access = models.CharField(
        _("Zugang"), max_length=10, choices=Access.choices, default=Access.PUBLIC
    )
    code = models.CharField(
        _("Teilnahme-Code"),
        max_length=24,
        unique=True,
        validators=[code_validator],
        help_text=_("Steht in der Adresse /mitmachen/<code>/. Leer lassen für einen neuen Code."),
    )
    # Second secret for invite-only workshops: the link and QR code carry it
    # (?einladung=…); the short code alone – typed or guessed – does not open the workshop.
    invite_key = models.CharField(max_length=64, default=new_token, editable=False)
    vote_budget = models.PositiveSmallIntegerField(
        _("Punkte je Person und Phase"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    max_points_per_card = models.PositiveSmallIntegerField(
        _("höchstens Punkte je Karte"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("1 = jede Person kann einer Karte nur einen Punkt geben."),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("Aufbewahrung der Teilnehmendendaten (Tage)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("Danach werden Pseudonyme und Angaben der Teilnehmenden anonymisiert."),
    )
    #: Title and Leitfrage in other languages, German as fallback (zwk.core.content_language).
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    participants_purged_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Bumped on every change participants can see; live views compare it (cheap 204 / 304).
    version = models.PositiveBigIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Zukunftswerkstatt")
        verbose_name_plural = _("Zukunftswerkstätten")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="workshop_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(max_points_per_card__lte=F("vote_budget")),
                name="workshop_card_points_within_budget",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:detail", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    def get_participant_url(self) -> str:
        """The join link; for invite-only workshops with the invitation key."""
        url = reverse("participate:entry", kwargs={"code": self.code})
        if self.is_invite_only:
            url += f"?{INVITE_PARAM}={self.invite_key}"
        return url

    @property
    def is_invite_only(self) -> bool:
        return self.access == self.Access.INVITE

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class Phase(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("noch nicht begonnen")
        OPEN = "open", _("läuft")
        CLOSED = "closed", _("abgeschlossen")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("Phase"), max_length=20, choices=PHASE_KIND_CHOICES)
    order = models.PositiveSmallIntegerField(default=0)
    minutes = models.PositiveSmallIntegerField(
        _("Zeit (Minuten)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Phase")
        verbose_name_plural = _("Phasen")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "kind"], name="phase_unique_kind"),
            # At most one phase runs at a time: everyone works on the same question.
            models.UniqueConstraint(
                fields=["workshop"], condition=Q(state="open"), name="phase_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop}: {self.type.title}"

    @property
    def type(self):
        return PHASE_TYPES_BY_KIND[self.kind]

    @property
    def municipality(self):
        return self.workshop.municipality

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def ends_at(self):
        if self.opened_at is None or not self.is_open:
            return None
        return self.opened_at + timedelta(minutes=self.minutes)


class Participant(models.Model):
    class AgeGroup(models.TextChoices):
        UNDER_18 = "u18", _("unter 18")
        FROM_18 = "18-24", _("18 bis 24")
        FROM_25 = "25-39", _("25 bis 39")
        FROM_40 = "40-64", _("40 bis 64")
        FROM_65 = "65-79", _("65 bis 79")
        FROM_80 = "80+", _("80 und älter")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    pseudonym = models.CharField(_("Name oder Spitzname"), max_length=40)
    age_group = models.CharField(
        _("Altersgruppe"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    district = models.CharField(_("Ortsteil"), max_length=80, blank=True)
    # the interface language at joining (issue 18: "Wer fehlt?" by language; no other data)
    language = models.CharField(_("Sprache der Oberfläche"), max_length=10, blank=True)
    consent_at = models.DateTimeField(_("Einwilligung am"))
    consent_version = models.CharField(_("Fassung des Datenschutzhinweises"), max_length=20)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    blocked_at = models.DateTimeField(_("gesperrt am"), null=True, blank=True)
    blocked_reason = models.CharField(_("Grund der Sperre"), max_length=200, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Teilnehmende Person")
        verbose_name_plural = _("Teilnehmende")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def municipality(self):
        return self.workshop.municipality

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None


class Cluster(models.Model):
    """A group of related cards with a title, made by the moderation."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="clusters")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="clusters")
    title = models.CharField(_("Titel"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Cluster")
        verbose_name_plural = _("Cluster")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self):
        return self.workshop.municipality


class Card(Authored, ContributionLanguage):
    class Origin(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("Papier (von der Moderation erfasst)")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="cards")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="cards")
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="cards"
    )
    origin = models.CharField(
        _("Herkunft"), max_length=10, choices=Origin.choices, default=Origin.ONLINE
    )
    text = models.CharField(_("Text"), max_length=CARD_MAX_LENGTH)
    theme = models.ForeignKey(
        "municipalities.Theme",
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    who = models.CharField(_("Wer?"), max_length=200, blank=True)
    by_when = models.CharField(_("Bis wann?"), max_length=100, blank=True)
    first_step = models.CharField(_("Erster Schritt"), max_length=280, blank=True)
    photo = models.ImageField(_("Foto"), upload_to="werkstatt/%Y/%m/", blank=True)
    cluster = models.ForeignKey(
        Cluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="cards"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("Grund"), max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_cards"
    )

    class Meta:
        verbose_name = _("Karte")
        verbose_name_plural = _("Karten")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["phase", "hidden_at"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def municipality(self):
        return self.workshop.municipality

    @property
    def is_visible(self) -> bool:
        return self.hidden_at is None and self.merged_into_id is None


class Ballot(models.Model):
    """Points a participant has spent in one phase – the counter the budget is enforced on.

    The check constraint is the last line of defence: even a buggy caller cannot store more
    points than the budget. Services change ``spent`` only with a conditional UPDATE while
    holding the row lock (see ``voting.vote_cast``).
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="ballots")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="ballots")
    budget = models.PositiveSmallIntegerField()
    spent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Punktekonto")
        verbose_name_plural = _("Punktekonten")
        constraints = [
            models.UniqueConstraint(fields=["participant", "phase"], name="ballot_unique"),
            models.CheckConstraint(
                condition=Q(spent__lte=F("budget")), name="ballot_within_budget"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.spent}/{self.budget}"

    @property
    def left(self) -> int:
        return self.budget - self.spent


class Vote(models.Model):
    """Points of one participant on one card (several if the workshop allows it)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="votes")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="votes")
    points = models.PositiveSmallIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Punkt")
        verbose_name_plural = _("Punkte")
        constraints = [
            models.UniqueConstraint(fields=["participant", "card"], name="vote_unique"),
            models.CheckConstraint(condition=Q(points__gte=1), name="vote_points_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.points} → {self.card_id}"


class Sketch(Authored):
    """A project sketch from the Verwirklichungsphase; flows into the Werkstattplan."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="sketches")
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("aus Cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sketches",
    )
    title = models.CharField(_("Projekttitel"), max_length=200)
    goal = models.TextField(_("Ziel"), max_length=2000)
    first_steps = models.TextField(_("Erste Schritte"), max_length=2000, blank=True)
    who_needed = models.TextField(_("Wer wird gebraucht?"), max_length=2000, blank=True)
    resources = models.TextField(_("Ressourcen"), max_length=2000, blank=True)
    sponsor = models.CharField(
        _("Patin/Pate"),
        max_length=200,
        blank=True,
        help_text=_("Funktion oder Name – nur mit Einverständnis der Person."),
    )
    theme = models.ForeignKey(
        "municipalities.Theme",
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    for_plan = models.BooleanField(
        _("für den Werkstattplan vorschlagen"),
        default=True,
        help_text=_("Vorgeschlagene Skizzen erscheinen im Werkstattplan der Kommune."),
    )

    class Meta:
        verbose_name = _("Projektskizze")
        verbose_name_plural = _("Projektskizzen")
        ordering = ["workshop", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self):
        return self.workshop.municipality


class WorkshopPhoto(models.Model):
    """Photo documentation of the workshop (pin boards, flip charts) – part of the protocol."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("Foto"), upload_to="werkstatt/fotos/%Y/%m/")
    caption = models.CharField(_("Bildunterschrift"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Foto der Dokumentation")
        verbose_name_plural = _("Fotodokumentation")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption

    @property
    def municipality(self):
        return self.workshop.municipality
