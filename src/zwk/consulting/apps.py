from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultingConfig(AppConfig):
    """Beratungspool: consultant profiles, consulting requests and day budgets."""

    name = "zwk.consulting"
    label = "consulting"
    verbose_name = _("Beratungspool")

    def ready(self) -> None:
        from zwk.consulting import services
        from zwk.consulting.selectors import personal_data_of
        from zwk.core import personal_data

        personal_data.register(
            "consulting",
            label=_("Beratungspool"),
            export=personal_data_of,
            erase=services.personal_data_erase,
            purpose=_(
                "Vermittlung von Beratung an Kommunen (Beratungsprofil) und Abrechnung der "
                "Beratungstage"
            ),
            retention=_(
                "Profil bis zum Ausscheiden aus dem Pool; Beratungstage zehn Jahre "
                "(Aufbewahrungsfrist für Abrechnungsbelege), danach ohne Personenbezug"
            ),
        )
