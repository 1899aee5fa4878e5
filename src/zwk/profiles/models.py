"""Stored statistics of the Kommunalprofil and the profile's own settings.

Population stocks are kept compactly: one row per region × year × sex with the 101 single
ages (0 … 99, 100+) as a JSON list. JSON works the same on SQLite and PostgreSQL and one
row per sex keeps a region's history to a handful of rows, so a profile page needs a
constant number of queries whatever the number of years.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SEX_CHOICES = [("total", _("insgesamt")), ("male", _("männlich")), ("female", _("weiblich"))]


class Region(models.Model):
    """A statistical area by its official key (``DG``, Land 2, Kreis 5, Gemeinde 8 digits)
    or, for register data of a Quartier, ``<AGS>/<Gebiet>``."""

    class Level(models.TextChoices):
        BUND = "bund", _("Bund")
        LAND = "land", _("Land")
        REGBEZ = "regbez", _("Regierungsbezirk")
        KREIS = "kreis", _("Kreis")
        GEMEINDE = "gemeinde", _("Gemeinde")
        GEBIET = "gebiet", _("Ortsteil/Quartier")

    code = models.CharField(_("Schlüssel"), max_length=40, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    level = models.CharField(_("Ebene"), max_length=10, choices=Level.choices)
    area_km2 = models.FloatField(_("Fläche (km²)"), null=True, blank=True)
    # geographic centre from the Gemeindeverzeichnis (WGS 84 degrees), Gemeinden only
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)

    class Meta:
        verbose_name = _("Gebiet")
        verbose_name_plural = _("Gebiete")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StatisticsRelease(models.Model):
    """One imported file: what it was, when and by whom, and what it changed."""

    table_code = models.CharField(_("Tabelle"), max_length=60)
    title = models.CharField(_("Titel"), max_length=300, blank=True)
    stand = models.CharField(_("Stand"), max_length=60, blank=True)
    file_name = models.CharField(_("Datei"), max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    licence = models.CharField(_("Lizenz"), max_length=200, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    # changes when a re-import of the same file restores values (part of the data version)
    updated_at = models.DateTimeField(auto_now=True)
    summary = models.JSONField(_("Ergebnis"), default=dict)

    class Meta:
        verbose_name = _("Datenlieferung")
        verbose_name_plural = _("Datenlieferungen")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.table_code} ({self.file_name})"

    @property
    def is_official(self) -> bool:
        return self.summary.get("official", False)


class PopulationStock(models.Model):
    """Population at 31.12. of ``year``: total and, where known, the 101 single ages."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="stocks")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    sex = models.CharField(_("Geschlecht"), max_length=6, choices=SEX_CHOICES)
    total = models.FloatField(_("Einwohner"), null=True)
    ages = models.JSONField(_("Altersjahre 0–100+"), null=True, blank=True)
    release = models.ForeignKey(StatisticsRelease, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Bevölkerungsstand")
        verbose_name_plural = _("Bevölkerungsstände")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "sex"], name="stock_unique")
        ]
        indexes = [
            models.Index(fields=["region", "year"]),
            # the size class of a profile: all regions' totals of one year in a range
            models.Index(fields=["sex", "year", "total"], name="stock_size_class"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.sex}"


class Movement(models.Model):
    """Events of a calendar year: births, deaths, moves in/out and the balance."""

    class Kind(models.TextChoices):
        BIRTHS = "births", _("Lebendgeborene")
        DEATHS = "deaths", _("Gestorbene")
        MIGRATION_IN = "migration_in", _("Zuzüge")
        MIGRATION_OUT = "migration_out", _("Fortzüge")
        NET_MIGRATION = "net_migration", _("Wanderungssaldo")
        MIGRATION_IN_ABROAD = "migration_in_abroad", _("Zuzüge aus dem Ausland")
        MIGRATION_OUT_ABROAD = "migration_out_abroad", _("Fortzüge ins Ausland")

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="movements")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    sex = models.CharField(_("Geschlecht"), max_length=6, choices=SEX_CHOICES, default="total")
    value = models.FloatField(_("Anzahl"))
    release = models.ForeignKey(StatisticsRelease, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Bevölkerungsbewegung")
        verbose_name_plural = _("Bevölkerungsbewegungen")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "kind", "sex"], name="movement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.kind}"


class RegionFigure(models.Model):
    """A count that is no population stock at 31.12.: the Zensus 2011 count (Stichtag
    09.05.2011) and its foreigners, with the population basis it belongs to – kept apart so
    that a count and the Fortschreibung never mix in one base population."""

    class Key(models.TextChoices):
        POPULATION = "population", _("Einwohner")
        FOREIGNERS = "foreigners", _("Ausländerinnen und Ausländer")

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="figures")
    date = models.DateField(_("Stichtag"))
    key = models.CharField(_("Merkmal"), max_length=20, choices=Key.choices)
    value = models.FloatField(_("Anzahl"))
    basis = models.CharField(_("Bevölkerungsbasis"), max_length=20)
    release = models.ForeignKey(StatisticsRelease, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Zählwert")
        verbose_name_plural = _("Zählwerte")
        constraints = [
            models.UniqueConstraint(fields=["region", "date", "key"], name="figure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.date} {self.key}"


class ImportJob(models.Model):
    """An upload being imported in the background; progress and result for the user."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        UNCHANGED = "unchanged", _("bereits importiert")
        FAILED = "failed", _("fehlgeschlagen")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    #: Seconds a job may run: after the soft limit it stops with a message (nothing stored),
    #: the hard limit kills the worker's task; a job "running" past it was killed.
    SOFT_TIME_LIMIT = 10 * 60
    TIME_LIMIT = SOFT_TIME_LIMIT + 60
    STALE_RUNNING = timedelta(seconds=TIME_LIMIT + 60)
    #: Seconds a job may take when it runs inside a web request (no Redis, or the broker is
    #: down): below gunicorn's --timeout of 60 s, so that it stops with a message.
    REQUEST_TIME_LIMIT = 45
    #: A job nobody started within this time has no worker: shown as failed, can be retried.
    STALE_PENDING = timedelta(hours=1)

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    file = models.FileField(upload_to="statistik/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    rows_processed = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    result = models.JSONField(default=dict)
    release = models.ForeignKey(
        StatisticsRelease, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # set when a worker starts the job: a job "running" longer than the time limit was killed
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Importauftrag")
        verbose_name_plural = _("Importaufträge")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (
            self.Status.DONE,
            self.Status.UNCHANGED,
            self.Status.FAILED,
            self.Status.WITHDRAWN,
        )


class Profile(models.Model):
    """Per-Kommune settings of the Kommunalprofil (publication, register area)."""

    municipality = models.OneToOneField(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="profile"
    )
    is_published = models.BooleanField(_("öffentlich"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    register_area = models.CharField(
        _("Gebiet im Melderegister"),
        max_length=30,
        blank=True,
        help_text=_("Nur für Quartiere: Schlüssel der Spalte „gebiet“ der Melderegister-Vorlage."),
    )

    class Meta:
        verbose_name = _("Kommunalprofil")
        verbose_name_plural = _("Kommunalprofile")

    def __str__(self) -> str:
        return str(self.municipality)


class DerivedData(models.Model):
    """A result computed from all stored statistics (the typology over all Gemeinden, the
    history projections of the platform's Gemeinden), stored when the statistics change so
    that no page request has to compute it; ``version`` is the data version it belongs to
    (:func:`zwk.profiles.analysis.data_version`) – another version is never used."""

    key = models.CharField(max_length=80, unique=True)
    version = models.CharField(max_length=80)
    payload = models.BinaryField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("abgeleitete Auswertung")
        verbose_name_plural = _("abgeleitete Auswertungen")

    def __str__(self) -> str:
        return f"{self.key} ({self.version})"
