from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """Vernetzung (part of the Austausch): related Kommunen, contact between Kommunen, threads."""

    name = "zwk.network"
    label = "network"
    verbose_name = _("Vernetzung")
