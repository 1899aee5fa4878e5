from django.urls import path

from zwk.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("leitbild/", views.vision_edit, name="vision_edit"),
    path("status/", views.plan_status, name="status"),
    path("ziele/neu/", views.goal_create, name="goal_create"),
    path("ziele/<int:pk>/bearbeiten/", views.goal_edit, name="goal_edit"),
    path("massnahmen/neu/", views.measure_create, name="measure_create"),
    path("massnahmen/<int:pk>/", views.measure_detail, name="measure"),
    path("massnahmen/<int:pk>/bearbeiten/", views.measure_edit, name="measure_edit"),
    path("massnahmen/<int:pk>/meilensteine/", views.milestone_add, name="milestone_add"),
    path("meilensteine/<int:pk>/erledigt/", views.milestone_done, name="milestone_done"),
    path("uebernehmen/", views.carry_over, name="carry_over"),
    path("indikatoren/neu/", views.indicator_create, name="indicator_create"),
    path("indikatoren/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indikatoren/<int:pk>/messwerte/", views.measurement_add, name="measurement_add"),
]

# Reports of plan and review (views_review.py)
from zwk.plans import views_review  # noqa: E402

urlpatterns += [path("bericht.pdf", views_review.report_pdf, name="report_pdf")]
urlpatterns += [path("bericht.xlsx", views_review.report_xlsx, name="report_xlsx")]
