"""/kommunen/<slug>/ergebnisse/…"""

from django.urls import path

from zwk.accountability import views

app_name = "accountability"

urlpatterns = [
    path("", views.public, name="public"),
    path("folgen/", views.follow, name="follow"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("antworten/", views.team, name="team"),
    path("antworten/<int:pk>/entfernen/", views.featured_remove, name="featured_remove"),
]
