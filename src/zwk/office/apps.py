from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    name = "zwk.office"
    label = "office"
    verbose_name = _("Geschäftsstelle")

    def ready(self):
        from zwk.office import cache

        cache.connect()
