from django.urls import path

from zwk.newsletter import views

app_name = "newsletter"

i = "ausgaben/<int:pk>/"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("anmeldung-gesendet/", views.signup_done, name="signup_done"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("einstellungen/<str:token>/", views.preferences, name="preferences"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("archiv/", views.archive, name="archive"),
    path("archiv/<int:pk>/", views.archive_detail, name="archive_detail"),
    path("feed/", views.feed, name="feed"),
    path("ausgaben/", views.issue_list, name="issue_list"),
    path("ausgaben/neu/", views.issue_create, name="issue_create"),
    path(i, views.issue_detail, name="issue_detail"),
    path(i + "bearbeiten/", views.issue_edit, name="issue_edit"),
    path(i + "vorschau/", views.issue_preview_html, name="issue_preview"),
    path(i + "test/", views.issue_test, name="issue_test"),
    path(i + "planen/", views.issue_schedule, name="issue_schedule"),
    path(i + "planung-aufheben/", views.issue_unschedule, name="issue_unschedule"),
    path(i + "versenden/", views.issue_send, name="issue_send"),
    path(i + "loeschen/", views.issue_delete, name="issue_delete"),
]
