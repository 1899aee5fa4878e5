"""The Zwischenbilanz at ``/kommunen/<slug>/bilanz/`` (step 5; process.py: ``review:review``)."""

from django.urls import path

from zwk.plans import views

app_name = "review"

urlpatterns = [
    path("", views.review, name="review"),
]

# Lessons learnt, Verstetigung (views_review.py)
from zwk.plans import views_review  # noqa: E402

urlpatterns += [
    path("erfahrungen/neu/", views_review.lesson_create, name="lesson_create"),
    path("erfahrungen/<int:pk>/bearbeiten/", views_review.lesson_edit, name="lesson_edit"),
    path("erfahrungen/<int:pk>/teilen/", views_review.lesson_share, name="lesson_share"),
    path("erfahrungen/<int:pk>/loeschen/", views_review.lesson_delete, name="lesson_delete"),
    path("verstetigung/", views_review.continuation, name="continuation"),
]
