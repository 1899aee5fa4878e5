from django.urls import path

from zwk.registration import views

app_name = "registration"

urlpatterns = [
    path("", views.start, name="start"),
    path("antrag/", views.apply, name="apply"),
    path("gesendet/", views.sent, name="sent"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("foerderrunden/", views.rounds, name="rounds"),
    path("erklaervideos/<int:pk>/<slug:part>/", views.video_file, name="video_file"),
]
