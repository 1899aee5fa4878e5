from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

#: Rate limits of the Ideensammlung (``zwk.core.ratelimit``), unless ``settings.RATE_LIMITS``
#: (or the ``RATE_LIMITS`` environment variable) names them: ideas and comments per
#: participant, introductions and reports per client address.
IDEA_RATE_LIMITS = {
    "participation.idea": "10/1h;30/1d",
    "participation.comment": "20/10m;100/1d",
    "participation.idea_join": "30/10m",
    "participation.report": "20/1h",
}


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
        for name, spec in IDEA_RATE_LIMITS.items():
            settings.RATE_LIMITS.setdefault(name, spec)
