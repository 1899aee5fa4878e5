from django.apps import AppConfig
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Entwurf diskutieren: the public comments on the draft Werkstattplan."""

    name = "zwk.consultation"
    label = "consultation"
    verbose_name = _("Entwurf diskutieren")

    def ready(self) -> None:
        from zwk.consultation import (
            retention,
            rules,  # noqa: F401  (registers the permissions)
            sections,
            services,
        )
        from zwk.core import hooks, personal_data
        from zwk.participation.retention import PURGE_JOBS

        personal_data.register(
            "consultation",
            label=_("Entwurf diskutieren"),
            export=services.personal_data_of,
            erase=services.personal_data_erase,
            purpose=_(
                "Öffentliche Diskussion des Werkstattplan-Entwurfs (Kommentare unter Namen oder "
                "Spitznamen, Antworten des Teams)"
            ),
            retention=format_lazy(
                _(
                    "Name oder Spitzname, Altersgruppe, Ortsteil und Einwilligung bis {days} Tage "
                    "nach dem Ende der Diskussion, danach „anonym“; Kommentare und Antworten, "
                    "solange der Werkstattplan der Kommune besteht; wer im Team geantwortet hat, "
                    "wird beim Löschen des Kontos entfernt"
                ),
                days=settings.CONSULTATION_RETENTION_DAYS,
            ),
        )
        # The daily purge of the Beteiligung also anonymises old comments on the draft.
        hooks.slot(PURGE_JOBS).register(retention.comments_purge)

        hooks.slot(hooks.PLAN_SECTIONS).register(sections.render_plan_section)
        hooks.slot(hooks.PARTICIPATE_SECTIONS).register(sections.render_open_consultations)
        hooks.slot(hooks.WORKSPACE_SECTIONS).register(sections.render_workspace)
