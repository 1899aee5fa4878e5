"""Situationsanalyse: Bestandsaufnahme, SWOT, interviews and candidate Handlungsfelder.

Every object belongs to exactly one Kommune (``municipality``) so that views fetch it filtered
by the Kommune (tenant isolation) and the permission predicates find the Kommune through
``obj.municipality``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwk.core.models import Authored
from zwk.municipalities.models import Municipality, Theme


class TargetGroup(models.TextChoices):
    """Fixed list: filters and exports must compare like with like across Kommunen."""

    CHILDREN = "children", _("Kinder")
    YOUTH = "youth", _("Jugendliche")
    FAMILIES = "families", _("Familien")
    WORKING_AGE = "working_age", _("Erwerbstätige")
    SENIORS = "seniors", _("Seniorinnen und Senioren")
    CARE = "care", _("Pflegebedürftige und Angehörige")
    NEWCOMERS = "newcomers", _("Zugezogene und Neubürger")
    MIGRANTS = "migrants", _("Menschen mit Einwanderungsgeschichte")
    DISABILITY = "disability", _("Menschen mit Behinderung")
    ALL = "all", _("alle Generationen")


class Initiative(Authored):
    """An existing measure, project or initiative (Bestandsaufnahme).

    Stable on purpose: the Werkstattplan links its measures to these as partners."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        RUNNING = "running", _("laufend")
        PAUSED = "paused", _("ruht")
        FINISHED = "finished", _("abgeschlossen")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(_("Titel"), max_length=200)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("Handlungsfelder"), blank=True, related_name="initiatives"
    )
    provider = models.CharField(_("Träger"), max_length=200, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    contact = models.CharField(
        _("Kontakt"),
        max_length=300,
        blank=True,
        help_text=_("Name, Telefon oder E-Mail-Adresse der Ansprechperson."),
    )
    description = models.TextField(_("Kurzbeschreibung"), blank=True, max_length=2000)
    url = models.URLField(_("Link"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("Initiative")
        verbose_name_plural = _("Initiativen")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def target_group_values(self) -> list[str]:
        return [g.group for g in self.target_groups.all()]

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(v, v)) for v in self.target_group_values]


class InitiativeTargetGroup(models.Model):
    """One target group of an initiative – a row per group, so lists can filter by it."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="target_groups"
    )
    group = models.CharField(_("Zielgruppe"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "group"], name="initiative_group_unique")
        ]

    def __str__(self) -> str:
        return self.get_group_display()


class Interview(Authored):
    """Notes from a qualitative interview with a key actor."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="situation_interviews"
    )
    person = models.CharField(
        _("Gesprächspartnerin/Gesprächspartner"),
        max_length=200,
        help_text=_("Namentlich nur mit Einverständnis der Person; sonst z. B. „Vereinsvorsitz“."),
    )
    role = models.CharField(_("Funktion"), max_length=200, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    held_on = models.DateField(_("Datum des Gesprächs"))
    main_points = models.TextField(_("Wichtigste Aussagen"), max_length=10000)

    class Meta:
        verbose_name = _("Gespräch")
        verbose_name_plural = _("Gespräche")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} ({self.held_on:%d.%m.%Y})"


class SwotItem(Authored):
    class Category(models.TextChoices):
        STRENGTH = "strength", _("Stärke")
        WEAKNESS = "weakness", _("Schwäche")
        OPPORTUNITY = "opportunity", _("Chance")
        THREAT = "threat", _("Risiko")

    class Source(models.TextChoices):
        MANUAL = "manual", _("eigene Einschätzung")
        SUGGESTION = "suggestion", _("Vorschlag aus den Daten")
        INTERVIEW = "interview", _("Gespräch")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="swot_items"
    )
    category = models.CharField(_("Kategorie"), max_length=20, choices=Category.choices)
    text = models.CharField(_("Aussage"), max_length=300)
    note = models.TextField(
        _("Begründung oder Beleg"),
        blank=True,
        max_length=2000,
        help_text=_("Woran machen Sie das fest? Zahlen, Beobachtungen, Aussagen."),
    )
    source = models.CharField(
        _("Quelle"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    indicator_key = models.CharField(_("Indikator"), max_length=80, blank=True)
    # The stable key of the data-driven suggestion this item was accepted from: while the item
    # exists, the suggestion is not offered again.
    suggestion_key = models.CharField(max_length=80, blank=True, editable=False)
    interview = models.ForeignKey(
        Interview,
        verbose_name=_("aus dem Gespräch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="swot_items",
    )

    class Meta:
        verbose_name = _("SWOT-Punkt")
        verbose_name_plural = _("SWOT-Punkte")
        ordering = ["category", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "suggestion_key"],
                condition=~models.Q(suggestion_key=""),
                name="swot_suggestion_once_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.text}"


class RejectedSuggestion(models.Model):
    """A data-driven suggestion the team rejected; deleting the row is the undo."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="rejected_suggestions"
    )
    key = models.CharField(max_length=80)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verworfener Vorschlag")
        verbose_name_plural = _("verworfene Vorschläge")
        ordering = ["-rejected_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="rejected_suggestion_once")
        ]

    def __str__(self) -> str:
        return self.key


class CandidateField(Authored):
    """A Handlungsfeld the team proposes for the Zukunftswerkstatt, justified by SWOT items."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="candidate_fields"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("Handlungsfeld"), on_delete=models.PROTECT, related_name="+"
    )
    justification = models.TextField(_("Begründung"), max_length=3000)
    swot_items = models.ManyToManyField(
        SwotItem, verbose_name=_("gestützt auf"), blank=True, related_name="candidate_fields"
    )
    position = models.PositiveSmallIntegerField(_("Rang"), default=0)

    class Meta:
        verbose_name = _("Handlungsfeld-Kandidat")
        verbose_name_plural = _("Handlungsfeld-Kandidaten")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "theme"], name="candidate_field_once_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.theme}"
