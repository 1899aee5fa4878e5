from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """Vernetzung (part of the Austausch): related Kommunen, contact between Kommunen, threads."""

    name = "zwk.network"
    label = "network"
    verbose_name = _("Vernetzung")

    def ready(self) -> None:
        from zwk.core import personal_data
        from zwk.network import services

        personal_data.register(
            "network",
            label=_("Vernetzung und Diskussionen"),
            export=services.export_user,
            erase=services.erase_user,
            purpose=_(
                "Kontakt zwischen Kommunen (weitergeleitete Nachrichten), Diskussionsbeiträge, "
                "Meldungen und Benachrichtigungen per E-Mail"
            ),
            retention=_(
                "Nachrichten und Beiträge solange das Programm läuft; bei Löschung des Kontos "
                "werden Beiträge anonymisiert („gelöschtes Konto“), Abonnements gelöscht"
            ),
        )
