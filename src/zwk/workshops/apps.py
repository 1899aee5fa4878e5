from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "zwk.workshops"
    label = "workshops"
    verbose_name = _("Zukunftswerkstatt")

    def ready(self) -> None:
        # "Zukunftswerkstatt abgeschlossen" needs a finished workshop.
        from zwk.municipalities import step_results
        from zwk.workshops.selectors import has_finished_workshop

        step_results.register(
            "workshop", _("eine abgeschlossene Zukunftswerkstatt"), has_finished_workshop
        )
