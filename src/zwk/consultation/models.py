"""Entwurf diskutieren: the public consultation of the draft Werkstattplan.

Not to be confused with ``plans.Comment`` – those are the *internal* remarks of team,
coordination, consultants and office ("Abstimmung und Beschluss"), never public. Here the
public comments on the draft: a ``Consultation`` is one period (dates) in which everyone may
comment on the plan's vision (Leitbild), its goals and its measures, section by section.

A ``PublicComment`` is pseudonymous like a survey answer or a workshop card: pseudonym,
optional age group and Ortsteil, the consent record – no account, no name. It names its
section by kind and id and keeps the section's title as it was, so a summary still reads
well when a goal is renamed or a measure is removed later. One level of replies (a reply's
parent is never itself a reply). The team answers officially (``answer``) or hides a comment
with a reason; closing writes ``summary`` (counts per section, key points of the team) –
shown in the plan's version history and the council report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zwk.core.content_language import ContributionLanguage
from zwk.core.models import Authored
from zwk.participation.models import AgeGroup

BODY_MAX_LENGTH = 2000
PSEUDONYM_MAX_LENGTH = 40


class Consultation(Authored):
    class State(models.TextChoices):
        PENDING = "pending", _("beginnt noch")
        OPEN = "open", _("offen")
        CLOSED = "closed", _("beendet")

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="public_consultations"
    )
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende (letzter Tag)"))
    intro = models.TextField(
        _("Einleitung für die Öffentlichkeit"),
        max_length=2000,
        blank=True,
        help_text=_("Worum geht es, was passiert mit den Kommentaren?"),
    )
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    key_points = models.TextField(_("Wichtigste Punkte"), max_length=4000, blank=True)
    summary = models.JSONField(_("Zusammenfassung"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Diskussion des Entwurfs")
        verbose_name_plural = _("Diskussionen des Entwurfs")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="consultation_dates_ordered"
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(closed_at__isnull=True),
                name="consultation_one_running_per_plan",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Diskussion vom %(a)s bis %(b)s")
            % {"a": self.starts_on.strftime("%d.%m.%Y"), "b": self.ends_on.strftime("%d.%m.%Y")}
        )

    @property
    def municipality(self):
        return self.plan.municipality

    def state(self, today=None) -> str:
        today = today or timezone.localdate()
        if self.closed_at is not None or today > self.ends_on:
            return self.State.CLOSED
        if today < self.starts_on:
            return self.State.PENDING
        return self.State.OPEN

    @property
    def state_label(self) -> str:
        return str(self.State(self.state()).label)

    @property
    def is_open(self) -> bool:
        return self.state() == self.State.OPEN

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def get_absolute_url(self) -> str:
        return reverse("consultation:draft", kwargs={"slug": self.plan.municipality.slug})


class PublicComment(ContributionLanguage):
    """``language``/``moderator_translation``: the interface language at writing time and one
    translation by the team (issue 18, ``ContributionLanguage``)."""

    class Section(models.TextChoices):
        VISION = "vision", _("Leitbild")
        GOAL = "goal", _("Ziel")
        MEASURE = "measure", _("Maßnahme")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    section = models.CharField(_("Abschnitt"), max_length=10, choices=Section.choices)
    section_ref = models.PositiveIntegerField(null=True, blank=True)
    section_title = models.CharField(_("Titel des Abschnitts"), max_length=300)
    pseudonym = models.CharField(_("Name oder Spitzname"), max_length=PSEUDONYM_MAX_LENGTH)
    age_group = models.CharField(
        _("Altersgruppe"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    district = models.CharField(_("Ortsteil"), max_length=80, blank=True)
    body = models.TextField(_("Kommentar"), max_length=BODY_MAX_LENGTH)
    consent_at = models.DateTimeField(_("Einwilligung am"))
    consent_version = models.CharField(_("Fassung des Datenschutzhinweises"), max_length=20)
    submission_key = models.CharField(max_length=64)
    reports = models.PositiveIntegerField(_("gemeldet"), default=0)
    hidden_reason = models.CharField(_("Grund des Ausblendens"), max_length=200, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("Antwort des Teams"), max_length=BODY_MAX_LENGTH, blank=True)
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("geschrieben am"), auto_now_add=True)

    class Meta:
        verbose_name = _("öffentlicher Kommentar zum Entwurf")
        verbose_name_plural = _("öffentliche Kommentare zum Entwurf")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "submission_key"], name="public_comment_submitted_once"
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def municipality(self):
        return self.consultation.plan.municipality

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)

    @property
    def shown_name(self) -> str:
        """The pseudonym – "anonym" once the retention period removed it (``retention``)."""
        return self.pseudonym or str(_("anonym"))

    @property
    def section_key(self) -> str:
        return f"{self.section}-{self.section_ref}" if self.section_ref else self.section
