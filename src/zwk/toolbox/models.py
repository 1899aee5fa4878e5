"""Werkzeugkoffer: methods, concepts and best practices; their versions, ratings and bookmarks."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.models import Municipality, Theme
from zwk.municipalities.process import STEP_KIND_CHOICES
from zwk.municipalities.sizes import SizeClass


class EntryType(models.TextChoices):
    METHOD = "method", _("Methode")
    CONCEPT = "concept", _("Konzept")
    BEST_PRACTICE = "best_practice", _("Best-Practice-Beispiel")
    GUIDE = "guide", _("Leitfaden/Checkliste")
    VIDEO = "video", _("Video")
    WEBINAR = "webinar", _("Online-Seminar")


class Status(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    REVIEW = "review", _("in Prüfung")
    PUBLISHED = "published", _("veröffentlicht")


class Effort(models.TextChoices):
    LOW = "low", _("gering")
    MEDIUM = "medium", _("mittel")
    HIGH = "high", _("hoch")


class CostRange(models.TextChoices):
    NONE = "none", _("ohne nennenswerte Kosten")
    LOW = "low", _("bis 1.000 €")
    MEDIUM = "medium", _("1.000 bis 10.000 €")
    HIGH = "high", _("über 10.000 €")


class TargetGroup(models.TextChoices):
    CHILDREN = "children", _("Kinder")
    YOUTH = "youth", _("Jugendliche")
    FAMILIES = "families", _("Familien")
    ADULTS = "adults", _("Erwachsene")
    SENIORS = "seniors", _("Ältere Menschen")
    MIGRATION = "migration", _("Menschen mit Migrationsgeschichte")
    ADMINISTRATION = "administration", _("Verwaltung")
    POLITICS = "politics", _("Politik")
    VOLUNTEERS = "volunteers", _("Ehrenamt")
    BUSINESS = "business", _("Wirtschaft")


class Evidence(models.TextChoices):
    ILLUSTRATIVE = "illustrative", _("illustratives Beispiel")
    DOCUMENTED = "documented", _("dokumentiert mit Quelle")


# Multi-valued choice fields: stored as JSON lists on the entry (edited and versioned with it)
# and mirrored into ``EntryFacet`` rows, which filtering and facet counts use on both databases.
FACET_FIELDS: dict[str, dict[str, str] | None] = {
    "phases": dict(STEP_KIND_CHOICES),
    "target_groups": dict(TargetGroup.choices),
    "municipality_kinds": dict(Municipality.Kind.choices),
    "sizes": dict(SizeClass.choices),
    "demography_types": None,  # free labels until the typology lands
}

RESERVED_SLUGS = {"merkliste", "pruefen", "neu", "feed", "kommune", "einreichen"}


class EntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Entry(models.Model):
    entry_type = models.CharField(_("Art"), max_length=20, choices=EntryType.choices)
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=200, unique=True)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=1000)
    body = models.TextField(
        _("Beschreibung"),
        blank=True,
        max_length=60_000,
        help_text=_(
            "Absätze, Zwischenüberschriften (h2–h4), Listen, Hervorhebungen und Links sind "
            "erlaubt; alles andere wird beim Speichern entfernt."
        ),
    )
    steps = models.TextField(
        _("Ablauf in Schritten"), blank=True, help_text=_("Ein Schritt je Zeile.")
    )
    duration = models.CharField(_("Dauer"), max_length=200, blank=True)
    effort = models.CharField(_("Aufwand"), max_length=10, choices=Effort.choices, blank=True)
    group_size = models.CharField(_("Gruppengröße"), max_length=200, blank=True)
    cost_range = models.CharField(
        _("Kostenrahmen"), max_length=10, choices=CostRange.choices, blank=True
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("Handlungsfelder"), blank=True, related_name="toolbox_entries"
    )
    phases = models.JSONField(_("passende Schritte"), default=list, blank=True)
    target_groups = models.JSONField(_("Zielgruppen"), default=list, blank=True)
    municipality_kinds = models.JSONField(
        _("passende Arten von Kommunen"), default=list, blank=True
    )
    sizes = models.JSONField(_("passende Größen"), default=list, blank=True)
    demography_types = models.JSONField(_("Demografietypen"), default=list, blank=True)
    contact = models.TextField(_("Kontakt"), blank=True, max_length=2000)
    links = models.TextField(
        _("Quellen und Links"),
        blank=True,
        max_length=5000,
        help_text=_("Eine Angabe je Zeile: „Titel | https://…“ oder nur die Adresse."),
    )
    licence = models.CharField(_("Lizenz"), max_length=200, blank=True, default="CC BY 4.0")
    last_reviewed = models.DateField(_("zuletzt geprüft am"), null=True, blank=True)
    # Best practice only.
    example_place = models.CharField(_("Kommune des Beispiels"), max_length=200, blank=True)
    period = models.CharField(_("Zeitraum"), max_length=200, blank=True)
    results = models.TextField(_("Ergebnisse"), blank=True, max_length=10_000)
    lessons_learnt = models.TextField(_("Lessons learnt"), blank=True, max_length=10_000)
    transferability = models.TextField(_("Übertragbarkeit"), blank=True, max_length=10_000)
    evidence = models.CharField(
        _("Art des Beispiels"), max_length=20, choices=Evidence.choices, blank=True
    )
    source = models.CharField(
        _("Quelle"),
        max_length=500,
        blank=True,
        help_text=_("Pflicht für dokumentierte Beispiele: wo das Projekt beschrieben ist."),
    )
    media_url = models.URLField(_("Aufzeichnung (Video-Adresse)"), blank=True)
    # Workflow and provenance.
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("eingereicht von Kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="toolbox_submissions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.TextField(_("Hinweis der Geschäftsstelle"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Analysed text for search, written by the services (see search.py): on SQLite an FTS5
    # table follows these columns by triggers, on PostgreSQL a generated tsvector column.
    search_title = models.TextField(blank=True, editable=False)
    search_summary = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Werkzeug")
        verbose_name_plural = _("Werkzeuge")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="toolbox_entry_status_pub"),
            # The search's cache stamp reads the latest change (selectors._rows).
            models.Index(fields=["updated_at"], name="toolbox_entry_updated"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolbox:detail", kwargs={"entry": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_best_practice(self) -> bool:
        return self.entry_type == EntryType.BEST_PRACTICE

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    def labels(self, field: str) -> list[str]:
        names = FACET_FIELDS[field]
        values = getattr(self, field) or []
        return [str(names.get(v, v)) if names else v for v in values]

    @property
    def target_group_labels(self) -> list[str]:
        return self.labels("target_groups")

    @property
    def phase_labels(self) -> list[str]:
        return self.labels("phases")

    @property
    def kind_labels(self) -> list[str]:
        return self.labels("municipality_kinds")

    @property
    def size_labels(self) -> list[str]:
        return self.labels("sizes")

    @property
    def link_list(self) -> list[tuple[str, str]]:
        from zwk.toolbox.sanitize import parse_links

        return parse_links(self.links)


class EntryFacet(models.Model):
    """One value of a multi-valued choice field of an entry (for filters and facet counts)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="facets")
    field = models.CharField(max_length=30)
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "field", "value"], name="toolbox_facet_unique")
        ]
        indexes = [models.Index(fields=["field", "value"], name="toolbox_facet_lookup")]

    def __str__(self) -> str:
        return f"{self.field}={self.value}"


class EntryVersion(models.Model):
    """A snapshot of an entry after each save: the history and the diff read these."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    status = models.CharField(max_length=20, choices=Status.choices)
    comment = models.CharField(_("Anlass"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Version")
        verbose_name_plural = _("Versionen")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="toolbox_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.entry} v{self.number}"


class Material(models.Model):
    """A download belonging to an entry (checked on upload, served only as attachment)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to="werkzeugkoffer/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Material")
        verbose_name_plural = _("Materialien")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class Rating(models.Model):
    """Feedback of a logged-in Kommune user: stars and whether it helped."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="toolbox_ratings"
    )
    stars = models.PositiveSmallIntegerField(
        _("Bewertung"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    helpful = models.BooleanField(_("war hilfreich"), null=True, blank=True)
    comment = models.CharField(_("Kommentar"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.UniqueConstraint(fields=["entry", "user"], name="toolbox_rating_unique"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="toolbox_rating_stars"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} – {self.stars}/5"


class Bookmark(models.Model):
    """An entry on a Kommune's Merkliste (shared by its team)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="bookmarks")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="toolbox_bookmarks"
    )
    note = models.CharField(_("Notiz"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Merklisteneintrag")
        verbose_name_plural = _("Merkliste")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "municipality"], name="toolbox_bookmark_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.entry}"
