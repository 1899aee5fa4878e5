from django.urls import path

from zwk.situation import candidate_views, interview_views, views

app_name = "situation"

urlpatterns = [
    path("", views.overview, name="overview"),
    # Bestandsaufnahme
    path("bestandsaufnahme/", views.initiative_list, name="initiatives"),
    path("bestandsaufnahme/neu/", views.initiative_create, name="initiative_create"),
    path("bestandsaufnahme/<int:pk>/bearbeiten/", views.initiative_edit, name="initiative_edit"),
    path("bestandsaufnahme/<int:pk>/loeschen/", views.initiative_delete, name="initiative_delete"),
    path("bestandsaufnahme.csv", views.initiatives_export, {"fmt": "csv"}, name="initiatives_csv"),
    path(
        "bestandsaufnahme.xlsx", views.initiatives_export, {"fmt": "xlsx"}, name="initiatives_xlsx"
    ),
    # SWOT
    path("swot/", views.swot, name="swot"),
    path("swot/neu/", views.swot_add, name="swot_add"),
    path("swot/<int:pk>/bearbeiten/", views.swot_edit, name="swot_edit"),
    path("swot/<int:pk>/loeschen/", views.swot_delete, name="swot_delete"),
    path(
        "swot/vorschlaege/<slug:key>/uebernehmen/",
        views.suggestion_accept,
        name="suggestion_accept",
    ),
    path(
        "swot/vorschlaege/<slug:key>/verwerfen/", views.suggestion_reject, name="suggestion_reject"
    ),
    path(
        "swot/vorschlaege/<slug:key>/zuruecknehmen/",
        views.suggestion_restore,
        name="suggestion_restore",
    ),
    path("swot.csv", views.swot_export, {"fmt": "csv"}, name="swot_csv"),
    path("swot.xlsx", views.swot_export, {"fmt": "xlsx"}, name="swot_xlsx"),
    # Interviews
    path("gespraeche/", interview_views.interview_list, name="interviews"),
    path("gespraeche/neu/", interview_views.interview_create, name="interview_create"),
    path("gespraeche/<int:pk>/", interview_views.interview_detail, name="interview"),
    path("gespraeche/<int:pk>/bearbeiten/", interview_views.interview_edit, name="interview_edit"),
    path(
        "gespraeche/<int:pk>/loeschen/", interview_views.interview_delete, name="interview_delete"
    ),
    path(
        "gespraeche/<int:pk>/swot/", interview_views.interview_swot_add, name="interview_swot_add"
    ),
    # Candidate Handlungsfelder
    path("handlungsfelder/", candidate_views.candidates, name="candidates"),
    path("handlungsfelder/neu/", candidate_views.candidate_add, name="candidate_add"),
    path(
        "handlungsfelder/<int:pk>/bearbeiten/",
        candidate_views.candidate_edit,
        name="candidate_edit",
    ),
    path(
        "handlungsfelder/<int:pk>/loeschen/",
        candidate_views.candidate_delete,
        name="candidate_delete",
    ),
    path(
        "handlungsfelder/<int:pk>/verschieben/",
        candidate_views.candidate_move,
        name="candidate_move",
    ),
]
