from django.urls import path

from zwk.consulting import views

app_name = "consulting"

REQ = "anfragen/<slug:slug>/<int:pk>/"

urlpatterns = [
    path("", views.pool, name="pool"),
    path("berater/<int:pk>/", views.profile_detail, name="profile"),
    path("berater/<int:pk>/foto/", views.profile_photo, name="photo"),
    path("berater/<int:pk>/bearbeiten/", views.profile_edit, name="profile_edit"),
    path("mein-profil/", views.my_profile, name="my_profile"),
    path("meine-anfragen/", views.my_requests, name="my_requests"),
    path("anfragen/", views.inbox, name="inbox"),
    path("anfragen/<slug:slug>/", views.municipality_requests, name="requests"),
    path("anfragen/<slug:slug>/neu/", views.request_create, name="request_create"),
    path(REQ, views.request_detail, name="request"),
    path(REQ + "zuweisen/", views.request_assign, name="request_assign"),
    path(REQ + "annehmen/", views.request_accept, name="request_accept"),
    path(REQ + "ablehnen/", views.request_decline, name="request_decline"),
    path(REQ + "abschliessen/", views.request_complete, name="request_complete"),
    path(REQ + "zurueckziehen/", views.request_withdraw, name="request_withdraw"),
    path(REQ + "tage/", views.log_add, name="log_add"),
    path(REQ + "tage/<int:log>/loeschen/", views.log_delete, name="log_delete"),
    path("budgets/", views.budgets, name="budgets"),
    path("budgets/<slug:slug>/", views.budget_edit, name="budget_edit"),
    path("abrechnung/<int:year>.csv", views.export_csv, name="export_csv"),
    path("abrechnung/<int:year>.xlsx", views.export_xlsx, name="export_xlsx"),
]
