from django.urls import path

from zwk.consultation import views

app_name = "consultation"

# Included at /kommunen/<slug>/plan/entwurf/ (next to the plan's public page "oeffentlich/").
urlpatterns = [
    path("", views.draft, name="draft"),
    path("name-vergessen/", views.forget, name="forget"),
    path("kommentare/<int:pk>/melden/", views.report, name="report"),
    path("moderation/", views.team, name="team"),
    path("moderation/neu/", views.consultation_create, name="create"),
    path("moderation/<int:pk>/abschliessen/", views.consultation_close, name="close"),
    path("moderation/kommentare/<int:pk>/antworten/", views.comment_answer, name="answer"),
    path("moderation/kommentare/<int:pk>/ausblenden/", views.comment_hide, name="hide"),
    path("moderation/kommentare/<int:pk>/zeigen/", views.comment_show, name="show"),
    path(
        "moderation/kommentare/<int:pk>/uebersetzung/",
        views.comment_translate,
        name="translate",
    ),
]
