from django.urls import path

from zwk.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("leitbild/", views.vision_edit, name="vision_edit"),
    path("status/", views.plan_status, name="status"),
    # Views of the plan
    path("tafel/", views.board, name="board"),
    path("zeitplan/", views.timeline_view, name="timeline"),
    path("handlungsfelder/", views.themes_view, name="themes"),
    path("strategie/", views.strategy_view, name="strategy"),
    path("herkunft/", views.origin, name="origin"),
    # Consultation, approval, versions, publication
    path("abstimmung/", views.consultation, name="consultation"),
    path("kommentare/<int:pk>/loeschen/", views.comment_delete, name="comment_delete"),
    path("fassungen/", views.versions_view, name="versions"),
    path("fassungen/vergleich/", views.version_compare, name="compare"),
    path("fassungen/<int:number>/", views.version_detail, name="version"),
    path("veroeffentlichen/", views.publish, name="publish"),
    path("oeffentlich/", views.public, name="public"),
    # Goals
    path("ziele/neu/", views.goal_create, name="goal_create"),
    path("ziele/<int:pk>/bearbeiten/", views.goal_edit, name="goal_edit"),
    path("ziele/<int:pk>/loeschen/", views.goal_delete, name="goal_delete"),
    # Measures and milestones
    path("massnahmen/neu/", views.measure_create, name="measure_create"),
    path("massnahmen/<int:pk>/", views.measure_detail, name="measure"),
    path("massnahmen/<int:pk>/bearbeiten/", views.measure_edit, name="measure_edit"),
    path("massnahmen/<int:pk>/status/", views.measure_status, name="measure_status"),
    path("massnahmen/<int:pk>/loeschen/", views.measure_delete, name="measure_delete"),
    path("massnahmen/<int:pk>/kommentare/", views.measure_comment, name="measure_comment"),
    path("massnahmen/<int:pk>/meilensteine/", views.milestone_add, name="milestone_add"),
    path("meilensteine/<int:pk>/erledigt/", views.milestone_done, name="milestone_done"),
    path("meilensteine/<int:pk>/bearbeiten/", views.milestone_edit, name="milestone_edit"),
    path("meilensteine/<int:pk>/loeschen/", views.milestone_delete, name="milestone_delete"),
    path("uebernehmen/", views.carry_over, name="carry_over"),
    # Indicators and measurements
    path("indikatoren/neu/", views.indicator_create, name="indicator_create"),
    path("indikatoren/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indikatoren/<int:pk>/bearbeiten/", views.indicator_edit, name="indicator_edit"),
    path("indikatoren/<int:pk>/loeschen/", views.indicator_delete, name="indicator_delete"),
    path("indikatoren/<int:pk>/messwerte/", views.measurement_add, name="measurement_add"),
    path("messwerte/<int:pk>/bearbeiten/", views.measurement_edit, name="measurement_edit"),
    path("messwerte/<int:pk>/loeschen/", views.measurement_delete, name="measurement_delete"),
]

# Reports of plan and review (views_review.py)
from zwk.plans import views_review  # noqa: E402

urlpatterns += [path("bericht.pdf", views_review.report_pdf, name="report_pdf")]
urlpatterns += [path("bericht.xlsx", views_review.report_xlsx, name="report_xlsx")]
