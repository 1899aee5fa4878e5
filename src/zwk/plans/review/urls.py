"""The Zwischenbilanz at ``/kommunen/<slug>/bilanz/`` (step 5; process.py: ``review:review``)."""

from django.urls import path

from zwk.plans.review import views

app_name = "review"

urlpatterns = [
    path("", views.review, name="review"),
    # Lessons learnt, continuation (Verstetigung)
    path("erfahrungen/neu/", views.lesson_create, name="lesson_create"),
    path("erfahrungen/<int:pk>/bearbeiten/", views.lesson_edit, name="lesson_edit"),
    path("erfahrungen/<int:pk>/teilen/", views.lesson_share, name="lesson_share"),
    path("erfahrungen/<int:pk>/loeschen/", views.lesson_delete, name="lesson_delete"),
    path("verstetigung/", views.continuation, name="continuation"),
]
