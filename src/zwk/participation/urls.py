"""Public pages: /beteiligung/<Kommune>/<Projekt>/…"""

from django.urls import path

from zwk.participation import idea_views
from zwk.participation import public_views as views

app_name = "participation"

p = "<slug:slug>/<slug:project>/"
s = p + "umfrage/<int:survey>/"
i = p + "ideen/<int:collection>/"
d = i + "<int:idea>/"

urlpatterns = [
    path("", views.open_list, name="open_list"),
    path(p, views.project, name="project"),
    path(s, views.survey_start, name="survey"),
    path(s + "seite/<int:page>/", views.survey_page, name="survey_page"),
    path(s + "fertig/", views.survey_done, name="survey_done"),
    path(i, idea_views.ideas, name="ideas"),
    path(i + "karte/", idea_views.ideas_map, name="ideas_map"),
    path(i + "vorstellen/", idea_views.join, name="ideas_join"),
    path(i + "neu/", idea_views.idea_create, name="idea_create"),
    path(d, idea_views.idea_detail, name="idea"),
    path(d + "unterstuetzen/", idea_views.idea_support, name="idea_support"),
    path(d + "kommentieren/", idea_views.idea_comment, name="idea_comment"),
    path(d + "melden/", idea_views.idea_report, name="idea_report"),
    path(d + "foto/", idea_views.idea_photo, name="idea_photo"),
]
