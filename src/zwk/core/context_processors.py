"""Values every page needs: the navigation entries the user may see."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def platform(request: HttpRequest) -> dict:
    # Error pages rendered before AuthenticationMiddleware ran (e.g. 400 for a bad Host
    # header) have no request.user – they must still render, not turn into a 500.
    user = getattr(request, "user", None) or AnonymousUser()
    nav = [(reverse("home"), _("Start")), (reverse("toolbox:list"), _("Werkzeugkoffer"))]
    nav.append((reverse("exchange:list"), _("Austausch")))  # online formats and events
    if user.is_authenticated:
        nav.append((reverse("municipalities:list"), _("Kommunen")))
        if user.has_perm("consulting.view_pool"):  # Beratungspool: programme members only
            nav.append((reverse("consulting:pool"), _("Beratungspool")))
        if user.has_perm("accounts.view_office_area"):
            nav.append((reverse("office:dashboard"), _("Geschäftsstelle")))
    return {"main_navigation": nav, "platform_name": "ZWK"}
