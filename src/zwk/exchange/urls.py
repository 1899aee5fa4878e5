from django.urls import path

from zwk.exchange import views

app_name = "exchange"

e = "veranstaltung/<int:pk>/"

urlpatterns = [
    path("", views.event_list, name="list"),
    path(e, views.event_detail, name="detail"),
]
