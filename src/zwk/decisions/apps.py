from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    """Demografie-Check of council decisions: guided form, result page and PDF, versions."""

    name = "zwk.decisions"
    label = "decisions"
    verbose_name = _("Demografie-Check")

    def ready(self) -> None:
        from zwk.core import personal_data
        from zwk.decisions import rules  # noqa: F401  (named permissions)
        from zwk.decisions.selectors import personal_data_of
        from zwk.decisions.services import erase_author

        personal_data.register(
            "decisions",
            label=_("Demografie-Checks"),
            export=personal_data_of,
            erase=erase_author,
            purpose=_(
                "Nachvollziehbar machen, wer eine Fassung eines Demografie-Checks angelegt hat."
            ),
            retention=_(
                "Solange der Check besteht; beim Löschen des Kontos wird der Name entfernt."
            ),
        )
