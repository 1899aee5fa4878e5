from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """Open API /api/v1/: public read API and token-authenticated API for a Kommune's own data."""

    name = "zwk.api"
    label = "api"
    verbose_name = _("Offene Schnittstelle (API)")
