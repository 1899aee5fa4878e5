"""Privacy notice and imprint as versioned texts the office edits (the legal texts change
rarely, but consent records elsewhere refer to a version, so old versions are kept)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalText(models.Model):
    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Datenschutzhinweis")
        IMPRINT = "imprint", _("Impressum")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("Version"))
    body = models.TextField(
        _("Text"), help_text=_("Erlaubt: Absätze, Überschriften, Listen, Links.")
    )
    created_at = models.DateTimeField(_("gespeichert am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Rechtstext")
        verbose_name_plural = _("Rechtstexte")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="privacy_legaltext_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class AccessibilityFeedback(models.Model):
    """A barrier someone reported through the feedback form of the accessibility statement
    (§ 12b BGG / BITV 2.0 § 7: a feedback mechanism). The office answers and marks it done."""

    page = models.CharField(_("Seite"), max_length=300, blank=True)
    message = models.TextField(_("Beschreibung der Barriere"), max_length=5000)
    name = models.CharField(_("Name"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True)
    done = models.BooleanField(_("erledigt"), default=False)

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")
        ordering = ["done", "-created_at"]

    def __str__(self) -> str:
        return str(_("Rückmeldung vom %(date)s")) % {"date": f"{self.created_at:%d.%m.%Y}"}
