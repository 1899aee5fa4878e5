from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """Open API /api/v1/: public read API and token-authenticated API for a Kommune's own data."""

    name = "zwk.api"
    label = "api"
    verbose_name = _("Offene Schnittstelle (API)")

    def ready(self) -> None:
        from zwk.api import services
        from zwk.core import personal_data

        personal_data.register(
            "api",
            label=_("API-Tokens"),
            export=services.personal_data_export,
            erase=services.personal_data_erase,
            purpose=_("Zugriff von Programmen auf die Daten der eigenen Kommune"),
            retention=_(
                "bis zum Löschen des Kontos; widerrufene Tokens bleiben zur Nachvollziehbarkeit"
            ),
        )
