from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "zwk.accounts"
    label = "accounts"
    verbose_name = _("Konten und Rechte")

    def ready(self) -> None:
        from zwk.accounts import (
            checks,  # noqa: F401  (registers the deploy checks)
            signals,  # noqa: F401  (connects audit receivers)
        )
