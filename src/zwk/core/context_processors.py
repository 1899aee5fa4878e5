"""Values every page needs: the navigation entries the user may see."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def platform(request: HttpRequest) -> dict:
    user = request.user
    nav = [(reverse("home"), _("Start")), (reverse("toolbox:list"), _("Werkzeugkoffer"))]
    nav.append((reverse("exchange:list"), _("Austausch")))  # online formats and events
    if user.is_authenticated:
        nav.append((reverse("municipalities:list"), _("Kommunen")))
        if user.has_perm("accounts.view_office_area"):
            nav.append((reverse("office:dashboard"), _("Geschäftsstelle")))
    return {"main_navigation": nav, "platform_name": "ZWK"}
