"""Team pages: /kommunen/<slug>/beteiligung/…"""

from django.urls import path

from zwk.participation import idea_team_views as ideas
from zwk.participation import report_views
from zwk.participation import team_views as views
from zwk.participation import translation_views as translations

app_name = "participation_team"

u = "umfragen/<int:survey>/"
c = "ideensammlungen/<int:collection>/"
i = "ideen/<int:idea>/"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("neu/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/bearbeiten/", views.project_edit, name="edit"),
    path("<int:pk>/phasen/neu/", views.phase_edit, name="phase_create"),
    path("<int:pk>/phasen/<int:phase>/", views.phase_edit, name="phase_edit"),
    path("<int:pk>/umfragen/neu/", views.survey_create, name="survey_create"),
    path(u, views.survey_detail, name="survey"),
    path(u + "bearbeiten/", views.survey_edit, name="survey_edit"),
    path(u + "fragen/neu/", views.question_edit, name="question_create"),
    path(u + "fragen/<int:question>/", views.question_edit, name="question_edit"),
    path(u + "fragen/<int:question>/loeschen/", views.question_delete, name="question_delete"),
    path(u + "codes/", views.codes, name="codes"),
    path(u + "briefe.pdf", views.letters_pdf, name="letters_pdf"),
    path(u + "papier/", views.paper_entry, name="paper"),
    path(u + "ergebnisse/", views.survey_results, name="results"),
    path(u + "export.<slug:fmt>", views.survey_export, name="export"),
    path(u + "bericht.pdf", report_views.survey_report_pdf, name="report_pdf"),
    path(
        "werkstaetten/<int:workshop>/gewichtet/",
        report_views.workshop_weighted,
        name="workshop_weighted",
    ),
    path(u + "antworten/<int:answer>/moderieren/", views.answer_moderate, name="answer_moderate"),
    path(
        u + "antworten/<int:answer>/uebersetzung/",
        translations.answer_translate,
        name="answer_translate",
    ),
    path("<int:pk>/ideensammlungen/neu/", ideas.collection_create, name="ideas_create"),
    path(c, ideas.collection_detail, name="ideas"),
    path(c + "bearbeiten/", ideas.collection_edit, name="ideas_edit"),
    path(i, ideas.idea_detail, name="idea"),
    path(i + "stand/", ideas.idea_status, name="idea_status"),
    path(i + "antwort/", ideas.idea_answer, name="idea_answer"),
    path(i + "ausblenden/", ideas.idea_hide, name="idea_hide"),
    path(i + "zusammenfuehren/", ideas.idea_merge, name="idea_merge"),
    path(i + "meldungen/", ideas.reports_resolve, name="idea_reports"),
    path(i + "kommentare/<int:comment>/", ideas.comment_moderate, name="idea_comment_moderate"),
    path(i + "uebersetzung/", translations.idea_translate, name="idea_translate"),
    path(
        i + "kommentare/<int:comment>/uebersetzung/",
        translations.comment_translate,
        name="idea_comment_translate",
    ),
]
