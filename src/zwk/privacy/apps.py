from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data protection: privacy notice, imprint, consent, export, deletion, retention, processing register."""

    name = "zwk.privacy"
    label = "privacy"
    verbose_name = _("Datenschutz")
