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
        # The workshop's votes weighted like a survey (issue 17): a section on its console.
        from zwk.participation.report_views import render_workshop_section

        hooks.slot("workshops.results.sections").register(render_workshop_section)
