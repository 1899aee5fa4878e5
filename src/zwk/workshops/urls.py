"""Team side: /kommunen/<slug>/werkstatt/… (DESIGN.md: <id>/protokoll.pdf below it)."""

from django.urls import path

from zwk.workshops import stream, views

app_name = "workshops"

w = "<int:pk>/"

urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("neu/", views.workshop_create, name="create"),
    path(w, views.workshop_detail, name="detail"),
    path(w + "bearbeiten/", views.workshop_edit, name="edit"),
    path(w + "live/", views.console_live, name="console_live"),
    path(w + "ereignisse/", stream.team_stream, name="stream"),
    path(w + "abschliessen/", views.workshop_finish, name="finish"),
    path(w + "phasen/<int:phase>/zeit/", views.phase_minutes, name="phase_minutes"),
    path(w + "phasen/<int:phase>/<slug:action>/", views.phase_action, name="phase_action"),
    path(w + "beamer/", views.projector, name="projector"),
    path(w + "beamer/live/", views.projector_live, name="projector_live"),
    path(w + "qr.svg", views.qr_code, name="qr"),
    path(w + "aushang/", views.join_sheet, name="join_sheet"),
    path(w + "karten/neu/", views.card_add, name="card_add"),
    path(w + "karten/zusammenfuehren/", views.card_merge, name="card_merge"),
    path(w + "karten/<int:card>/", views.card_edit, name="card_edit"),
    path(w + "karten/<int:card>/ausblenden/", views.card_hide, name="card_hide"),
    path(w + "karten/<int:card>/einblenden/", views.card_show, name="card_show"),
    path(w + "karten/<int:card>/cluster/", views.card_cluster, name="card_cluster"),
    path(w + "karten/<int:card>/foto/", views.card_photo, name="card_photo"),
    path(w + "cluster/neu/", views.cluster_create, name="cluster_create"),
    path(w + "cluster/<int:cluster>/", views.cluster_edit, name="cluster_edit"),
    path(w + "cluster/<int:cluster>/aufloesen/", views.cluster_delete, name="cluster_delete"),
    path(w + "teilnehmende/", views.participant_list, name="participants"),
    path(
        w + "teilnehmende/<int:participant>/sperren/",
        views.participant_block,
        name="participant_block",
    ),
    path(
        w + "teilnehmende/<int:participant>/entsperren/",
        views.participant_unblock,
        name="participant_unblock",
    ),
    path(w + "skizzen/neu/", views.sketch_form, name="sketch_create"),
    path(w + "skizzen/<int:sketch>/", views.sketch_form, name="sketch_edit"),
    path(w + "fotos/neu/", views.photo_add, name="photo_add"),
    path(w + "fotos/<int:photo>/", views.photo_view, name="photo_view"),
    path(w + "fotos/<int:photo>/loeschen/", views.photo_delete, name="photo_delete"),
    path(w + "protokoll.md", views.protocol_markdown, name="protocol_md"),
    path(w + "protokoll.pdf", views.protocol_pdf, name="protocol_pdf"),
]
