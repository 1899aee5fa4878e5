"""Team side: /kommunen/<slug>/werkstatt/… (DESIGN.md: <id>/protokoll.pdf below it)."""

from django.urls import path

from zwk.workshops import stream
from zwk.workshops.views import cards, console, overview, projector, redaction, results

app_name = "workshops"

w = "<int:pk>/"

urlpatterns = [
    path("", overview.workshop_list, name="list"),
    path("neu/", overview.workshop_create, name="create"),
    path(w, console.workshop_detail, name="detail"),
    path(w + "bearbeiten/", overview.workshop_edit, name="edit"),
    path(w + "live/", console.console_live, name="console_live"),
    path(w + "ereignisse/", stream.team_stream, name="stream"),
    path(w + "abschliessen/", console.workshop_finish, name="finish"),
    path(w + "phasen/<int:phase>/zeit/", console.phase_minutes, name="phase_minutes"),
    path(w + "phasen/<int:phase>/<slug:action>/", console.phase_action, name="phase_action"),
    path(w + "beamer/", projector.projector, name="projector"),
    path(w + "beamer/live/", projector.projector_live, name="projector_live"),
    path(w + "qr.svg", projector.qr_code, name="qr"),
    path(w + "aushang/", projector.join_sheet, name="join_sheet"),
    path(w + "aushang.pdf", projector.join_sheet_pdf, name="join_sheet_pdf"),
    path(w + "karten/neu/", cards.card_add, name="card_add"),
    path(w + "karten/zusammenfuehren/", cards.card_merge, name="card_merge"),
    path(w + "karten/<int:card>/", cards.card_edit, name="card_edit"),
    path(w + "karten/<int:card>/ausblenden/", cards.card_hide, name="card_hide"),
    path(w + "karten/<int:card>/einblenden/", cards.card_show, name="card_show"),
    path(w + "karten/<int:card>/schwaerzen/", redaction.card_redact, name="card_redact"),
    path(w + "karten/<int:card>/cluster/", cards.card_cluster, name="card_cluster"),
    path(w + "karten/<int:card>/foto/", cards.card_photo, name="card_photo"),
    path(w + "cluster/neu/", cards.cluster_create, name="cluster_create"),
    path(w + "cluster/<int:cluster>/", cards.cluster_edit, name="cluster_edit"),
    path(w + "cluster/<int:cluster>/aufloesen/", cards.cluster_delete, name="cluster_delete"),
    path(w + "teilnehmende/", console.participant_list, name="participants"),
    path(
        w + "teilnehmende/<int:participant>/sperren/",
        console.participant_block,
        name="participant_block",
    ),
    path(
        w + "teilnehmende/<int:participant>/entsperren/",
        console.participant_unblock,
        name="participant_unblock",
    ),
    path(w + "skizzen/neu/", results.sketch_form, name="sketch_create"),
    path(w + "skizzen/<int:sketch>/", results.sketch_form, name="sketch_edit"),
    path(w + "fotos/neu/", results.photo_add, name="photo_add"),
    path(w + "fotos/<int:photo>/", results.photo_view, name="photo_view"),
    path(w + "fotos/<int:photo>/loeschen/", results.photo_delete, name="photo_delete"),
    path(w + "protokoll.md", results.protocol_markdown, name="protocol_md"),
    path(w + "protokoll.pdf", results.protocol_pdf, name="protocol_pdf"),
]
