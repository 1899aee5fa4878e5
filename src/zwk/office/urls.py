from django.urls import path

from zwk.office import views

app_name = "office"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("einladen/", views.invite, name="invite"),
    path("checklisten/", views.checklist_templates, name="checklist_templates"),
    path("checklisten/<int:pk>/", views.checklist_template_edit, name="checklist_template_edit"),
    path("protokoll/", views.audit_log, name="audit_log"),
]
