from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Entwurf diskutieren: the public comments on the draft Werkstattplan."""

    name = "zwk.consultation"
    label = "consultation"
    verbose_name = _("Entwurf diskutieren")

    def ready(self) -> None:
        from zwk.consultation import (
            rules,  # noqa: F401  (registers the permissions)
            sections,
            services,
        )
        from zwk.core import hooks, personal_data

        personal_data.register(
            "consultation",
            label=_("Entwurf diskutieren"),
            export=services.personal_data_of,
            erase=services.personal_data_erase,
            purpose=_(
                "Öffentliche Diskussion des Werkstattplan-Entwurfs (Kommentare unter Namen oder "
                "Spitznamen, Antworten des Teams)"
            ),
            retention=_(
                "solange der Werkstattplan der Kommune besteht; wer im Team geantwortet hat, "
                "wird beim Löschen des Kontos entfernt"
            ),
        )

        hooks.slot(hooks.PLAN_SECTIONS).register(sections.render_plan_section)
        hooks.slot(hooks.PARTICIPATE_SECTIONS).register(sections.render_open_consultations)
        hooks.slot(hooks.WORKSPACE_SECTIONS).register(sections.render_workspace)
