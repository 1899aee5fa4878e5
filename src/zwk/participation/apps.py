from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "zwk.participation"
    label = "participation"
    verbose_name = _("Beteiligung")

    def ready(self) -> None:
        from zwk.core import hooks
        from zwk.participation import rules  # noqa: F401  (registers the permissions)
        from zwk.participation.sections import render_open_projects

        hooks.slot(hooks.PARTICIPATE_SECTIONS).register(render_open_projects)
