from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "zwk.registration"
    label = "registration"
    verbose_name = _("Anmeldung von Kommunen und Förderrunden")

    def ready(self):
        from zwk.core import hooks, personal_data
        from zwk.registration import personal, sections
        from zwk.registration.rounds import FundingRounds

        # the Beratungspool asks whether a Kommune may have a consulting budget in a year
        hooks.provide(hooks.FUNDING_ROUNDS, FundingRounds())
        # a newly registered Kommune is greeted with its first step
        hooks.slot(hooks.WORKSPACE_SECTIONS).register(sections.render_welcome)
        # every step page: explanation, common mistakes, examples, explainer video
        hooks.slot(hooks.STEP_SECTIONS).register(sections.render_step_guide)
        # the PLZ search: each imported Gemeindeverzeichnis brings the PLZ of the Gemeinden
        from zwk.profiles.signals import gemeindeverzeichnis_imported
        from zwk.registration.services import postal_codes_from_gemeindeverzeichnis

        gemeindeverzeichnis_imported.connect(
            postal_codes_from_gemeindeverzeichnis, dispatch_uid="registration-postal-codes"
        )
        personal_data.register(
            "registration",
            label=_("Anmeldung von Kommunen"),
            export=personal.export_user,
            erase=personal.erase_user,
            purpose=_("Prüfung der Anmeldung einer Kommune durch die Geschäftsstelle"),
            retention=_("bis zur Löschung des Kontos oder auf Bitte der Person"),
        )
