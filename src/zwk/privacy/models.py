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
