"""/barrierefreiheit/, /leichte-sprache/, /gebaerdensprache/ (stable paths, see DESIGN.md)."""

from django.urls import path

from zwk.privacy import accessibility_views as views

app_name = "accessibility"

urlpatterns = [
    path("barrierefreiheit/", views.statement, name="statement"),
    path("barrierefreiheit/danke/", views.feedback_done, name="feedback_done"),
    path("barrierefreiheit/rueckmeldungen/", views.feedback_list, name="feedback_list"),
    path(
        "barrierefreiheit/rueckmeldungen/<int:pk>/erledigt/",
        views.feedback_mark_done,
        name="feedback_mark_done",
    ),
    path("leichte-sprache/", views.easy_language, name="easy_language"),
    path("gebaerdensprache/", views.sign_language, name="sign_language"),
]
