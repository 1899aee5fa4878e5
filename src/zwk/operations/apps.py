from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Operating the platform: backup and restore (more with the operations issue)."""

    name = "zwk.operations"
    label = "operations"
    verbose_name = _("Betrieb")
