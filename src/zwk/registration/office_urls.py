from django.urls import path

from zwk.registration import office_views as views

app_name = "registration_office"

urlpatterns = [
    path("anmeldungen/", views.queue, name="queue"),
    path("anmeldungen/<int:pk>/", views.detail, name="detail"),
    path("anmeldungen/<int:pk>/freigeben/", views.approve, name="approve"),
    path("anmeldungen/<int:pk>/ablehnen/", views.reject, name="reject"),
    path("foerderrunden/", views.rounds, name="rounds"),
    path("foerderrunden/<int:pk>/", views.round_detail, name="round_detail"),
    path("foerderrunden/<int:pk>/aufnehmen/", views.round_assign, name="round_assign"),
    path(
        "foerderrunden/<int:pk>/kommunen/<slug:slug>/entfernen/",
        views.round_remove,
        name="round_remove",
    ),
    path("foerderrunden/<int:pk>/bericht/", views.round_report, name="round_report"),
    path("foerderrunden/<int:pk>/bericht.xlsx", views.round_report_xlsx, name="round_report_xlsx"),
    path("erklaervideos/", views.videos, name="videos"),
    path("erklaervideos/<int:pk>/loeschen/", views.video_delete, name="video_delete"),
]
