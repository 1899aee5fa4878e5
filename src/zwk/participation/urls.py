"""Public pages: /beteiligung/<Kommune>/<Projekt>/…"""

from django.urls import path

from zwk.participation import class_views, idea_views
from zwk.participation import public_views as views

app_name = "participation"

p = "<slug:slug>/<slug:project>/"
s = p + "umfrage/<int:survey>/"
i = p + "ideen/<int:collection>/"
d = i + "<int:idea>/"

urlpatterns = [
    path("", views.open_list, name="open_list"),
    # Before <Kommune>/<Projekt>/: the secret link of a class's teacher (no account).
    path("lehrkraft/<str:token>/", class_views.teacher, name="teacher"),
    path(
        "lehrkraft/<str:token>/einwilligung/", class_views.teacher_consent, name="teacher_consent"
    ),
    path("lehrkraft/<str:token>/entscheiden/", class_views.teacher_decide, name="teacher_decide"),
    path(p, views.project, name="project"),
    path(p + "schulklassen/neu/", class_views.class_create, name="class_create"),
    path(s, views.survey_start, name="survey"),
    path(s + "seite/<int:page>/", views.survey_page, name="survey_page"),
    path(s + "fertig/", views.survey_done, name="survey_done"),
    path(i, idea_views.ideas, name="ideas"),
    path(i + "karte/", idea_views.ideas_map, name="ideas_map"),
    path(i + "vorstellen/", idea_views.join, name="ideas_join"),
    path(i + "neu/", idea_views.idea_create, name="idea_create"),
    path(i + "klasse/", class_views.class_join, name="class_join"),
    path(d, idea_views.idea_detail, name="idea"),
    path(d + "unterstuetzen/", idea_views.idea_support, name="idea_support"),
    path(d + "kommentieren/", idea_views.idea_comment, name="idea_comment"),
    path(d + "melden/", idea_views.idea_report, name="idea_report"),
    path(d + "foto/", idea_views.idea_photo, name="idea_photo"),
]
