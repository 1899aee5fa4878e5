from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "zwk.profiles"
    label = "profiles"
    verbose_name = _("Kommunalprofil")

    def ready(self):
        from zwk.municipalities import geo
        from zwk.profiles.selectors import region_point

        # new Kommunen take their point from the imported Gemeindeverzeichnis
        geo.register_lookup(region_point)

        # a new Kommune's history projection is computed at once (issue 15), not on its
        # first profile page (a whole Land: seconds)
        from django.db.models.signals import post_save

        from zwk.municipalities.models import Municipality
        from zwk.profiles.receivers import municipality_created

        post_save.connect(municipality_created, sender=Municipality, dispatch_uid="profiles-new")

        # "Kommunalprofil abgeschlossen" needs the Kommune's population figures.
        from zwk.municipalities import step_results
        from zwk.profiles.selectors import has_population_data

        step_results.register(
            "profile", _("Bevölkerungsdaten der Kommune im Kommunalprofil"), has_population_data
        )
