from django.urls import path

from zwk.plans.views import (
    approval,
    boards,
    effects,
    goals,
    indicators,
    measures,
    overview,
    reports,
)

app_name = "plans"

urlpatterns = [
    path("", overview.plan, name="plan"),
    path("leitbild/", overview.vision_edit, name="vision_edit"),
    path("status/", overview.plan_status, name="status"),
    # Views of the plan
    path("tafel/", boards.board, name="board"),
    path("zeitplan/", boards.timeline_view, name="timeline"),
    path("handlungsfelder/", boards.themes_view, name="themes"),
    path("strategie/", boards.strategy_view, name="strategy"),
    path("herkunft/", boards.origin, name="origin"),
    # Consultation, approval, versions, publication
    path("abstimmung/", approval.consultation, name="consultation"),
    path("kommentare/<int:pk>/loeschen/", approval.comment_delete, name="comment_delete"),
    path("fassungen/", approval.versions_view, name="versions"),
    path("fassungen/vergleich/", approval.version_compare, name="compare"),
    path("fassungen/<int:number>/", approval.version_detail, name="version"),
    path("veroeffentlichen/", approval.publish, name="publish"),
    path("oeffentlich/", approval.public, name="public"),
    # Goals
    path("ziele/neu/", goals.goal_create, name="goal_create"),
    path("ziele/<int:pk>/bearbeiten/", goals.goal_edit, name="goal_edit"),
    path("ziele/<int:pk>/loeschen/", goals.goal_delete, name="goal_delete"),
    # Measures and milestones
    path("massnahmen/neu/", measures.measure_create, name="measure_create"),
    path("massnahmen/<int:pk>/", measures.measure_detail, name="measure"),
    path("massnahmen/<int:pk>/bearbeiten/", measures.measure_edit, name="measure_edit"),
    path("massnahmen/<int:pk>/status/", boards.measure_status, name="measure_status"),
    path("massnahmen/<int:pk>/loeschen/", measures.measure_delete, name="measure_delete"),
    path("massnahmen/<int:pk>/kommentare/", measures.measure_comment, name="measure_comment"),
    path("massnahmen/<int:pk>/meilensteine/", measures.milestone_add, name="milestone_add"),
    path("meilensteine/<int:pk>/erledigt/", measures.milestone_done, name="milestone_done"),
    path("meilensteine/<int:pk>/bearbeiten/", measures.milestone_edit, name="milestone_edit"),
    path("meilensteine/<int:pk>/loeschen/", measures.milestone_delete, name="milestone_delete"),
    path("uebernehmen/", overview.carry_over, name="carry_over"),
    # Demographic effects of measures, "mit Plan / ohne Plan"
    path("wirkung/", effects.effects_page, name="effects"),
    path("massnahmen/<int:pk>/wirkungen/neu/", effects.effect_add, name="effect_add"),
    path("wirkungen/<int:pk>/loeschen/", effects.effect_delete, name="effect_delete"),
    # Indicators and measurements
    path("indikatoren/neu/", indicators.indicator_create, name="indicator_create"),
    path("indikatoren/<int:pk>/", indicators.indicator_detail, name="indicator"),
    path("indikatoren/<int:pk>/bearbeiten/", indicators.indicator_edit, name="indicator_edit"),
    path("indikatoren/<int:pk>/loeschen/", indicators.indicator_delete, name="indicator_delete"),
    path("indikatoren/<int:pk>/messwerte/", indicators.measurement_add, name="measurement_add"),
    path("messwerte/<int:pk>/bearbeiten/", indicators.measurement_edit, name="measurement_edit"),
    path("messwerte/<int:pk>/loeschen/", indicators.measurement_delete, name="measurement_delete"),
    # Reports of plan and review (PDF for the Gemeinderat, XLSX)
    path("bericht.pdf", reports.report_pdf, name="report_pdf"),
    path("bericht.xlsx", reports.report_xlsx, name="report_xlsx"),
]
