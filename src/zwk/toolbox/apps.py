from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "zwk.toolbox"
    label = "toolbox"
    verbose_name = _("Werkzeugkoffer")

    def ready(self) -> None:
        from zwk.core import hooks
        from zwk.toolbox.sharing import BestPractices

        # a lesson of the Zwischenbilanz shared as a best practice (plans.review.lessons)
        hooks.provide(hooks.BEST_PRACTICES, BestPractices())
