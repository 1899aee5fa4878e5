"""Kommunen, their teams and the five programme steps."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zwk.municipalities.geo import LATITUDE_VALIDATORS, LONGITUDE_VALIDATORS
from zwk.municipalities.process import STEP_KIND_CHOICES, STEPS_BY_KIND
from zwk.municipalities.validators import LAND_CHOICES


class Theme(models.Model):
    """A Handlungsfeld: the maintained list (``municipality`` empty) or a Kommune's own."""

    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    municipality = models.ForeignKey(
        "Municipality",
        verbose_name=_("eigenes Thema von"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_themes",
    )
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(municipality__isnull=True),
                name="theme_preset_slug_unique",
            ),
            models.UniqueConstraint(fields=["municipality", "slug"], name="theme_own_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_preset(self) -> bool:
        return self.municipality_id is None


class Municipality(models.Model):
    class Kind(models.TextChoices):
        QUARTIER = "quartier", _("Großstadtquartier")
        STADT = "stadt", _("Stadt")
        GEMEINDE = "gemeinde", _("Gemeinde")
        LANDKREIS = "landkreis", _("Landkreis")

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=80, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    land = models.CharField(_("Land"), max_length=2, choices=LAND_CHOICES)
    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel"),
        max_length=8,
        help_text=_(
            "8 Stellen für Gemeinden und Städte, 5 für Landkreise; Quartiere: Schlüssel der Stadt."
        ),
    )
    local_name = models.CharField(
        _("Name des Quartiers"),
        max_length=200,
        blank=True,
        help_text=_("Nur für Großstadtquartiere."),
    )
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LATITUDE_VALIDATORS,
        help_text=_(
            "Grad Nord (WGS 84), z. B. 54.78252. Leer lassen: wird aus dem "
            "Gemeindeverzeichnis ergänzt, sobald es importiert ist."
        ),
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LONGITUDE_VALIDATORS,
        help_text=_("Grad Ost (WGS 84), z. B. 9.43751."),
    )
    population_date = models.DateField(_("Stand der Einwohnerzahl"), null=True, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("Handlungsfelder"), blank=True, related_name="municipalities"
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=50, blank=True)
    logo = models.ImageField(_("Logo oder Wappen"), upload_to="logos/", blank=True)
    description = models.TextField(_("Öffentliche Beschreibung"), blank=True)
    programme_start = models.DateField(_("Programmbeginn"), null=True, blank=True)
    programme_end = models.DateField(_("Programmende"), null=True, blank=True)
    is_demo = models.BooleanField(_("Demodaten"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme_end__isnull=True)
                | Q(programme_start__isnull=True)
                | Q(programme_end__gte=models.F("programme_start")),
                name="municipality_programme_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["ags"],
                condition=~Q(kind="quartier"),
                name="municipality_ags_unique_except_quartier",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:workspace", kwargs={"slug": self.slug})


class Membership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordination")
        MEMBER = "member", _("Team")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    function = models.CharField(_("Funktion im Team"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"


class ConsultantAssignment(models.Model):
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultant_assignments",
        limit_choices_to={"is_consultant": True},
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="consultant_assignments"
    )
    active = models.BooleanField(_("aktiv"), default=True)
    since = models.DateField(_("seit"), auto_now_add=True)

    class Meta:
        verbose_name = _("Beratungszuordnung")
        verbose_name_plural = _("Beratungszuordnungen")
        constraints = [
            models.UniqueConstraint(fields=["consultant", "municipality"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.consultant} → {self.municipality}"


class Invitation(models.Model):
    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordination einer Kommune")
        MEMBER = "member", _("Team einer Kommune")
        CONSULTANT = "consultant", _("Beraterin/Berater")

    email = models.EmailField(_("E-Mail-Adresse"))
    kind = models.CharField(_("Einladung als"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("Persönliche Nachricht"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_kind_display()})"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class ProcessStep(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        IN_PROGRESS = "in_progress", _("in Arbeit")
        DONE = "done", _("abgeschlossen")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("Schritt"), max_length=20, choices=STEP_KIND_CHOICES)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    due_date = models.DateField(_("geplantes Ende"), null=True, blank=True)
    completed_on = models.DateField(_("abgeschlossen am"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verantwortlich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("Notizen"), blank=True, max_length=20000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Prozessschritt")
        verbose_name_plural = _("Prozessschritte")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind"], name="step_unique_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
                name="step_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.type.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "municipalities:step", kwargs={"slug": self.municipality.slug, "step": self.type.slug}
        )

    @property
    def type(self):
        return STEPS_BY_KIND[self.kind]


class ChecklistTemplateItem(models.Model):
    """The office's default checklist per step; copied into each new Kommune."""

    step_kind = models.CharField(_("Schritt"), max_length=20, choices=STEP_KIND_CHOICES)
    text = models.CharField(_("Aufgabe"), max_length=300)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Checklistenvorlage")
        verbose_name_plural = _("Checklistenvorlagen")
        ordering = ["step_kind", "order", "id"]

    def __str__(self) -> str:
        return self.text


class ChecklistItem(models.Model):
    step = models.ForeignKey(ProcessStep, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(_("Aufgabe"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    template_item = models.ForeignKey(
        ChecklistTemplateItem, null=True, blank=True, on_delete=models.SET_NULL
    )
    done = models.BooleanField(_("erledigt"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Checklistenpunkt")
        verbose_name_plural = _("Checklistenpunkte")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def municipality(self):
        return self.step.municipality

    @property
    def is_own(self) -> bool:
        return self.template_item_id is None


class StepDocument(models.Model):
    class DocType(models.TextChoices):
        MINUTES = "minutes", pgettext_lazy("document", "Protokoll")
        INVITATION = "invitation", _("Einladung")
        AGENDA = "agenda", _("Tagesordnung")
        PRESENTATION = "presentation", _("Präsentation")
        RESULT = "result", _("Ergebnis")
        OTHER = "other", _("Sonstiges")

    step = models.ForeignKey(ProcessStep, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("Titel"), max_length=200)
    doc_type = models.CharField(
        _("Art"), max_length=20, choices=DocType.choices, default=DocType.OTHER
    )
    file = models.FileField(_("Datei"), upload_to="dokumente/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self):
        return self.step.municipality


class KickoffActor(models.Model):
    """A person or organisation in the Kick-off (team and actors)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="kickoff_actors"
    )
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    role = models.CharField(_("Rolle im Prozess"), max_length=200, blank=True)
    is_leadership = models.BooleanField(_("Verwaltungsspitze"), default=False)
    attended_kickoff = models.BooleanField(_("beim Kick-off dabei"), default=True)

    class Meta:
        verbose_name = _("Akteurin/Akteur")
        verbose_name_plural = _("Akteure")
        ordering = ["-is_leadership", "name"]

    def __str__(self) -> str:
        return self.name


class KickoffAgreement(models.Model):
    """What the Kick-off agreed: goals and timetable (one per Kommune)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="kickoff"
    )
    goals = models.TextField(_("Vereinbarte Ziele"), blank=True, max_length=10000)
    timetable = models.TextField(
        _("Zeitplan"),
        blank=True,
        max_length=10000,
        help_text=_("Eine Zeile je Meilenstein, z. B. „03/2027 Zukunftswerkstatt“."),
    )
    kickoff_date = models.DateField(_("Datum der Auftaktveranstaltung"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Kick-off-Vereinbarung")
        verbose_name_plural = _("Kick-off-Vereinbarungen")

    def __str__(self) -> str:
        return f"Kick-off {self.municipality}"
