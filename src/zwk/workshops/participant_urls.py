"""Participant side: /mitmachen/<code>/ – by link or QR code, without an account."""

from django.urls import path

from zwk.workshops import participant_data_views as my_data
from zwk.workshops import participant_views as views
from zwk.workshops import stream

app_name = "participate"

c = "<slug:code>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(c, views.entry, name="entry"),
    path(c + "datenschutz/", views.privacy, name="privacy"),
    path(c + "live/", views.live_region, name="live"),
    path(c + "ereignisse/", stream.participant_stream, name="stream"),
    path(c + "karten/", views.card_create, name="card_create"),
    path(c + "karten/<int:card>/punkt/", views.vote, name="vote"),
    path(c + "karten/<int:card>/punkt-zurueck/", views.unvote, name="unvote"),
    path(c + "karten/<int:card>/foto/", views.card_photo, name="card_photo"),
    path(c + "leichte-sprache/", views.plain_language, name="plain_language"),
    path(c + "meine-daten/", my_data.my_data, name="my_data"),
    path(c + "meine-daten/datei.<slug:fmt>", my_data.my_data_download, name="my_data_download"),
    path(c + "meine-daten/loeschen/", my_data.my_data_delete, name="my_data_delete"),
]
