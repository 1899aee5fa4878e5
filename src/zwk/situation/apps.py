from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    """Situationsanalyse of the Kommunalprofil step: Bestandsaufnahme, SWOT, interviews,
    candidate Handlungsfelder – the qualitative half next to the statistics in ``profiles``."""

    name = "zwk.situation"
    label = "situation"
    verbose_name = _("Situationsanalyse")

    def ready(self) -> None:
        from zwk.core import hooks
        from zwk.situation.profile_section import render_section

        hooks.slot(hooks.PROFILE_SECTIONS).register(render_section)
