from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Austausch: the programme's online formats and events – registration, waiting list,
    access link, reminders, attendance and documentation (Kommunen talking to each other is
    ``zwk.network``)."""

    name = "zwk.exchange"
    label = "exchange"
    verbose_name = _("Austausch und Online-Formate")

    def ready(self) -> None:
        from zwk.core import personal_data
        from zwk.exchange import services

        personal_data.register(
            "exchange",
            label=_("Veranstaltungen (Anmeldungen)"),
            export=services.export_user,
            erase=services.erase_user,
            purpose=_(
                "Organisation von Online-Formaten und Veranstaltungen: Anmeldung, Warteliste, "
                "Zugangslink, Erinnerung, Teilnahmeliste"
            ),
            retention=_(
                "Name und E-Mail-Adresse werden 12 Monate nach der Veranstaltung anonymisiert "
                "(Befehl anonymise_event_registrations)."
            ),
        )
