from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from zwk.api import views

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("dokumentation/", views.documentation, name="docs"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
    # Public data
    path("kommunen/", views.MunicipalityList.as_view(), name="municipalities"),
    path("kommunen/<slug:slug>/", views.MunicipalityDetail.as_view(), name="municipality"),
    path("kommunen/<slug:slug>/profil/", views.ProfileIndicators.as_view(), name="profile"),
    path(
        "kommunen/<slug:slug>/vorausberechnung/",
        views.ProfileProjection.as_view(),
        name="projection",
    ),
    path("kommunen/<slug:slug>/werkstattplan/", views.PlanDetail.as_view(), name="plan"),
    path("werkstattplaene/", views.PlanList.as_view(), name="plans"),
    path("werkzeuge/", views.EntryList.as_view(), name="entries"),
    path("werkzeuge/<slug:slug>/", views.EntryDetail.as_view(), name="entry"),
    path("veranstaltungen/", views.EventList.as_view(), name="events"),
    path("veranstaltungen/<int:pk>/", views.EventDetail.as_view(), name="event"),
    # A Kommune's own data (token)
    path("intern/kommunen/", views.OwnMunicipalityList.as_view(), name="own_municipalities"),
    path(
        "intern/kommunen/<slug:slug>/",
        views.OwnMunicipalityDetail.as_view(),
        name="own_municipality",
    ),
    path("intern/kommunen/<slug:slug>/profil/", views.OwnProfile.as_view(), name="own_profile"),
    path("intern/kommunen/<slug:slug>/werkstattplan/", views.OwnPlan.as_view(), name="own_plan"),
]
