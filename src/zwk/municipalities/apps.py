from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "zwk.municipalities"
    label = "municipalities"
    verbose_name = _("Kommunen und Prozess")

    def ready(self) -> None:
        from zwk.municipalities import step_results

        step_results.register(
            "kickoff", _("Team und Akteure des Kick-offs"), step_results.has_kickoff_team
        )
        step_results.register(
            "kickoff", _("die vereinbarten Ziele"), step_results.has_kickoff_goals
        )
