from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data protection: privacy notice, imprint, consent, export, deletion, retention, processing register."""

    name = "zwk.privacy"
    label = "privacy"
    verbose_name = _("Datenschutz")

    def ready(self) -> None:
        from zwk.core import personal_data
        from zwk.privacy import selectors, services

        personal_data.register(
            "accessibility",
            label=_("Rückmeldungen zur Barrierefreiheit"),
            export=selectors.export_accessibility_feedback,
            erase=services.erase_accessibility_feedback,
            purpose=_("Rückmeldungen zu Barrieren auf der Plattform beantworten"),
            retention=_("bis die Rückmeldung erledigt ist, höchstens 2 Jahre"),
        )
