from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Werkstattplan (step 4) and Zwischenbilanz (step 5): measures, goals, indicators, review."""

    name = "zwk.plans"
    label = "plans"
    verbose_name = _("Werkstattplan und Zwischenbilanz")
