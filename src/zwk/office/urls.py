from django.urls import path

from zwk.office import gemeinden_views, map_views, picker_views, report_views, views

app_name = "office"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("einladen/", views.invite, name="invite"),
    path("checklisten/", views.checklist_templates, name="checklist_templates"),
    path("checklisten/<int:pk>/", views.checklist_template_edit, name="checklist_template_edit"),
    path("protokoll/", views.audit_log, name="audit_log"),
    path("karte/", map_views.map_page, name="map"),
    path("mitteilungen/<int:pk>/empfaenger/", picker_views.recipients, name="recipients"),
    path("gemeinden/", gemeinden_views.land_gemeinden, name="land_gemeinden"),
    path("gemeinden/gemeinden.csv", gemeinden_views.land_gemeinden_csv, name="land_gemeinden_csv"),
    path(
        "gemeinden/gemeinden.xlsx", gemeinden_views.land_gemeinden_xlsx, name="land_gemeinden_xlsx"
    ),
    path("berichte/", report_views.report_page, name="reports"),
    path("berichte/bericht.pdf", report_views.report_pdf, name="report_pdf"),
    path("berichte/bericht.xlsx", report_views.report_xlsx, name="report_xlsx"),
]
