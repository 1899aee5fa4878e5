from django.urls import path

from zwk.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.privacy_notice, name="notice"),
    path("meine-daten/", views.my_data, name="my_data"),
    path("meine-daten.json", views.my_data_json, name="my_data_json"),
    path("konto-loeschen/", views.erase_account, name="erase_account"),
    path("texte/<str:kind>/", views.legal_edit, name="legal_edit"),
    path("verzeichnis/", views.register, name="register"),
    path("verzeichnis.csv", views.register_csv, name="register_csv"),
    path("anfragen/", views.person_requests, name="requests"),
    path("anfragen/<int:pk>/daten.json", views.person_export, name="person_export"),
    path("anfragen/<int:pk>/loeschen/", views.person_erase, name="person_erase"),
]
