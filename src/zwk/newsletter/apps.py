from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """Newsletter: double opt-in, issues, batched sending, archive and feed."""

    name = "zwk.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from zwk.core import personal_data
        from zwk.newsletter import privacy

        personal_data.register(
            "newsletter",
            label=_("Newsletter"),
            export=privacy.export_user,
            erase=privacy.erase_user,
            purpose=_("Versand des Newsletters an Personen, die ihn bestellt haben"),
            retention=_(
                "bis zur Abmeldung; danach bleiben Adresse und Einwilligungsnachweise als "
                "Nachweis des Widerrufs gespeichert, bis die Löschung verlangt wird"
            ),
        )
