from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultingConfig(AppConfig):
    """Beratungspool: consultant profiles, consulting requests and day budgets."""

    name = "zwk.consulting"
    label = "consulting"
    verbose_name = _("Beratungspool")
