"""Top-level URLs. German paths are stable (see DESIGN.md)."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from zwk import views
from zwk.municipalities import views as municipality_views
from zwk.privacy import views as privacy_views

admin.site.site_header = "ZWK – Verwaltung"
admin.site.site_title = "ZWK"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("zwk.accounts.urls")),
    path("einladung/<str:token>/", municipality_views.invitation_accept, name="invitation_accept"),
    path("kommunen/<slug:slug>/profil/", include("zwk.profiles.urls")),
    path("kommunen/<slug:slug>/analyse/", include("zwk.situation.urls")),
    path("kommunen/<slug:slug>/werkstatt/", include("zwk.workshops.urls")),
    path("mitmachen/", include("zwk.workshops.participant_urls")),
    path("kommunen/<slug:slug>/beteiligung/", include("zwk.participation.team_urls")),
    path("beteiligung/", include("zwk.participation.urls")),
    path("kommunen/<slug:slug>/plan/entwurf/", include("zwk.consultation.urls")),
    path("kommunen/<slug:slug>/plan/", include("zwk.plans.urls")),
    path("kommunen/<slug:slug>/bilanz/", include("zwk.plans.review.urls")),
    path("kommunen/<slug:slug>/ergebnisse/", include("zwk.accountability.urls")),
    path("kommunen/<slug:slug>/demografie-check/", include("zwk.decisions.urls")),
    path("werkzeugkoffer/", include("zwk.toolbox.urls")),
    path("kommunen/", include("zwk.municipalities.urls")),
    path("beratung/", include("zwk.consulting.urls")),
    # Related Kommunen, contact and threads live in their own app below the same /austausch/.
    path("austausch/netzwerk/", include("zwk.network.urls")),
    path("austausch/", include("zwk.exchange.urls")),
    path("newsletter/", include("zwk.newsletter.urls")),
    path("datenschutz/", include("zwk.privacy.urls")),
    path("impressum/", privacy_views.imprint, name="imprint"),
    # Barrierefreiheit (BITV 2.0): statement with feedback, Leichte Sprache, Gebärdensprache.
    path("", include("zwk.privacy.accessibility_urls")),
    path("api/v1/", include("zwk.api.urls")),
    # Mitteilungen: /geschaeftsstelle/mitteilungen/ and /kommunen/<slug>/mitteilungen/ (own paths).
    path("", include("zwk.announcements.urls")),
    path("kommune-anmelden/", include("zwk.registration.urls")),
    path("geschaeftsstelle/", include("zwk.registration.office_urls")),
    path("geschaeftsstelle/", include("zwk.office.urls")),
    path("sprache/", set_language, name="set_language"),
    path("verwaltung/", admin.site.urls),
]
