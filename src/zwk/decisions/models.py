"""Demografie-Check of a council decision, stored per Kommune with versions.

A :class:`DemographyCheck` is the decision being checked; each save of its guided form is a
new :class:`CheckVersion` (numbered 1, 2, …) – the result page and PDF are computed from a
version and today's statistics, so an older version can be shown again.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zwk.core.models import Created
from zwk.municipalities.models import Municipality, Theme


class DemographyCheck(Created):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="demography_checks"
    )
    is_public = models.BooleanField(_("öffentlich"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at", "-pk")
        verbose_name = _("Demografie-Check")
        verbose_name_plural = _("Demografie-Checks")

    def __str__(self) -> str:
        latest = self.latest
        return latest.title if latest else f"Demografie-Check {self.pk}"

    @property
    def latest(self) -> CheckVersion | None:
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: v.number, default=None)
        return self.versions.order_by("-number").first()

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", kwargs={"slug": self.municipality.slug, "pk": self.pk})


class CheckVersion(Created):
    class Horizon(models.IntegerChoices):
        TEN = 10, _("10 Jahre")
        FIFTEEN = 15, _("15 Jahre")
        TWENTY = 20, _("20 Jahre")

    check_obj = models.ForeignKey(
        DemographyCheck, on_delete=models.CASCADE, related_name="versions", db_column="check_id"
    )
    number = models.PositiveIntegerField(_("Fassung"))
    title = models.CharField(_("Titel des Vorhabens"), max_length=200)
    description = models.TextField(_("Kurzbeschreibung"), max_length=3000)
    area_code = models.CharField(_("Ort"), max_length=60, blank=True)
    area_name = models.CharField(_("Name des Orts"), max_length=200, blank=True)
    target_groups = models.JSONField(_("Zielgruppen"), default=list)
    horizon = models.PositiveSmallIntegerField(
        _("Zeithorizont"), choices=Horizon.choices, default=Horizon.TEN
    )
    lifetime = models.PositiveSmallIntegerField(_("Nutzungsdauer der Investition (Jahre)"))
    capacity = models.PositiveIntegerField(_("Kapazität oder Größe"), null=True, blank=True)
    capacity_unit = models.CharField(_("Einheit der Kapazität"), max_length=60, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("Handlungsfelder"), blank=True)
    goals = models.ManyToManyField(
        "plans.Goal", verbose_name=_("Ziele des Werkstattplans"), blank=True
    )
    answer_generations = models.TextField(_("Generationengerechtigkeit"), max_length=3000)
    answer_accessibility = models.TextField(_("Barrierefreiheit"), max_length=3000)
    answer_reuse = models.TextField(_("Nachnutzung bei sinkender Nachfrage"), max_length=3000)
    answer_integration = models.TextField(_("Integration"), max_length=3000)

    class Meta:
        ordering = ("check_obj", "-number")
        constraints = [
            models.UniqueConstraint(fields=["check_obj", "number"], name="decisions_version_unique")
        ]
        verbose_name = _("Fassung eines Demografie-Checks")
        verbose_name_plural = _("Fassungen von Demografie-Checks")

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"

    @property
    def municipality(self) -> Municipality:
        return self.check_obj.municipality
