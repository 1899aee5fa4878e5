from django.urls import path

from zwk.decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.check_list, name="list"),
    path("neu/", views.check_create, name="create"),
    path("vorlage.docx", views.check_blank, {"fmt": "docx"}, name="blank_docx"),
    path("vorlage.odt", views.check_blank, {"fmt": "odt"}, name="blank_odt"),
    path("<int:pk>/", views.check_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.check_edit, name="edit"),
    path("<int:pk>/ergebnis.pdf", views.check_pdf, name="result_pdf"),
    path("<int:pk>/ergebnis.docx", views.check_document, {"fmt": "docx"}, name="result_docx"),
    path("<int:pk>/ergebnis.odt", views.check_document, {"fmt": "odt"}, name="result_odt"),
    path("<int:pk>/veroeffentlichen/", views.check_publish, name="publish"),
    path("<int:pk>/oeffentlich/", views.check_public, name="public"),
]
