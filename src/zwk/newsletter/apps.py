from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """Newsletter: double opt-in, issues, batched sending, archive and feed."""

    name = "zwk.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")
