"""Public pages: /beteiligung/<Kommune>/<Projekt>/…"""

from django.urls import path

from zwk.participation import public_views as views

app_name = "participation"

p = "<slug:slug>/<slug:project>/"
s = p + "umfrage/<int:survey>/"

urlpatterns = [
    path("", views.open_list, name="open_list"),
    path(p, views.project, name="project"),
    path(s, views.survey_start, name="survey"),
    path(s + "seite/<int:page>/", views.survey_page, name="survey_page"),
    path(s + "fertig/", views.survey_done, name="survey_done"),
]
