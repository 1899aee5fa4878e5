"""Beteiligungsprojekte: a Kommune's participation outside the live workshop.

A ``Project`` has phases (dates), a Handlungsfeld selection and modules. Every module is its
own model with a foreign key to the project: ``Survey`` and ``IdeaCollection`` (ideas with
comments, support, reports and a public status history; the Ideenkarte shows those with a
place). ``Idea.measure`` names a ``plans.Measure`` by string reference only – participation
sits below plans in the layers and never imports it.

Survey answers are pseudonymous: a ``Response`` has no name and no account – only the
optional age group, sex and Ortsteil the person gave (used for cross-tabs and weighting),
the consent record and, for a random sample, the one-time ``AccessCode`` it used.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zwk.core.content_language import ContributionLanguage, ModeratorTranslated
from zwk.core.models import Authored

PRIVACY_NOTICE_VERSION = "2026-12"
# No 0/O, 1/I/L: codes are typed from a printed letter.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
TEXT_MAX_LENGTH = 2000
OPTION_MAX = 20


def new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class AgeGroup(models.TextChoices):
    """Age groups of the survey (as the workshop's, with the young split at 16)."""

    UNDER_16 = "u16", _("unter 16")
    FROM_16 = "16-17", _("16 bis 17")
    FROM_18 = "18-24", _("18 bis 24")
    FROM_25 = "25-39", _("25 bis 39")
    FROM_40 = "40-64", _("40 bis 64")
    FROM_65 = "65-79", _("65 bis 79")
    FROM_80 = "80+", _("80 und älter")


#: Age span in whole years of each group (upper bound inclusive; 100 = 100 and older).
AGE_SPANS = {
    "u16": (0, 15),
    "16-17": (16, 17),
    "18-24": (18, 24),
    "25-39": (25, 39),
    "40-64": (40, 64),
    "65-79": (65, 79),
    "80+": (80, 100),
}


class Sex(models.TextChoices):
    FEMALE = "w", _("weiblich")
    MALE = "m", _("männlich")
    DIVERSE = "d", _("divers")
    NONE = "x", _("keine Angabe")


class Project(Authored):
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="participation"
    )
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname in der Adresse"),
        max_length=80,
        help_text=_("Steht in der Adresse /beteiligung/<Kommune>/<Kurzname>/."),
    )
    description = models.TextField(_("Beschreibung"), max_length=4000, blank=True)
    themes = models.ManyToManyField(
        "municipalities.Theme",
        verbose_name=_("Handlungsfelder"),
        blank=True,
        related_name="participation_projects",
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("Mindestalter"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(99)],
        help_text=_("Leer lassen, wenn alle Altersgruppen mitmachen dürfen."),
    )
    young_note = models.TextField(
        _("Hinweis für Jüngere (unter 16)"),
        max_length=1000,
        blank=True,
        help_text=_("z. B. „Sprich vorher mit deinen Eltern, wenn du unsicher bist.“"),
    )
    published = models.BooleanField(_("veröffentlicht"), default=False)
    #: Texts in other languages, German as fallback (zwk.core.content_language).
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)
    retention_days = models.PositiveSmallIntegerField(
        _("Aufbewahrung der Zugangsdaten (Tage nach Ende)"),
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_(
            "Danach werden Zugangscodes, Einwilligungsnachweise und Freitexte gelöscht; "
            "die Antworten bleiben anonym für die Auswertung."
        ),
    )

    class Meta:
        verbose_name = _("Beteiligungsprojekt")
        verbose_name_plural = _("Beteiligungsprojekte")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="participation_project_slug_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published

    def get_absolute_url(self) -> str:
        return reverse(
            "participation:project",
            kwargs={"slug": self.municipality.slug, "project": self.slug},
        )

    def get_team_url(self) -> str:
        return reverse(
            "participation_team:project", kwargs={"slug": self.municipality.slug, "pk": self.pk}
        )


class ProjectPhase(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("Bezeichnung"), max_length=120)
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"))
    description = models.TextField(_("Was passiert in dieser Phase?"), max_length=1000, blank=True)
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Phase")
        verbose_name_plural = _("Phasen")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="participation_phase_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self):
        return self.project.municipality

    def state(self, today=None) -> str:
        today = today or timezone.localdate()
        if today < self.starts_on:
            return "pending"
        if today > self.ends_on:
            return "closed"
        return "open"


class Survey(Authored):
    """Module "Umfrage / Bürgerbefragung" of a project."""

    class Access(models.TextChoices):
        OPEN = "open", _("offener Link: alle können teilnehmen")
        CODES = "codes", _("persönliche Zugangscodes (Zufallsstichprobe)")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="surveys")
    phase = models.ForeignKey(
        ProjectPhase,
        verbose_name=_("Phase"),
        # The service refuses to delete a phase with a survey; deleting the project takes all.
        on_delete=models.CASCADE,
        related_name="surveys",
        help_text=_("Die Umfrage ist zwischen Beginn und Ende dieser Phase geöffnet."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    intro = models.TextField(_("Einleitung"), max_length=3000, blank=True)
    access = models.CharField(
        _("Zugang"), max_length=10, choices=Access.choices, default=Access.OPEN
    )
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self):
        return self.project.municipality

    @property
    def uses_codes(self) -> bool:
        return self.access == self.Access.CODES

    def get_absolute_url(self) -> str:
        return reverse(
            "participation:survey",
            kwargs={
                "slug": self.project.municipality.slug,
                "project": self.project.slug,
                "survey": self.pk,
            },
        )


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Einfachauswahl")
        MULTIPLE = "multiple", _("Mehrfachauswahl")
        SCALE = "scale", _("Skala 1 bis 5")
        RANKING = "ranking", _("Rangfolge")
        NUMBER = "number", _("Zahl")
        TEXT = "text", _("Freitext")
        DISTRICT = "district", _("Ortsteil")
        AGE_GROUP = "age_group", _("Altersgruppe")
        SEX = "sex", _("Geschlecht")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    page = models.PositiveSmallIntegerField(
        _("Seite"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Auf dem Handy wird Seite für Seite gefragt."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=1)
    kind = models.CharField(_("Fragetyp"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("Frage"), max_length=500)
    help_text = models.CharField(_("Erläuterung"), max_length=500, blank=True)
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    #: Answer options (choice, ranking, Ortsteil); for a scale the five labels 1…5.
    options = models.JSONField(_("Antwortmöglichkeiten"), default=list, blank=True)
    number_min = models.IntegerField(_("kleinste Zahl"), null=True, blank=True)
    number_max = models.IntegerField(_("größte Zahl"), null=True, blank=True)
    condition_question = models.ForeignKey(
        "self",
        verbose_name=_("nur zeigen, wenn bei Frage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependents",
    )
    condition_value = models.CharField(
        _("… diese Antwort gewählt wurde"), max_length=200, blank=True
    )
    #: text, help_text and options per language; the answers always store the German option.
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ["page", "position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def municipality(self):
        return self.survey.project.municipality

    @property
    def is_demographic(self) -> bool:
        return self.kind in (self.Kind.DISTRICT, self.Kind.AGE_GROUP, self.Kind.SEX)


class AccessCode(models.Model):
    """One letter of a random sample: answers once."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=16, unique=True)
    batch = models.PositiveSmallIntegerField(default=1)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Zugangscode")
        verbose_name_plural = _("Zugangscodes")
        ordering = ["batch", "id"]

    def __str__(self) -> str:
        return self.code

    @property
    def municipality(self):
        return self.survey.project.municipality


class Response(models.Model):
    """One completed questionnaire (online, with a code, or entered from paper by staff)."""

    class Origin(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("Papierfragebogen")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    origin = models.CharField(
        _("Herkunft"), max_length=10, choices=Origin.choices, default=Origin.ONLINE
    )
    access_code = models.OneToOneField(
        AccessCode, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    #: Idempotency key of the submission (one per questionnaire filled in on a device):
    #: a double click or a second tab sends it twice, it is stored once. NULL after the
    #: purge (several NULLs do not collide in the unique constraint, "" would).
    submission_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    age_group = models.CharField(
        _("Altersgruppe"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    sex = models.CharField(_("Geschlecht"), max_length=1, choices=Sex.choices, blank=True)
    district = models.CharField(_("Ortsteil"), max_length=80, blank=True)
    language = models.CharField(_("Sprache der Oberfläche"), max_length=10, blank=True)
    consent_at = models.DateTimeField(_("Einwilligung am"), null=True, blank=True)
    consent_version = models.CharField(max_length=20, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Antwortbogen")
        verbose_name_plural = _("Antwortbögen")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "submission_key"],
                name="participation_response_submission_once",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def municipality(self):
        return self.survey.project.municipality


class Answer(ModeratorTranslated):
    """One answer of a questionnaire. A free text is in the response's ``language``; the team
    may add one translation (``ModeratorTranslated``, issue 18)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    #: option index (single, scale 1…5), list of indices (multiple; ranking in order),
    #: number, or text (free text, Ortsteil name).
    value = models.JSONField()
    hidden_reason = models.CharField(_("ausgeblendet, weil"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="participation_answer_once"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.response_id}/{self.question_id}"

    @property
    def municipality(self):
        return self.response.survey.project.municipality


# --- Ideensammlung --------------------------------------------------------------------------

TITLE_MAX_LENGTH = 120
COMMENT_MAX_LENGTH = 1000
#: A sane box around Germany (degrees); a place outside is refused.
GERMANY_BOX = (47.2, 55.1, 5.8, 15.1)  # south, north, west, east


def new_token() -> str:
    return secrets.token_urlsafe(24)


class IdeaCollection(Authored):
    """Module "Ideensammlung" of a project: ideas over weeks, open during its phase."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="idea_collections")
    phase = models.ForeignKey(
        ProjectPhase,
        verbose_name=_("Phase"),
        on_delete=models.CASCADE,
        related_name="idea_collections",
        help_text=_("Ideen, Kommentare und Unterstützung sind in dieser Phase möglich."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    intro = models.TextField(_("Einleitung"), max_length=3000, blank=True)
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Ideensammlung")
        verbose_name_plural = _("Ideensammlungen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self):
        return self.project.municipality

    def get_absolute_url(self) -> str:
        return reverse(
            "participation:ideas",
            kwargs={
                "slug": self.project.municipality.slug,
                "project": self.project.slug,
                "collection": self.pk,
            },
        )


class SchoolClass(Authored):
    """Schulklassen-Modus: a class takes part as ONE group with its class ``code``.

    No personal data of the children: the class appears under ``name``; the teacher gives the
    consent on the teacher page (``teacher_token`` is the secret link, no account) and releases
    or rejects the class's ideas and comments before they go public."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="school_classes")
    name = models.CharField(
        _("Klasse und Schule"),
        max_length=40,
        help_text=_("Wird bei den Ideen der Klasse angezeigt, z. B. „7b Realschule am Park“."),
    )
    teacher_email = models.EmailField(_("E-Mail der Lehrkraft (freiwillig)"), blank=True)
    code = models.CharField(max_length=16, unique=True, default=new_access_code, editable=False)
    teacher_token = models.CharField(max_length=64, unique=True, editable=False)
    valid_until = models.DateField(
        _("Gültig bis"),
        null=True,
        blank=True,
        help_text=_("Leer lassen: gültig, solange die Phase der Ideensammlung läuft."),
    )
    consent_at = models.DateTimeField(_("Einwilligung der Lehrkraft am"), null=True, blank=True)
    consent_version = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("Schulklasse")
        verbose_name_plural = _("Schulklassen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.teacher_token:
            self.teacher_token = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    @property
    def municipality(self):
        return self.project.municipality

    def get_teacher_url(self) -> str:
        return reverse("participation:teacher", kwargs={"token": self.teacher_token})


class IdeaParticipant(models.Model):
    """A pseudonymous person of one idea collection (no account): the device keeps ``token``.
    With ``school_class`` it is the whole class (one group, every device of the class)."""

    collection = models.ForeignKey(
        IdeaCollection, on_delete=models.CASCADE, related_name="participants"
    )
    pseudonym = models.CharField(_("Name oder Spitzname"), max_length=40)
    age_group = models.CharField(
        _("Altersgruppe"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    district = models.CharField(_("Ortsteil"), max_length=80, blank=True)
    consent_at = models.DateTimeField(_("Einwilligung am"), null=True, blank=True)
    consent_version = models.CharField(max_length=20, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    blocked_at = models.DateTimeField(_("gesperrt am"), null=True, blank=True)
    school_class = models.ForeignKey(
        SchoolClass, null=True, blank=True, on_delete=models.CASCADE, related_name="participants"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Teilnehmende Person (Ideensammlung)")
        verbose_name_plural = _("Teilnehmende (Ideensammlung)")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "school_class"], name="participation_class_once"
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def municipality(self):
        return self.collection.project.municipality


class IdeaStatus(models.TextChoices):
    RECEIVED = "received", _("eingegangen")
    REVIEW = "review", _("in Prüfung")
    ADOPTED = "adopted", _("in den Werkstattplan übernommen")
    REJECTED = "rejected", _("nicht umsetzbar")


class Idea(ContributionLanguage):
    """One idea. ``measure`` points up to ``plans.Measure`` by string reference only (the
    participation app must not import ``zwk.plans``); it is set when the team takes the idea
    into the Werkstattplan and kept in the status history."""

    collection = models.ForeignKey(IdeaCollection, on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(
        IdeaParticipant, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    #: Idempotency key of the form: a double click stores the idea once (NULL after the purge).
    submission_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    title = models.CharField(_("Titel"), max_length=TITLE_MAX_LENGTH)
    text = models.TextField(_("Ihre Idee"), max_length=TEXT_MAX_LENGTH)
    theme = models.ForeignKey(
        "municipalities.Theme",
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ImageField(_("Foto"), upload_to="beteiligung/ideen/", blank=True)
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    place = models.CharField(_("Ort oder Adresse"), max_length=200, blank=True)
    district = models.CharField(_("Ortsteil"), max_length=80, blank=True)
    status = models.CharField(
        _("Stand"), max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.RECEIVED
    )
    status_reason = models.TextField(_("Begründung"), max_length=2000, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    measure = models.ForeignKey(
        "plans.Measure",
        verbose_name=_("Maßnahme im Werkstattplan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    official_answer = models.TextField(_("Antwort der Kommune"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("ausgeblendet, weil"), max_length=200, blank=True)
    #: A school class's idea waits (hidden) until the teacher releases it.
    awaiting_teacher = models.BooleanField(_("wartet auf die Lehrkraft"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("zusammengeführt mit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Idee")
        verbose_name_plural = _("Ideen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "submission_key"], name="participation_idea_submission_once"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="participation_idea_place_complete",
            ),
        ]
        indexes = [models.Index(fields=["collection", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "participation:idea",
            kwargs={
                "slug": self.collection.project.municipality.slug,
                "project": self.collection.project.slug,
                "collection": self.collection_id,
                "idea": self.pk,
            },
        )

    @property
    def municipality(self):
        return self.collection.project.municipality

    @property
    def is_public(self) -> bool:
        return not self.hidden_reason and self.merged_into_id is None

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class IdeaStatusChange(models.Model):
    """History of an idea's status, public with its reason and date."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=10, choices=IdeaStatus.choices)
    reason = models.TextField(max_length=2000, blank=True)
    measure = models.ForeignKey(
        "plans.Measure", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Statusänderung einer Idee")
        verbose_name_plural = _("Statusänderungen von Ideen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.status}"

    @property
    def municipality(self):
        return self.idea.collection.project.municipality


class IdeaComment(ContributionLanguage):
    """A comment on an idea, or a reply to one (one level: a reply has no replies)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        IdeaParticipant, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    text = models.TextField(_("Kommentar"), max_length=COMMENT_MAX_LENGTH)
    hidden_reason = models.CharField(_("ausgeblendet, weil"), max_length=200, blank=True)
    awaiting_teacher = models.BooleanField(_("wartet auf die Lehrkraft"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kommentar zu einer Idee")
        verbose_name_plural = _("Kommentare zu Ideen")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "submission_key"], name="participation_comment_submission_once"
            )
        ]
        indexes = [models.Index(fields=["idea", "created_at"])]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def municipality(self):
        return self.idea.collection.project.municipality


class IdeaSupport(models.Model):
    """ "Unterstützen": one per participant and idea (the participant goes at the purge, the
    support stays as a count)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    participant = models.ForeignKey(
        IdeaParticipant, null=True, blank=True, on_delete=models.SET_NULL, related_name="supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Unterstützung")
        verbose_name_plural = _("Unterstützungen")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "participant"], name="participation_support_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}/{self.participant_id}"


class IdeaReport(models.Model):
    """A participant's report of an idea or comment to the moderation."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(
        IdeaComment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    participant = models.ForeignKey(
        IdeaParticipant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("Was ist das Problem?"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def municipality(self):
        return self.idea.collection.project.municipality
