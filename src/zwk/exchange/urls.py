from django.urls import path, re_path

from zwk.exchange import views

app_name = "exchange"

e = "veranstaltung/<int:pk>/"
r = "anmeldung/<str:token>/"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("kalender.ics", views.calendar_feed, name="calendar"),
    path("neu/", views.event_create, name="create"),
    path(e, views.event_detail, name="detail"),
    path(e + "anmelden/", views.event_register, name="register"),
    path(e + "termin.ics", views.event_ics, name="ics"),
    path(e + "folien/", views.slides, name="slides"),
    path(e + "bearbeiten/", views.event_edit, name="edit"),
    path(e + "absagen/", views.event_cancel, name="cancel"),
    path(e + "teilnehmende/", views.attendees, name="attendees"),
    re_path(
        r"^veranstaltung/(?P<pk>[0-9]+)/teilnehmende\.(?P<fmt>csv|xlsx)$",
        views.attendees_export,
        name="attendees_export",
    ),
    path(e + "dokumentation/", views.documentation, name="documentation"),
    path(r, views.registration, name="registration"),
    path(r + "termin.ics", views.registration_ics, name="registration_ics"),
    path(r + "stornieren/", views.registration_cancel, name="registration_cancel"),
]
