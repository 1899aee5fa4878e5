"""Werkstattplan (strategy frame, measures, indicators) and the data of the Zwischenbilanz.

Every object reaches its Kommune through ``municipality`` (a field on ``Plan``, a property
elsewhere) so that the permission predicates and the views' tenancy checks work alike.
Measures point to the workshop sketch they came from (``origin_sketch``); the sketch finds
its measures through ``sketch.plan_measures`` – traceable both ways without workshops
importing plans.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zwk.core.models import Authored, Created
from zwk.municipalities.models import Municipality, Theme
from zwk.situation.models import Initiative, TargetGroup

AMOUNT = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}
FIGURE = {"max_digits": 16, "decimal_places": 4}


class Plan(models.Model):
    """The Werkstattplan of one Kommune: its Demografiestrategie."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        REVIEW = "review", _("interne Abstimmung")
        APPROVED = "approved", _("beschlossen")

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="plan")
    vision = models.TextField(
        _("Leitbild"),
        blank=True,
        max_length=5000,
        help_text=_("Wie soll die Kommune in zehn bis fünfzehn Jahren sein? Wenige Sätze."),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    approved_version = models.PositiveIntegerField(_("beschlossene Fassung"), default=0)
    approved_at = models.DateTimeField(_("beschlossen am"), null=True, blank=True)
    # Publication is a switch of its own (as for the Kommunalprofil): the public page shows
    # the latest approved version, so a new draft never leaks while the plan stays public.
    is_published = models.BooleanField(_("öffentlich"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Werkstattplan")
        verbose_name_plural = _("Werkstattpläne")

    def __str__(self) -> str:
        return str(_("Werkstattplan %(name)s") % {"name": self.municipality.name})

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", kwargs={"slug": self.municipality.slug})


class PlanVersion(models.Model):
    """An approved version of the plan: numbered, with an immutable JSON snapshot.

    Written once by ``services.plan_set_status`` when the plan is approved; ``save`` refuses
    to change a stored version (the comparison and the public page rely on it).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Fassung"))
    snapshot = models.JSONField(encoder=DjangoJSONEncoder)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beschlossen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("beschlossen am"))

    class Meta:
        verbose_name = _("beschlossene Fassung")
        verbose_name_plural = _("beschlossene Fassungen")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return str(_("Fassung %(n)d") % {"n": self.number})

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("An approved plan version is immutable.")
        super().save(*args, **kwargs)

    @property
    def municipality(self) -> Municipality:
        return self.plan.municipality


class Comment(models.Model):
    """A remark in the internal consultation – on the plan as a whole or on one measure."""

    class Role(models.TextChoices):
        TEAM = "team", _("Team")
        COORDINATION = "coordination", _("Koordination")
        CONSULTANT = "consultant", _("Beratung")
        OFFICE = "office", _("Geschäftsstelle")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    measure = models.ForeignKey(
        "Measure", null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    body = models.TextField(_("Kommentar"), max_length=2000)
    plan_status = models.CharField(
        _("Status des Plans beim Schreiben"), max_length=20, choices=Plan.Status.choices
    )
    created_at = models.DateTimeField(_("geschrieben am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def municipality(self) -> Municipality:
        return self.plan.municipality


class Goal(models.Model):
    """A goal within a Handlungsfeld; the programme's goals are offered as presets."""

    class Preset(models.TextChoices):
        RETENTION = "retention", _("Halte- und Anziehungsfaktoren stärken")
        IDENTITY = "identity", _("Kommunale Identität stärken")
        PARTICIPATION = "participation", _("Teilhabe aller Altersgruppen sichern")
        INTEGRATION = "integration", _("Integration fördern")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    preset = models.CharField(_("Programmziel"), max_length=20, choices=Preset.choices, blank=True)
    text = models.CharField(_("Ziel"), max_length=300)
    order = models.PositiveSmallIntegerField(default=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def municipality(self) -> Municipality:
        return self.plan.municipality


class Measure(Authored):
    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        RUNNING = "running", _("in Umsetzung")
        DONE = "done", _("umgesetzt")
        PAUSED = "paused", _("pausiert")
        DROPPED = "dropped", _("verworfen")

    NEEDS_REASON = (Status.PAUSED, Status.DROPPED)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=5000)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("Ziele"), blank=True, related_name="measures"
    )
    smart_target = models.TextField(
        _("SMART-Ziel"),
        blank=True,
        max_length=2000,
        help_text=_("Spezifisch, messbar, attraktiv, realistisch, terminiert."),
    )
    responsible = models.CharField(
        _("Verantwortlich"),
        max_length=200,
        blank=True,
        help_text=_("Person oder Stelle, z. B. „Amt für Familie und Soziales“."),
    )
    partners = models.ManyToManyField(
        Initiative,
        verbose_name=_("Partner aus der Bestandsaufnahme"),
        blank=True,
        related_name="plan_measures",
    )
    start = models.DateField(_("Beginn"), null=True, blank=True)
    end = models.DateField(_("Ende"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    status_reason = models.TextField(
        _("Begründung des Status"),
        blank=True,
        max_length=2000,
        help_text=_("Pflicht bei „pausiert“ und „verworfen“."),
    )
    budget_planned = models.DecimalField(_("Budget geplant (Euro)"), **AMOUNT)
    budget_actual = models.DecimalField(_("Budget ausgegeben (Euro)"), **AMOUNT)
    funding_source = models.CharField(_("Finanzierung"), max_length=200, blank=True)
    key_measure = models.BooleanField(
        _("Schlüsselmaßnahme"),
        default=False,
        help_text=_("Erscheint in der einseitigen Strategie-Übersicht."),
    )
    origin_sketch = models.ForeignKey(
        "workshops.Sketch",
        verbose_name=_("aus Projektskizze"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_measures",
    )

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "origin_sketch"],
                condition=Q(origin_sketch__isnull=False),
                name="measure_sketch_once_per_plan",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="measure_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["paused", "dropped"]) | ~Q(status_reason=""),
                name="measure_reason_when_paused_or_dropped",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:measure", kwargs={"slug": self.plan.municipality.slug, "pk": self.pk})

    @property
    def municipality(self) -> Municipality:
        return self.plan.municipality

    @property
    def target_group_values(self) -> list[str]:
        return [g.group for g in self.target_groups.all()]

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(v, v)) for v in self.target_group_values]


class MeasureTargetGroup(models.Model):
    """One target group of a measure – a row per group, as in the Bestandsaufnahme."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(_("Zielgruppe"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "group"], name="measure_group_unique")
        ]

    def __str__(self) -> str:
        return self.get_group_display()


class Milestone(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Meilenstein"), max_length=200)
    due = models.DateField(_("fällig am"))
    done_on = models.DateField(_("erreicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self) -> Municipality:
        return self.measure.plan.municipality

    @property
    def done(self) -> bool:
        return self.done_on is not None


class Indicator(models.Model):
    """How a goal is measured: an engine indicator (baseline from the profile) or an own KPI."""

    class Kind(models.TextChoices):
        ENGINE = "engine", _("Demografischer Indikator aus dem Kommunalprofil")
        OWN = "own", _("Eigene Kennzahl")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.OWN)
    engine_key = models.CharField(_("Indikator"), max_length=60, blank=True)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("Ausgangswert"), null=True, blank=True, **FIGURE)
    baseline_date = models.DateField(_("Stand des Ausgangswerts"), null=True, blank=True)
    target = models.DecimalField(_("Zielwert"), null=True, blank=True, **FIGURE)
    due = models.DateField(_("Zieldatum"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["goal", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="own") | ~Q(engine_key=""), name="indicator_engine_has_key"
            ),
            models.CheckConstraint(
                condition=Q(due__isnull=True)
                | Q(baseline_date__isnull=True)
                | Q(due__gt=models.F("baseline_date")),
                name="indicator_due_after_baseline",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "plans:indicator", kwargs={"slug": self.goal.plan.municipality.slug, "pk": self.pk}
        )

    @property
    def municipality(self) -> Municipality:
        return self.goal.plan.municipality


class Measurement(Created):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("Datum"))
    value = models.DecimalField(_("Wert"), **FIGURE)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Messwert")
        verbose_name_plural = _("Messwerte")
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"

    @property
    def municipality(self) -> Municipality:
        return self.indicator.goal.plan.municipality


# --- Zwischenbilanz: lessons learnt and Verstetigung (issue 6, review side) ----------------


class Lesson(Authored):
    """A lesson learnt – for one measure or (without measure) for the plan as a whole.

    ``toolbox_entry`` is set while the lesson is shared with other Kommunen: it is the
    Werkzeugkoffer's best-practice entry (status "in Prüfung" until the office publishes it).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="lessons")
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("Maßnahme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lessons",
        help_text=_("Leer lassen für eine Erfahrung zum Werkstattplan insgesamt."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    worked = models.TextField(_("Was hat funktioniert?"), blank=True, max_length=5000)
    not_worked = models.TextField(_("Was hat nicht funktioniert?"), blank=True, max_length=5000)
    why = models.TextField(_("Warum?"), blank=True, max_length=5000)
    differently = models.TextField(_("Was würden wir anders machen?"), blank=True, max_length=5000)
    transferable_kinds = models.JSONField(
        _("Übertragbar auf Kommunen dieser Art"), default=list, blank=True
    )
    transferable_sizes = models.JSONField(
        _("Übertragbar auf Kommunen dieser Größe"), default=list, blank=True
    )
    transferable_note = models.TextField(
        _("Übertragbar unter diesen Bedingungen"),
        blank=True,
        max_length=2000,
        help_text=_("Zum Beispiel: „ländliche Gemeinden mit aktivem Vereinsleben“."),
    )
    toolbox_entry = models.ForeignKey(
        "toolbox.Entry",
        verbose_name=_("Beitrag im Werkzeugkoffer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Erfahrung (Lessons learnt)")
        verbose_name_plural = _("Erfahrungen (Lessons learnt)")
        ordering = ["measure__title", "title", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self) -> Municipality:
        return self.plan.municipality

    @property
    def shared(self) -> bool:
        return self.toolbox_entry_id is not None

    @property
    def transferable_labels(self) -> list[str]:
        from zwk.municipalities.sizes import SizeClass

        kinds, sizes = dict(Municipality.Kind.choices), dict(SizeClass.choices)
        return [str(kinds.get(v, v)) for v in self.transferable_kinds or []] + [
            str(sizes.get(v, v)) for v in self.transferable_sizes or []
        ]


class Continuation(models.Model):
    """Verstetigung of one measure: does it go on after the programme, and who owns it?"""

    class Decision(models.TextChoices):
        OPEN = "open", _("noch offen")
        CONTINUE = "continue", _("wird fortgeführt")
        END = "end", _("endet")

    measure = models.OneToOneField(Measure, on_delete=models.CASCADE, related_name="continuation")
    decision = models.CharField(
        _("Verstetigung"), max_length=10, choices=Decision.choices, default=Decision.OPEN
    )
    owner = models.CharField(
        _("Zuständig für die Fortführung"),
        max_length=200,
        blank=True,
        help_text=_("Person, Stelle oder Verein, die die Maßnahme dauerhaft trägt."),
    )
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Verstetigung")
        verbose_name_plural = _("Verstetigungen")

    def __str__(self) -> str:
        return f"{self.measure}: {self.get_decision_display()}"

    @property
    def municipality(self) -> Municipality:
        return self.measure.plan.municipality


class ReviewSchedule(models.Model):
    """When the plan is next reviewed; the reminder is sent once per date."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="review_schedule")
    next_review = models.DateField(_("Nächste Zwischenbilanz am"), null=True, blank=True)
    reminder_sent_for = models.DateField(null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Termin der Zwischenbilanz")
        verbose_name_plural = _("Termine der Zwischenbilanz")

    def __str__(self) -> str:
        return f"{self.plan}: {self.next_review}"

    @property
    def municipality(self) -> Municipality:
        return self.plan.municipality


class MeasureEffect(Created):
    """A demographic effect a measure is expected to have (catalogue and arithmetic:
    ``zwk.plans.effects``). Housing, migration and senior housing change the projection of
    the plan ("mit Plan"); places change the supply only."""

    class Kind(models.TextChoices):
        HOUSING = "housing", _("Neubaugebiet: neue Wohnungen")
        MIGRATION = "migration", _("Mehr Zuzüge oder weniger Fortzüge einer Altersgruppe")
        SENIOR = "senior", _("Umzüge ins Seniorenwohnen innerhalb der Kommune")
        PLACES = "places", _("Neue Plätze (Kita, Tagespflege, Pflege)")

    class Facility(models.TextChoices):
        KITA_U3 = "kita_u3", _("Krippenplätze (unter 3 Jahren)")
        KITA = "kita", _("Kindergartenplätze (3 bis 5 Jahre)")
        DAYCARE = "tagespflege", _("Tagespflegeplätze")
        NURSING = "pflege", _("Pflegeheimplätze")

    class Profile(models.TextChoices):
        FAMILIES = "families", _("vor allem junge Familien")
        YOUNG = "young", _("vor allem junge Erwachsene ohne Kinder")
        MIXED = "mixed", _("gemischt, auch ältere Menschen")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="effects")
    kind = models.CharField(_("Art der Wirkung"), max_length=12, choices=Kind.choices)
    start_year = models.PositiveSmallIntegerField(_("ab Jahr"))
    years = models.PositiveSmallIntegerField(_("Dauer in Jahren"), default=1)
    amount = models.DecimalField(_("Menge"), max_digits=10, decimal_places=2)
    is_percent = models.BooleanField(_("Angabe in Prozent der Fortzüge"), default=False)
    age_from = models.PositiveSmallIntegerField(_("Alter von"), null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(_("Alter bis"), null=True, blank=True)
    occupancy = models.DecimalField(
        _("Personen je Wohnung"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    external_share = models.DecimalField(
        _("Anteil von außerhalb (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    profile = models.CharField(
        _("Wer zieht ein?"), max_length=10, choices=Profile.choices, default=Profile.FAMILIES
    )
    facility = models.CharField(
        _("Art der Plätze"), max_length=12, choices=Facility.choices, blank=True
    )
    existing_places = models.PositiveIntegerField(_("Plätze heute"), null=True, blank=True)
    base_outflow = models.DecimalField(
        _("Fortzüge der Altersgruppe heute je Jahr"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
    )
    note = models.CharField(_("Begründung oder Quelle"), max_length=300, blank=True)

    class Meta:
        ordering = ("measure", "start_year", "pk")
        verbose_name = _("Wirkung einer Maßnahme")
        verbose_name_plural = _("Wirkungen von Maßnahmen")

    def __str__(self) -> str:
        return f"{self.measure}: {self.get_kind_display()}"

    @property
    def municipality(self) -> Municipality:
        return self.measure.plan.municipality
