"""The Zwischenbilanz at ``/kommunen/<slug>/bilanz/`` (step 5; process.py: ``review:review``)."""

from django.urls import path

from zwk.plans import views

app_name = "review"

urlpatterns = [
    path("", views.review, name="review"),
]
