from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Austausch: related Kommunen, contact, online formats and events, discussion threads."""

    name = "zwk.exchange"
    label = "exchange"
    verbose_name = _("Austausch und Online-Formate")
