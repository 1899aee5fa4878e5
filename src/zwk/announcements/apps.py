from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    """Mitteilungen der Geschäftsstelle an alle oder ausgewählte Kommunen: per E-Mail und als
    Hinweis auf der Arbeitsseite der Kommune."""

    name = "zwk.announcements"
    label = "announcements"
    verbose_name = _("Mitteilungen")

    def ready(self) -> None:
        from zwk.announcements import notices, privacy
        from zwk.core import hooks, personal_data

        hooks.slot(hooks.WORKSPACE_SECTIONS).register(notices.render_notices)
        personal_data.register(
            "announcements",
            label=_("Mitteilungen an Kommunen"),
            export=privacy.export_user,
            erase=privacy.erase_user,
            purpose=_(
                "Mitteilungen der Geschäftsstelle an die Kommunen: wer sie verfasst hat und wer "
                "sie für seine Kommune als gelesen markiert hat"
            ),
            retention=_("solange die Mitteilung besteht; bei Löschung des Kontos anonymisiert"),
        )
